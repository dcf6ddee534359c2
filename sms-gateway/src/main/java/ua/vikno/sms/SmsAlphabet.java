package ua.vikno.sms;

/** The character set of a short message, with its SMPP data_coding value (SMPP 3.4 §5.2.19). */
public enum SmsAlphabet {
    /** GSM 7-bit default alphabet (3GPP TS 23.038), one unpacked septet per octet. */
    GSM7(0x00, 160, 153),
    /** UCS-2 (UTF-16BE), needed for Cyrillic. */
    UCS2(0x08, 70, 67);

    private final int dataCoding;
    private final int singleLimit;
    private final int partLimit;

    SmsAlphabet(int dataCoding, int singleLimit, int partLimit) {
        this.dataCoding = dataCoding;
        this.singleLimit = singleLimit;
        this.partLimit = partLimit;
    }

    public int dataCoding() {
        return dataCoding;
    }

    /** Characters (septets for GSM7, UTF-16 units for UCS-2) that fit in one unsplit message. */
    public int singleLimit() {
        return singleLimit;
    }

    /** Characters per part once a 6-octet concatenation header takes its room. */
    public int partLimit() {
        return partLimit;
    }
}
