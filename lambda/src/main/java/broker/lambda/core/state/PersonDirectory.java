package broker.lambda.core.state;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Port: the people and STS sessions the broker has issued to. Written at each issuance (see {@link PersonRecord}
 * and {@link SessionRecord}); read by the admin routes (is this a person we know? whose email is this?) and by
 * usage attribution (whose session is this?). Implementations throw {@link StateUnavailableException} when the
 * store cannot be reached.
 */
public interface PersonDirectory {
    /** Stores the person's latest issuance (replacing the previous one) and indexes their email if they have one. */
    void recordIssuance(PersonRecord person);

    /**
     * Stores the person's latest issuance and who the session just issued belongs to, in one write where the store
     * allows it (the credentials route's hot path pays one round trip, not two).
     */
    void recordIssuance(PersonRecord person, SessionRecord session);

    /** Stores who a session belongs to, kept until {@link SessionRecord#retainUntil()}. */
    void recordSession(SessionRecord session);

    /** The person with this {@link PersonRecord#key()}, if the broker ever issued to them. */
    Optional<PersonRecord> person(String key);

    /**
     * The person who last used this email at an issuance (compared with {@link PersonRecord#normalizeEmail}), if any.
     * An email moves with its latest holder.
     */
    Optional<PersonRecord> personByEmail(String email);

    /** Who the session with this name belongs to, if the broker issued it within the retention. */
    Optional<SessionRecord> session(String roleSessionName);

    /**
     * Who each of these sessions belongs to (usage attribution reads a batch of log records at once); names the broker
     * did not issue, or no longer keeps, are absent from the answer.
     */
    Map<String, SessionRecord> sessions(Set<String> roleSessionNames);
}
