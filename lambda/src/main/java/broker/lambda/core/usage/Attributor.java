package broker.lambda.core.usage;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Charges records to owners exactly, from what the broker recorded, never from guesses on names: a session of the
 * broker's user role to the person or workload its RoleSessionName was issued to, a key user under the broker's
 * path to its owner tag, everything else to {@link Owner#UNATTRIBUTED}.
 */
public final class Attributor {
    private final UsagePrincipals principals;
    private final SessionOwners sessions;
    private final KeyOwners keys;

    public Attributor(UsagePrincipals principals, SessionOwners sessions, KeyOwners keys) {
        this.principals = principals;
        this.sessions = sessions;
        this.keys = keys;
    }

    /** The owner of every distinct {@code identity.arn} in {@code arns}; one lookup per port for the whole batch. */
    public Map<String, Owner> ownersOf(Collection<String> arns) {
        Map<String, PrincipalArn> parsed = new HashMap<>();
        Set<String> sessionNames = new HashSet<>();
        Set<String> userNames = new HashSet<>();
        for (String arn : arns) {
            if (parsed.containsKey(arn)) continue;
            PrincipalArn principal = PrincipalArn.parse(arn);
            parsed.put(arn, principal);
            switch (principal) {
                case PrincipalArn.AssumedRole role when issued(role) -> sessionNames.add(role.sessionName());
                case PrincipalArn.IamUser user when issued(user) -> userNames.add(user.userName());
                case PrincipalArn.AssumedRole role -> { }
                case PrincipalArn.IamUser user -> { }
                case PrincipalArn.Other other -> { }
            }
        }
        Map<String, Owner> sessionOwners = sessionNames.isEmpty() ? Map.of() : sessions.ownersOf(sessionNames);
        Map<String, Owner> keyOwners = userNames.isEmpty() ? Map.of() : keys.ownersOf(userNames);
        Map<String, Owner> owners = new HashMap<>();
        parsed.forEach((arn, principal) -> owners.put(arn, switch (principal) {
            case PrincipalArn.AssumedRole role when issued(role) ->
                    sessionOwners.getOrDefault(role.sessionName(), Owner.UNATTRIBUTED);
            case PrincipalArn.IamUser user when issued(user) ->
                    keyOwners.getOrDefault(user.userName(), Owner.UNATTRIBUTED);
            case PrincipalArn.AssumedRole role -> Owner.UNATTRIBUTED;
            case PrincipalArn.IamUser user -> Owner.UNATTRIBUTED;
            case PrincipalArn.Other other -> Owner.UNATTRIBUTED;
        }));
        return owners;
    }

    private boolean issued(PrincipalArn.AssumedRole role) {
        return principals.accountAllowed(role.account()) && role.roleName().equals(principals.userRoleName());
    }

    private boolean issued(PrincipalArn.IamUser user) {
        return principals.accountAllowed(user.account()) && user.path().equals(principals.keyUserPath());
    }
}
