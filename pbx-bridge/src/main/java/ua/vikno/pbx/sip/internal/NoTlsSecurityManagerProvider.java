package ua.vikno.pbx.sip.internal;

import java.util.Properties;

import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

import gov.nist.core.net.SecurityManagerProvider;

/** Key and trust material for a stack that opens no TLS listening point: none, and no warnings about it. */
public final class NoTlsSecurityManagerProvider implements SecurityManagerProvider {

    public NoTlsSecurityManagerProvider() {
    }

    @Override
    public void init(Properties properties) {
    }

    @Override
    public KeyManager[] getKeyManagers(boolean client) {
        return new KeyManager[0];
    }

    @Override
    public TrustManager[] getTrustManagers(boolean client) {
        return new TrustManager[0];
    }
}
