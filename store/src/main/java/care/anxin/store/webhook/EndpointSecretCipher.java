package care.anxin.store.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts webhook signing secrets at rest with AES-256-GCM: {@code v1:<base64(nonce | ciphertext+tag)>}.
 * The key comes from configuration (anxin.webhook.secret-key) or a key file created on first use;
 * it is loaded lazily so a process that never touches endpoint secrets never needs it.
 */
public class EndpointSecretCipher {

    private static final Logger log = LoggerFactory.getLogger(EndpointSecretCipher.class);
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;

    private final WebhookProperties settings;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKey key;

    public EndpointSecretCipher(WebhookProperties settings) {
        this.settings = settings;
    }

    /** 256 random bits, URL-safe, behind a recognisable prefix: a new webhook signing secret. */
    public String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String encrypt(String secret) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt endpoint secret", e);
        }
    }

    /** @throws IllegalStateException when the value was encrypted with another key (misconfiguration) */
    public String decrypt(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new IllegalStateException("not an encrypted endpoint secret");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, in, 0, NONCE_BYTES));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("endpoint secret cannot be decrypted: is anxin.webhook.secret-key"
                    + " the same in every service?", e);
        }
    }

    private SecretKey key() {
        SecretKey k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(loadKey(), "AES");
                }
                k = key;
            }
        }
        return k;
    }

    private byte[] loadKey() {
        String configured = settings.secretKey();
        if (configured != null && !configured.isBlank()) {
            return checked(Base64.getDecoder().decode(configured.trim()), "anxin.webhook.secret-key");
        }
        Path file = settings.secretKeyFile().toAbsolutePath();
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return checked(Base64.getDecoder().decode(Files.readString(file).trim()), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the endpoint secret key " + file, e);
        }
    }

    /** Written to a private temporary file and linked into place, so two services starting together agree. */
    private void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        Path tmp = Files.createTempFile(file.getParent(), ".key", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            Files.writeString(tmp, Base64.getEncoder().encodeToString(bytes));
            Files.createLink(file, tmp);
            log.warn("Created the endpoint secret key {} (set ANXIN_WEBHOOK_SECRET_KEY when services run on"
                    + " several machines)", file);
        } catch (FileAlreadyExistsException e) {
            // another service created it first: use theirs
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static byte[] checked(byte[] key, String source) {
        if (key.length != 32) {
            throw new IllegalStateException(source + " must be base64 of 32 random bytes (openssl rand -base64 32)");
        }
        return key;
    }
}
