package care.anxin.store.ingest;

/**
 * A device's credentials as read at login, with its stored session state: whether it subscribed
 * to commands in a persistent session, or null when it has no stored session.
 */
public record DeviceLogin(DeviceCredentials credentials, Boolean storedSubscription) {
}
