package broker.lambda.core.usage;

import java.util.Map;
import java.util.Set;

/**
 * Port: the issuance records, RoleSessionName to the person or workload it was issued to (kept in the state store
 * past the session's end).
 */
public interface SessionOwners {
    /** The owners of those of {@code roleSessionNames} the broker issued; names it did not issue are absent. */
    Map<String, Owner> ownersOf(Set<String> roleSessionNames);
}
