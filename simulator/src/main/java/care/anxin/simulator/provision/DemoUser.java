package care.anxin.simulator.provision;

/** A login the demo creates (and prints as {@code DEMO-LOGIN role username / password}). */
public record DemoUser(String username, String password, String displayName, String role, String organizationCode) {
}
