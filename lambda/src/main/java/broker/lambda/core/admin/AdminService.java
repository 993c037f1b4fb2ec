package broker.lambda.core.admin;

import broker.lambda.core.apikeys.ApiKeyOutcome;
import broker.lambda.core.apikeys.ApiKeysService;
import broker.lambda.core.budget.BudgetStore;
import broker.lambda.core.budget.OverrideRequest;
import broker.lambda.core.usage.UsageViews;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.revocation.SessionRevoker;
import broker.lambda.core.state.PersonDirectory;
import broker.lambda.core.state.PersonRecord;
import broker.lambda.core.state.StateUnavailableException;
import broker.lambda.core.upstream.UpstreamFailure;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What members of the entitlements' admin groups may do to other people: list and delete their long-term keys,
 * revoke their STS sessions, and (break-glass) revoke every session. A person is named by their OIDC subject
 * ({@code sub}) or by the email they last signed in with; the broker's record of each person's last issuance
 * ({@link PersonDirectory}) tells a person from a typo, so naming someone the broker never issued to is
 * {@link ApiKeyOutcome.PersonNotFound}, never a silent success.
 */
public final class AdminService {
    /** Subjects longer than this are not subjects (OIDC allows 255 ASCII characters). */
    static final int MAX_SUBJECT = 1024;

    private final EntitlementsDocument entitlements;
    private final ApiKeysService keys;
    private final SessionRevoker revoker;
    private final PersonDirectory people;
    private final BudgetStore budgets;
    private final Clock clock;

    public AdminService(EntitlementsDocument entitlements, ApiKeysService keys, SessionRevoker revoker,
                        PersonDirectory people) {
        this(entitlements, keys, revoker, people, null, Clock.systemUTC());
    }

    /** With the budget store that overrides are written to ({@code null}: budgets are off, overrides refused). */
    public AdminService(EntitlementsDocument entitlements, ApiKeysService keys, SessionRevoker revoker,
                        PersonDirectory people, BudgetStore budgets, Clock clock) {
        this.budgets = budgets;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.entitlements = Objects.requireNonNull(entitlements, "entitlements");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.revoker = Objects.requireNonNull(revoker, "revoker");
        this.people = Objects.requireNonNull(people, "people");
    }

    /**
     * The long-term keys of the person named {@code user}. Someone with keys from before the broker kept its record of
     * people is still found by subject through their IAM user.
     */
    public ApiKeyOutcome listKeys(Identity admin, String user) {
        return asAdmin(admin, user, person -> keys.listOf(person.subject()), () -> {
            ApiKeyOutcome listed = keys.listOf(user);
            return listed instanceof ApiKeyOutcome.Listed(var found, var max) && found.isEmpty()
                    ? new ApiKeyOutcome.PersonNotFound() : listed;
        });
    }

    /** Deletes one long-term key of the person named {@code user}. */
    public ApiKeyOutcome deleteKey(Identity admin, String user, String keyId) {
        return asAdmin(admin, user, person -> keys.deleteOf(person.subject(), keyId), () -> keys.deleteOf(user, keyId));
    }

    /** Makes every STS session of the person named {@code user} issued before now unusable. */
    public ApiKeyOutcome revokeSessions(Identity admin, String user) {
        return asAdmin(admin, user, person -> revoker.revoke(person.subjectHash(), person.key(), admin.subject()),
                ApiKeyOutcome.PersonNotFound::new);
    }

    /**
     * Overrides the budget of the person named {@code user} until the body's {@code expiresAt}: the check at issuance
     * reads it from then on (see {@link OverrideRequest} for the body).
     */
    public ApiKeyOutcome overrideBudget(Identity admin, String user, JsonNode body) {
        return asAdmin(admin, user, person -> {
            if (budgets == null) return new ApiKeyOutcome.InvalidBudget("This broker keeps no budgets (no state store).");
            return switch (OverrideRequest.parse(body, clock.instant())) {
                case OverrideRequest.Parsed.Bad(var detail) -> new ApiKeyOutcome.InvalidBudget(detail);
                case OverrideRequest.Parsed.Ok(var override) -> {
                    try {
                        budgets.putOverride(UsageViews.ownerKeyOf(person), override);
                    } catch (StateUnavailableException e) {
                        yield new ApiKeyOutcome.UpstreamFailed(new UpstreamFailure.Unavailable("dynamodb", Duration.ofSeconds(5)));
                    }
                    yield new ApiKeyOutcome.BudgetOverridden(person.subject(), override);
                }
            };
        }, ApiKeyOutcome.PersonNotFound::new);
    }

    /** Break-glass: makes every STS session of the Bedrock user role issued before now unusable, whoever holds it. */
    public ApiKeyOutcome revokeAllSessions(Identity admin) {
        if (!isAdmin(admin)) return new ApiKeyOutcome.NotAdmin();
        return revoker.revokeEveryone(admin.subject());
    }

    /** True when the caller is in one of the document's admin groups (whether or not a profile applies to them). */
    public boolean isAdmin(Identity caller) {
        return entitlements.isAdmin(caller.groups());
    }

    /** The person named {@code user}: their subject first (subjects may hold an {@code @}), then an email. */
    Optional<PersonRecord> resolve(String user) {
        Optional<PersonRecord> bySubject = people.person(PersonRecord.keyOfSubject(user));
        if (bySubject.isPresent() || user.indexOf('@') < 0) return bySubject;
        return people.personByEmail(user);
    }

    private ApiKeyOutcome asAdmin(Identity admin, String user, Function<PersonRecord, ApiKeyOutcome> known,
                                  java.util.function.Supplier<ApiKeyOutcome> unknown) {
        if (!isAdmin(admin)) return new ApiKeyOutcome.NotAdmin();
        if (user == null || user.isBlank() || user.length() > MAX_SUBJECT) return new ApiKeyOutcome.InvalidUser();
        Optional<PersonRecord> person;
        try {
            person = resolve(user);
        } catch (StateUnavailableException e) {
            return new ApiKeyOutcome.UpstreamFailed(new UpstreamFailure.Unavailable("dynamodb", Duration.ofSeconds(5)));
        }
        return person.map(known).orElseGet(unknown);
    }
}
