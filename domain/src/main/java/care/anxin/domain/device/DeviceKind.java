package care.anxin.domain.device;

/** The kinds of device an elder carries (the {@code device.kind} column accepts exactly these). */
public enum DeviceKind {
    /** The one-key emergency phone (一键通): SOS button, speaker for spoken messages, GPS. */
    HANDSET,
    WRISTBAND,
    PENDANT,
    /** A GPS watch speaking the "3G watch" TCP protocol (docs/protocol-watch.md): SOS key, fall alarm, vitals. */
    WATCH
}
