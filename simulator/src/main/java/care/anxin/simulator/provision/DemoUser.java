package care.anxin.simulator.provision;

/**
 * A login the demo creates (and prints as {@code DEMO-LOGIN role username / password}).
 *
 * @param phone the account's phone (responders get their dispatch SMS there); null when not needed
 */
public record DemoUser(String username, String password, String displayName, String role, String organizationCode,
                       String phone) {

    public DemoUser(String username, String password, String displayName, String role, String organizationCode) {
        this(username, password, displayName, role, organizationCode, null);
    }
}
