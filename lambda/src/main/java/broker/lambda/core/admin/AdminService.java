package broker.lambda.core.admin;

import broker.lambda.core.apikeys.ApiKeyOutcome;
import broker.lambda.core.apikeys.ApiKeysService;
import broker.lambda.core.budget.BudgetStore;
import broker.lambda.core.budget.OverrideRequest;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.identity.PrincipalId;
import broker.lambda.core.revocation.SessionRevoker;
import broker.lambda.core.state.PersonDirectory;
import broker.lambda.core.state.PersonRecord;
import broker.lambda.core.state.StateUnavailableException;
import broker.lambda.core.upstream.UpstreamFailure;
import java.time.Duration;
import java.util.Objects;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Set;
import java.util.function.Function;

/**
 * What members of the entitlements' admin groups may do to other people: list and delete their long-term keys,
 * revoke their STS sessions, and (break-glass) revoke every session. A person is named by issuer and subject
 * ({@link PrincipalId}), the one key the broker derives everything else from (IAM user name, STS SourceIdentity
 * suffix, state and usage keys), or by the email they last signed in with; without an issuer, the admin's own. The
 * broker's record of each person's last issuance ({@link PersonDirectory}) tells a person from a typo, so naming
 * someone the broker never issued to is {@link ApiKeyOutcome.PersonNotFound}, never a silent success.
 */
public final class AdminService {
    /** Subjects longer than this are not subjects (OIDC allows 255 ASCII characters). */
    static final int MAX_SUBJECT = 1024;

    private final EntitlementsDocument entitlements;
    private final ApiKeysService keys;
    private final SessionRevoker revoker;
    private final PersonDirectory people;
    private final Set<String> legacyIssuers;
    private final BudgetStore budgets;
    private final Clock clock;
    private final List<String> issuers;

    public AdminService(EntitlementsDocument entitlements, ApiKeysService keys, SessionRevoker revoker,
                        PersonDirectory people) {
        this(entitlements, keys, revoker, people, Set.of(), null, Clock.systemUTC());
    }

    /**
     * @param legacyIssuers the issuer marked {@code legacySubjectKeys}: its people recorded before issuer-keyed names
     *                      (keyed on the subject alone, without an issuer) are still found
     * @param budgets       the budget store that overrides are written to ({@code null}: budgets are off, overrides
     *                      refused)
     */
    public AdminService(EntitlementsDocument entitlements, ApiKeysService keys, SessionRevoker revoker,
                        PersonDirectory people, Set<String> legacyIssuers, BudgetStore budgets, Clock clock) {
        this(entitlements, keys, revoker, people, List.of(), legacyIssuers, budgets, clock);
    }

    /**
     * @param issuers every issuer the broker trusts: a user named without {@code ?issuer=} is looked up at each, and
     *                found at several is {@link ApiKeyOutcome.AmbiguousUser}; empty: the admin's own issuer only
     */
    public AdminService(EntitlementsDocument entitlements, ApiKeysService keys, SessionRevoker revoker,
                        PersonDirectory people, List<String> issuers, Set<String> legacyIssuers, BudgetStore budgets,
                        Clock clock) {
        this.issuers = List.copyOf(issuers);
        this.budgets = budgets;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.entitlements = Objects.requireNonNull(entitlements, "entitlements");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.revoker = Objects.requireNonNull(revoker, "revoker");
        this.people = Objects.requireNonNull(people, "people");
        this.legacyIssuers = Set.copyOf(legacyIssuers);
    }

    /**
     * The long-term keys of the person named {@code user} at {@code issuer} (null: the admin's own issuer). Someone
     * with keys from before the broker kept its record of people is still found by subject through their IAM user.
     */
    public ApiKeyOutcome listKeys(Identity admin, String issuer, String user) {
        return asAdmin(admin, issuer, user, person -> keys.listOf(person), guessed -> {
            ApiKeyOutcome listed = keys.listOf(guessed);
            return listed instanceof ApiKeyOutcome.Listed(var found, var max) && found.isEmpty()
                    ? new ApiKeyOutcome.PersonNotFound() : listed;
        });
    }

    /** Deletes one long-term key of the person named {@code user} at {@code issuer} (null: the admin's own). */
    public ApiKeyOutcome deleteKey(Identity admin, String issuer, String user, String keyId) {
        return asAdmin(admin, issuer, user, person -> keys.deleteOf(person, keyId), guessed -> keys.deleteOf(guessed, keyId));
    }

    /**
     * Makes every STS session of the person named {@code user} at {@code issuer} (null: the admin's own) issued
     * before now unusable.
     */
    public ApiKeyOutcome revokeSessions(Identity admin, String issuer, String user) {
        return asAdmin(admin, issuer, user, person -> revoker.revoke(person, admin.principal().key()),
                guessed -> new ApiKeyOutcome.PersonNotFound());
    }

    /** The same, for the person named {@code user} at the admin's own issuer. */
    public ApiKeyOutcome listKeys(Identity admin, String user) {
        return listKeys(admin, null, user);
    }

