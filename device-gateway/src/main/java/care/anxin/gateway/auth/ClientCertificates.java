package care.anxin.gateway.auth;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * mTLS: a client certificate vouches only for the device it names. Its subject CN, or one of its
 * subject alternative names (DNS, URI, e-mail, or an {@code urn:anxin:device:<id>} URI), must be
 * exactly the client id — a valid certificate of another device is refused.
 */
public final class ClientCertificates {

    private static final String DEVICE_URN = "urn:anxin:device:";
    private static final int SAN_EMAIL = 1;
    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;

    private ClientCertificates() {
    }

    public static boolean boundTo(X509Certificate certificate, String deviceId) {
        return names(certificate).stream().anyMatch(n -> n.equals(deviceId) || n.equals(DEVICE_URN + deviceId));
    }

    /** The CN values and SANs the certificate names, for matching and logs. */
    public static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    names.add(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException ignored) {
            // no usable subject: only SANs can name the device
        }
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == SAN_DNS || type == SAN_URI || type == SAN_EMAIL) {
                        names.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException ignored) {
            // unreadable SAN extension: not a match
        }
        return names;
    }
}
