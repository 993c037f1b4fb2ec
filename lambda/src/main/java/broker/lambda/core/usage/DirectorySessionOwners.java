package broker.lambda.core.usage;

import broker.lambda.core.state.PersonDirectory;
import broker.lambda.core.state.SessionRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@link SessionOwners} on the state store's issuance records ({@link PersonDirectory#sessions}). */
public final class DirectorySessionOwners implements SessionOwners {
    private final PersonDirectory directory;
    private final OwnerIssuers issuers;

    public DirectorySessionOwners(PersonDirectory directory, OwnerIssuers issuers) {
        this.directory = directory;
        this.issuers = issuers;
    }

    /** @throws broker.lambda.core.state.StateUnavailableException when the store cannot be read */
    @Override
    public Map<String, Owner> ownersOf(Set<String> roleSessionNames) {
        Map<String, Owner> owners = new HashMap<>();
        directory.sessions(roleSessionNames).forEach((name, session) -> owners.put(name, ownerOf(session)));
        return owners;
    }

    Owner ownerOf(SessionRecord session) {
        return issuers.owner(session.issuer(), session.subject(), session.userName(), session.groups());
    }
}