    /** The same, for the person named {@code user} at the admin's own issuer. */
    public ApiKeyOutcome deleteKey(Identity admin, String user, String keyId) {
        return deleteKey(admin, null, user, keyId);
    }

    /** The same, for the person named {@code user} at the admin's own issuer. */
    public ApiKeyOutcome revokeSessions(Identity admin, String user) {
        return revokeSessions(admin, null, user);
    }

    /**
     * Overrides the budget of the person named {@code user} until the body's {@code expiresAt}: the check at issuance
     * reads it from then on (see {@link OverrideRequest} for the body).
     */
    public ApiKeyOutcome overrideBudget(Identity admin, String user, JsonNode body) {
        return overrideBudget(admin, null, user, body);
    }

    /** The same, for the person named {@code user} at {@code issuer} (null: the admin's own). */
    public ApiKeyOutcome overrideBudget(Identity admin, String issuer, String user, JsonNode body) {
        return asAdmin(admin, issuer, user, person -> {
            if (budgets == null) return new ApiKeyOutcome.InvalidBudget("This broker keeps no budgets (no state store).");
            return switch (OverrideRequest.parse(body, clock.instant())) {
                case OverrideRequest.Parsed.Bad(var detail) -> new ApiKeyOutcome.InvalidBudget(detail);
                case OverrideRequest.Parsed.Ok(var override) -> {
                    try {
                        budgets.putOverride(person.key(), override);
                    } catch (StateUnavailableException e) {
                        yield new ApiKeyOutcome.UpstreamFailed(new UpstreamFailure.Unavailable("dynamodb", Duration.ofSeconds(5)));
                    }
                    yield new ApiKeyOutcome.BudgetOverridden(person.subject(), override);
                }
            };
        }, guessed -> new ApiKeyOutcome.PersonNotFound());
    }

    /** Break-glass: makes every STS session of the Bedrock user role issued before now unusable, whoever holds it. */
    public ApiKeyOutcome revokeAllSessions(Identity admin) {
        if (!isAdmin(admin)) return new ApiKeyOutcome.NotAdmin();
        return revoker.revokeEveryone(admin.principal().key());
    }

    /** True when the caller is in one of the document's admin groups (whether or not a profile applies to them). */
    public boolean isAdmin(Identity caller) {
        // Workloads are never admins: admin groups are people's groups.
        return !caller.isWorkload() && entitlements.isAdmin(caller.groups());
    }

    /**
     * The person named {@code user} at {@code issuer}: their subject first (subjects may hold an {@code @}), then an
     * email last used at that issuer.
     */
    Optional<PersonRecord> resolve(String issuer, String user) {
        boolean legacy = legacyIssuers.contains(issuer);
        Optional<PersonRecord> bySubject = people.person(new PrincipalId(issuer, user).key());
        if (bySubject.isEmpty() && legacy) {
            // Recorded before issuer-keyed names: keyed on the subject alone, without an issuer.
            bySubject = people.person(user).filter(person -> person.issuer().isEmpty());
        }
        if (bySubject.isPresent() || user.indexOf('@') < 0) return bySubject;
        return people.personByEmail(user)
                .filter(person -> person.issuer().equals(issuer) || legacy && person.issuer().isEmpty());
    }

    private ApiKeyOutcome asAdmin(Identity admin, String issuer, String user, Function<PrincipalId, ApiKeyOutcome> known,
                                  Function<PrincipalId, ApiKeyOutcome> unknown) {
        if (!isAdmin(admin)) return new ApiKeyOutcome.NotAdmin();
        if (user == null || user.isBlank() || user.length() > MAX_SUBJECT) return new ApiKeyOutcome.InvalidUser();
        boolean named = issuer != null && !issuer.isBlank();
        if (named && (issuer.length() > MAX_SUBJECT || issuer.indexOf('#') >= 0)) return new ApiKeyOutcome.InvalidUser();
        // Named: that issuer only. Else every trusted issuer (the admin's own when the list is not known).
        List<String> candidates = named ? List.of(issuer) : issuers.isEmpty() ? List.of(admin.issuer()) : issuers;
        Map<String, PrincipalId> found = new TreeMap<>();
        try {
            for (String at : candidates) {
                resolve(at, user).ifPresent(person -> {
                    PrincipalId principal = new PrincipalId(person.issuer().isEmpty() ? at : person.issuer(), person.subject());
                    found.put(principal.issuer(), principal);
                });
            }
        } catch (StateUnavailableException e) {
            return new ApiKeyOutcome.UpstreamFailed(new UpstreamFailure.Unavailable("dynamodb", Duration.ofSeconds(5)));
        }
        if (found.size() > 1) return new ApiKeyOutcome.AmbiguousUser(List.copyOf(found.keySet()));
        if (found.size() == 1) return known.apply(found.values().iterator().next());
        return unknown.apply(new PrincipalId(named ? issuer : admin.issuer(), user));
    }
}
