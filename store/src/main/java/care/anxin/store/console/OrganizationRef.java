package care.anxin.store.console;

/** The short form of an organization embedded in other views. kind may be null where not needed. */
public record OrganizationRef(long id, String name, String kind) implements java.io.Serializable {
}
