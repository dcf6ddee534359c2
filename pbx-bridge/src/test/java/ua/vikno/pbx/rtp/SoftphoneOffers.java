package ua.vikno.pbx.rtp;

/** SDP offers in the shape real softphones send them, for offer/answer tests. */
final class SoftphoneOffers {
    private SoftphoneOffers() {
    }

    /** baresip 1.0 with g711 only: PCMU first, telephone-event as 101. */
    static final String BARESIP = """
            v=0
            o=- 1163718165 3183522339 IN IP4 127.0.0.1
            s=-
            c=IN IP4 127.0.0.1
            t=0 0
            m=audio 10232 RTP/AVP 0 8 101
            b=AS:64
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-15
            a=ptime:20
            a=sendrecv
            a=rtcp-rsize
            """;

    /** Linphone 5: opus and speex first, telephone-event at three rates, only 100 is 8 kHz. */
    static final String LINPHONE = """
            v=0
            o=alice 2417 1853 IN IP4 192.168.1.20
            s=Talk
            c=IN IP4 192.168.1.20
            t=0 0
            a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics
            m=audio 7078 RTP/AVP 96 97 98 0 8 18 101 99 100
            a=rtpmap:96 opus/48000/2
            a=fmtp:96 useinbandfec=1
            a=rtpmap:97 speex/16000
            a=fmtp:97 vbr=on
            a=rtpmap:98 speex/8000
            a=fmtp:98 vbr=on
            a=fmtp:18 annexb=yes
            a=rtpmap:101 telephone-event/48000
            a=rtpmap:99 telephone-event/16000
            a=rtpmap:100 telephone-event/8000
            a=rtcp-fb:* trr-int 1000
            a=rtcp-fb:* ccm tmmbr
            """;

    /** Zoiper 5: GSM first, then speex, PCMA, PCMU, iLBC; telephone-event as 101 with flash. */
    static final String ZOIPER = """
            v=0
            o=Z 0 1 IN IP4 10.0.0.5
            s=Z
            c=IN IP4 10.0.0.5
            t=0 0
            m=audio 8000 RTP/AVP 3 110 8 0 97 101
            a=rtpmap:110 speex/8000
            a=rtpmap:97 iLBC/8000
            a=fmtp:97 mode=30
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=sendrecv
            """;

    /** MicroSIP / pjsua (PJSIP): PCMA first, telephone-event as 96, the connection at media level. */
    static final String PJSIP = """
            v=0
            o=- 3911278461 3911278461 IN IP4 192.168.0.7
            s=pjmedia
            b=AS:84
            t=0 0
            a=X-nat:0
            m=audio 4002 RTP/AVP 8 0 96
            c=IN IP4 192.168.0.7
            b=TIAS:64000
            a=rtcp:4003 IN IP4 192.168.0.7
            a=sendrecv
            a=rtpmap:8 PCMA/8000
            a=rtpmap:0 PCMU/8000
            a=rtpmap:96 telephone-event/8000
            a=fmtp:96 0-16
            a=ssrc:1520364424 cname:1be4b4b56c5c4b9e
            """;

    /** A softphone in SIP INFO DTMF mode offering PCMA only, static payload type without rtpmap. */
    static final String PCMA_ONLY_INFO_MODE = """
            v=0
            o=user 5 5 IN IP4 172.16.0.9
            s=call
            c=IN IP4 172.16.0.9
            t=0 0
            m=audio 30000 RTP/AVP 8
            a=ptime:20
            """;

    /** A wideband-only offer: G.722, G.729 and opus. */
    static final String NO_G711 = """
            v=0
            o=hd 1 1 IN IP4 10.1.1.1
            s=hd
            c=IN IP4 10.1.1.1
            t=0 0
            m=audio 5004 RTP/AVP 9 18 111
            a=rtpmap:9 G722/8000
            a=rtpmap:18 G729/8000
            a=rtpmap:111 opus/48000/2
            """;

    /** baresip with video enabled: the video stream comes first and must be rejected, audio accepted. */
    static final String VIDEO_FIRST = """
            v=0
            o=- 1 1 IN IP4 127.0.0.1
            s=-
            c=IN IP4 127.0.0.1
            t=0 0
            m=video 10240 RTP/AVP 96
            a=rtpmap:96 H264/90000
            m=audio 10242 RTP/AVP 0 101
            a=rtpmap:101 telephone-event/8000
            """;

    /** An SRTP-only audio offer (RTP/SAVP), which plain RTP cannot answer. */
    static final String SRTP_ONLY = """
            v=0
            o=- 1 1 IN IP4 127.0.0.1
            s=-
            c=IN IP4 127.0.0.1
            t=0 0
            m=audio 10242 RTP/SAVP 0 8
            a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz
            """;

    /** A baresip offer put on hold by a re-INVITE with the given direction attribute. */
    static String baresipWith(String direction) {
        return BARESIP.replace("a=sendrecv", "a=" + direction);
    }
}
