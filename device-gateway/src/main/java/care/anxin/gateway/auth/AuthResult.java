package care.anxin.gateway.auth;

import care.anxin.store.ingest.DeviceCredentials;

/** Outcome of a device login: the device on success, else why it was refused (and a log detail). */
public record AuthResult(DeviceCredentials device, LoginRefusal refusal, String detail) {

    public static AuthResult ok(DeviceCredentials device) {
        return new AuthResult(device, null, null);
    }

    public static AuthResult refused(LoginRefusal refusal, String detail) {
        return new AuthResult(null, refusal, detail);
    }

    public boolean accepted() {
        return device != null;
    }
}
