package broker.lambda.core.usage;

import broker.lambda.core.state.PersonDirectory;
import broker.lambda.core.state.SessionRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@link SessionOwners} on the state store's issuance records ({@link PersonDirectory#sessions}). */
public final class DirectorySessionOwners implements SessionOwners {
    private final PersonDirectory directory;

    public DirectorySessionOwners(PersonDirectory directory) {
        this.directory = directory;
    }

    /** @throws broker.lambda.core.state.StateUnavailableException when the store cannot be read */
    @Override
    public Map<String, Owner> ownersOf(Set<String> roleSessionNames) {
        Map<String, Owner> owners = new HashMap<>();
        directory.sessions(roleSessionNames).forEach((name, session) -> owners.put(name, ownerOf(session)));
        return owners;
    }

    static Owner ownerOf(SessionRecord session) {
        return new Owner(session.issuer(), session.subject(), session.userName(), session.groups(), Owner.Kind.PERSON);
    }
}
