package broker.lambda.core.apikeys;

import broker.lambda.core.state.StateUnavailableException;
import broker.lambda.core.usage.KeyOwners;
import broker.lambda.core.usage.Owner;
import broker.lambda.core.usage.OwnerIssuers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The usage ingestion's {@link KeyOwners} on the key users' owner tags ({@code GetUser} + {@code ListUserTags}); owners are remembered for
 * the life of the function (a user's owner never changes: the name is derived from the subject).
 */
public final class IamKeyOwners implements KeyOwners {
    private final IamUsers iam;
    private final String keyUserPath;
    private final OwnerIssuers issuers;
    private final Map<String, Owner> known = new ConcurrentHashMap<>();

    public IamKeyOwners(IamUsers iam, String keyUserPath, OwnerIssuers issuers) {
        this.iam = iam;
        this.keyUserPath = keyUserPath;
        this.issuers = issuers;
    }

    /** @throws StateUnavailableException when IAM cannot be asked now (the batch is retried, never misattributed) */
    @Override
    public Map<String, Owner> ownersOf(Set<String> iamUserNames) {
        Map<String, Owner> owners = new HashMap<>();
        for (String name : iamUserNames) {
            Owner owner = known.get(name);
            if (owner == null) {
                owner = switch (iam.getUser(name)) {
                    case IamResult.Done<IamUser>(var user) -> ownerOf(user);
                    case IamResult.NotFound<IamUser> gone -> null;
                    case IamResult.Throttled<IamUser> t -> throw new StateUnavailableException("GetUser throttled", null);
                    case IamResult.Unavailable<IamUser> u -> throw new StateUnavailableException("GetUser unavailable", null);
                    case IamResult.Refused<IamUser>(var code) -> throw new StateUnavailableException("GetUser refused: " + code, null);
                    case IamResult.AlreadyExists<IamUser> a -> null;
                    case IamResult.LimitExceeded<IamUser> l -> null;
                };
                if (owner != null) known.put(name, owner);
            }
            if (owner != null) owners.put(name, owner);
        }
        return owners;
    }

    /**
     * The owner {@link IamUserNames#owner} knows exactly; none for a user whose owner it cannot tell (its usage stays
     * unattributed rather than charged to a principal no one signs in as).
     */
    private Owner ownerOf(IamUser user) {
        if (!keyUserPath.equals(user.path())) return null;
        // Users made before issuer-keyed names carry no principal tag: they belong to the legacy issuer's people.
        return IamUserNames.owner(user, issuers.unnamedIssuer()).map(owner -> {
            String userName = user.tags().getOrDefault(IamUserNames.TAG_USER, user.name());
            return issuers.owner(owner.issuer(), owner.subject(), userName.isEmpty() ? user.name() : userName, List.of());
        }).orElse(null);
    }
}
