package broker.lambda.core.usage;

import java.util.Objects;
import java.util.Set;

/**
 * Which principals the broker issues: sessions of its Bedrock user role, and IAM users under its key-user path.
 * Records of any other principal are unattributed.
 *
 * @param userRoleName   the name of the role the credentials route assumes (the part after {@code role/}, no path)
 * @param keyUserPath    the IAM path of the per-person key users, e.g. {@code /bedrock-broker/users/}
 * @param accounts       the accounts whose records may be attributed; empty for any account
 */
public record UsagePrincipals(String userRoleName, String keyUserPath, Set<String> accounts) {
    public UsagePrincipals {
        Objects.requireNonNull(userRoleName, "userRoleName");
        Objects.requireNonNull(keyUserPath, "keyUserPath");
        accounts = Set.copyOf(accounts);
    }

    boolean accountAllowed(String account) {
        return accounts.isEmpty() || accounts.contains(account);
    }
}
