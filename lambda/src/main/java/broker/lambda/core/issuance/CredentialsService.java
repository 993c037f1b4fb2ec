package broker.lambda.core.issuance;

import broker.lambda.core.budget.BudgetDecision;
import broker.lambda.core.budget.BudgetGate;
import broker.lambda.core.catalog.CatalogResolution;
import broker.lambda.core.catalog.CatalogSnapshot;
import broker.lambda.core.catalog.CatalogWarning;
import broker.lambda.core.catalog.CatalogWarnings;
import broker.lambda.core.catalog.ModelCatalog;
import broker.lambda.core.catalog.ModelList;
import broker.lambda.core.catalog.ModelPreferences;
import broker.lambda.core.entitlements.Entitlement;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.entitlements.Grant;
import broker.lambda.core.entitlements.ModelId;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.identity.StsSessionIdentity;
import broker.lambda.core.policy.BuiltPolicy;
import broker.lambda.core.policy.PolicyScope;
import broker.lambda.core.policy.PolicySource;
import broker.lambda.core.policy.SessionPolicy;
import broker.lambda.core.state.IssuanceKind;
import broker.lambda.core.state.IssuanceRecorder;
import broker.lambda.core.state.PersonRecord;
import broker.lambda.core.state.SessionRecord;
import broker.lambda.core.state.StateUnavailableException;
import broker.lambda.core.upstream.UpstreamFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Issues STS credentials and short-term Bedrock API keys within a caller's entitlement: checks the
 * request against it, narrows the session policy to what was asked, and calls STS once. With a trusted model
 * catalog the policy allows each inference profile's exact destinations and resolves families to the ids Bedrock
 * offers; without one, or when that policy would not fit, it uses the static derivation (see {@link SessionPolicy}).
 */
public final class CredentialsService {
    /** STS's minimum session length. */
    public static final int MIN_SESSION_SECONDS = 900;
    /** Short-term Bedrock API keys may not live longer than 12 h (and never longer than their credentials). */
    static final Duration MAX_TOKEN_LIFETIME = Duration.ofHours(12);

    private final EntitlementsDocument entitlements;
    private final CredentialIssuer issuer;
    private final BearerTokenMinter minter;
    private final BedrockAccount account;
    private final String defaultRegion;
    private final Clock clock;
    private final ModelCatalog catalog;
    private final ModelPreferences preferences;
    private final IssuanceRecorder recorder;
    private final BudgetGate budgets;

    /**
     * @param recorder records each issuance (the person's last issuance, and whose session it is, in the state store);
     *                 {@link IssuanceRecorder#NONE} without a state store
     * @param budgets  the budget check before each issuance (one read of the person's spend); {@link BudgetGate#OFF}
     *                 without budgets
     */
    public CredentialsService(EntitlementsDocument entitlements, CredentialIssuer issuer, BearerTokenMinter minter,
                              BedrockAccount account, String defaultRegion, Clock clock, ModelCatalog catalog,
                              ModelPreferences preferences, IssuanceRecorder recorder, BudgetGate budgets) {
        this.recorder = java.util.Objects.requireNonNull(recorder, "recorder");
        this.budgets = java.util.Objects.requireNonNull(budgets, "budgets");
        this.entitlements = entitlements;
        this.issuer = issuer;
        this.minter = minter;
        this.account = account;
        this.defaultRegion = defaultRegion;
        this.clock = clock;
        this.catalog = catalog;
        this.preferences = preferences;
    }

    /**
     * The caller's usable models for {@code GET /v1/models}, with the recommended main and fast model; empty when no
     * profile applies to them. Without the model catalog: the entitlement's exact ids only.
     */
    public Optional<ModelList> models(Identity identity) {
        return entitlementOf(identity).map(entitlement -> ModelList.of(entitlement, catalog, preferences));
    }

    /**
     * What the platform team should fix in the entitlements, as the model catalog shows it (for admins' {@code GET
     * /v1/me}); one warning saying so when the catalog is not available.
     */
    public List<CatalogWarning> catalogWarnings() {
        return catalog.current()
                .map(snapshot -> CatalogWarnings.of(entitlements, snapshot))
                .orElseGet(() -> List.of(new CatalogWarning("$", "", "The model catalog is not available: families"
                        + " are allowed as ARN wildcards and profiles with their geography's regions until it loads.")));
    }

    /**
     * Where the caller stands against their budget, for {@code GET /v1/me}; empty when the broker checks no budgets or
     * their spend cannot be read now (the page still shows who they are).
     */
    public Optional<BudgetGate.BudgetStatus> budgetStatus(Identity identity) {
        if (!budgets.enabled()) return Optional.empty();
        try {
            return Optional.of(budgets.status(identity));
        } catch (StateUnavailableException e) {
            return Optional.empty();
        }
    }

    /** True when the caller is in one of the document's admin groups. */
    public boolean isAdmin(Identity identity) {
        return !identity.isWorkload() && entitlements.isAdmin(identity.groups());
    }

    /**
     * The caller's entitlement, or empty when nothing of the document applies to them. People get their profiles
     * ({@code default} and groups); a workload token gets only the first matching {@code workloads} entry. Neither
     * ever gets the other's.
     */
    public Optional<Entitlement> entitlementOf(Identity identity) {
        if (identity.isWorkload()) {
            return entitlements.entitlementForWorkload(identity.issuer(), identity.attributes())
                    .map(EntitlementsDocument.WorkloadEntitlement::entitlement);
        }
        return entitlements.entitlementFor(identity.groups());
    }

    /** STS credentials for {@code POST /v1/credentials}. */
    public Issuance credentials(Identity identity, CredentialsRequest request) {
        Optional<Entitlement> found = entitlementOf(identity);
        if (found.isEmpty()) return noProfile();
        Entitlement entitlement = found.get();
        return issue(identity, entitlement, request.durationSeconds(), request.region(), request.models(),
                IssuanceKind.CREDENTIALS, (credentials, source, budget) -> new Issuance.CredentialsIssued(credentials,
                        request.region() != null ? request.region() : regionOfUse(entitlement), source, budget));
    }

    /** A short-term Bedrock API key for {@code POST /v1/bearer-tokens}, scoped to one region. */
    public Issuance bearerToken(Identity identity, BearerTokenRequest request) {
        Optional<Entitlement> found = entitlementOf(identity);
        if (found.isEmpty()) return noProfile();
        Entitlement entitlement = found.get();
        if (!entitlement.shortTermKeys()) {
            return new Issuance.NotEntitled("Your entitlement does not include short-term Bedrock API keys.");
        }
        String region = request.region() != null ? request.region() : regionOfUse(entitlement);
        return issue(identity, entitlement, request.durationSeconds(), region, List.of(), IssuanceKind.BEARER_TOKEN,
                (credentials, source, budget) -> mint(credentials, region, source, budget));
    }

    /** What an issuance answers once STS has assumed the role. */
    @FunctionalInterface
    private interface Assumed {
        Issuance issued(SessionCredentials credentials, PolicySource source, BudgetDecision budget);
    }

    /**
     * The path both issuances share: the duration and scope checked against the entitlement, the session policy
     * built, the budget checked (one read of the person's spend), then one AssumeRole, its success answered by
     * {@code assumed}.
     */
    private Issuance issue(Identity identity, Entitlement entitlement, Integer durationSeconds, String region,
                           List<String> models, IssuanceKind kind, Assumed assumed) {
        return checkDuration(durationSeconds, entitlement)
                .or(() -> checkScope(entitlement, region, models))
                .orElseGet(() -> {
                    Optional<BuiltPolicy> built = policy(entitlement, region, models, kind == IssuanceKind.BEARER_TOKEN);
                    if (built.isEmpty()) return new Issuance.NarrowingTooLarge(models);
                    BuiltPolicy policy = built.get();
                    BudgetDecision budget;
                    try {
                        budget = budgets.check(identity);
                    } catch (StateUnavailableException e) {
                        return budgetUnavailable();
                    }
                    if (budget instanceof BudgetDecision.Exhausted exhausted) return new Issuance.BudgetExhausted(exhausted);
                    Duration duration = limited(durationOf(durationSeconds, entitlement), budget);
                    return switch (assume(identity, policy, duration, kind)) {
                        case StsOutcome.Assumed(var credentials) -> assumed.issued(credentials, policy.source(), budget);
                        case StsOutcome outcome -> failure(outcome);
                    };
                });
    }

    private Issuance mint(SessionCredentials credentials, String region, PolicySource source, BudgetDecision budget) {
        Instant now = clock.instant();
        Duration remaining = Duration.between(now, credentials.expiration());
        Duration lifetime = remaining.compareTo(MAX_TOKEN_LIFETIME) > 0 ? MAX_TOKEN_LIFETIME : remaining;
        if (lifetime.toSeconds() < 1) return new Issuance.UpstreamFailed(new UpstreamFailure.Unavailable("sts", Duration.ofSeconds(1)));
        BearerToken token = minter.mint(credentials, region, now, Duration.ofSeconds(lifetime.toSeconds()));
        return new Issuance.TokenIssued(token, credentials.accessKeyId(), source, budget);
    }

    /**
     * One AssumeRole; the record of this issuance (who, and whose session name this is) is written beside the STS call
     * and joined after it, so the issuance waits only for what the write takes beyond STS.
     */
    private StsOutcome assume(Identity identity, BuiltPolicy policy, Duration duration, IssuanceKind kind) {
        StsSessionIdentity session = StsSessionIdentity.of(identity);
        Instant now = clock.instant();
        PersonRecord person = PersonRecord.of(identity, kind, now);
        IssuanceRecorder.Pending recording = recorder.start(person, new SessionRecord(session.roleSessionName(),
                person.key(), person.subject(), person.issuer(), person.userName(), person.groups(), now, now.plus(duration)));
        try {
            return issuer.assumeRole(new AssumeRoleCommand(session, policy.json(), duration));
        } finally {
            recording.await();
        }
    }

    /**
     * The session policy for this request, or empty when it cannot be honoured exactly. The grants are first cut to
     * the request (its region, and the ids it names: an id a family matches becomes an entry of its own, never the
     * whole family). With a catalog snapshot, families left are resolved to the ids Bedrock offers in the grant's
     * regions (a family matching nothing keeps its static form) and each profile routes to its exact destinations;
     * the snapshot is the trusted one, or else the last one read (after a SnapStart restore, or while refreshes fail),
     * which can only narrow the static policy. When that policy does not fit, or without any snapshot, the static
     * policy of the same grants, or else its compact, or else its minimal form (all three allow the same calls), which
     * the validator bounds for every request that names no family-matched id. When even that does not fit (many ids matched by a family), the request is refused rather than
     * widened.
     */
    Optional<BuiltPolicy> policy(Entitlement entitlement, String region, List<String> models, boolean bearerToken) {
        List<Grant> narrowed = narrow(entitlement, region, models);
        // Issuance never waits on Bedrock's control plane: without a snapshot yet, the static policy serves.
        Optional<CatalogSnapshot> trusted = catalog.ifReady();
        Optional<CatalogSnapshot> snapshot = trusted.or(catalog::lastKnown);
        if (snapshot.isPresent()) {
            String json = SessionPolicy.build(scope(resolve(narrowed, snapshot.get()), bearerToken), snapshot.get());
            if (json.length() <= SessionPolicy.MAX_CHARS) {
                return Optional.of(new BuiltPolicy(json, trusted.isPresent() ? PolicySource.CATALOG : PolicySource.SNAPSHOT));
            }
        }
        PolicyScope scope = scope(narrowed, bearerToken);
        for (String json : List.of(SessionPolicy.build(scope), SessionPolicy.compact(scope), SessionPolicy.minimal(scope))) {
            if (json.length() <= SessionPolicy.MAX_CHARS) return Optional.of(new BuiltPolicy(json, PolicySource.STATIC));
        }
        return Optional.empty();
    }

    /** Each family replaced by the ids it matches in its grant's regions; one that matches none stays as written. */
    private static List<Grant> resolve(List<Grant> grants, CatalogSnapshot snapshot) {
        List<Grant> resolved = new ArrayList<>();
        for (Grant grant : grants) {
            Set<String> models = new LinkedHashSet<>();
            for (String entry : grant.models()) {
                SortedSet<String> matches = ModelId.parse(entry).orElse(null) instanceof ModelId.Family family
                        ? CatalogResolution.matches(family, grant.regions(), snapshot) : new TreeSet<>();
                if (matches.isEmpty()) models.add(entry);
                else models.addAll(matches);
            }
            resolved.add(new Grant(List.copyOf(models), grant.regions()));
        }
        return resolved;
    }

    private PolicyScope scope(List<Grant> grants, boolean bearerToken) {
        return new PolicyScope(account.partition(), account.accountId(), grants, bearerToken);
    }

    private static Issuance failure(StsOutcome outcome) {
        return switch (outcome) {
            case StsOutcome.Throttled(var retryAfter) -> new Issuance.UpstreamFailed(new UpstreamFailure.Throttled("sts", retryAfter));
            case StsOutcome.Unavailable(var retryAfter) -> new Issuance.UpstreamFailed(new UpstreamFailure.Unavailable("sts", retryAfter));
            case StsOutcome.Refused(var code) -> new Issuance.UpstreamFailed(new UpstreamFailure.Refused("sts", code));
            case StsOutcome.Assumed a -> throw new IllegalArgumentException("not a failure: " + a);
        };
    }

    /** At or above the last warning threshold a session lasts at most {@link BudgetDecision#SHORTENED_MAX_SECONDS}. */
    static Duration limited(Duration duration, BudgetDecision budget) {
        if (budget instanceof BudgetDecision.Shortened(var maxSeconds, var standing, var threshold)
                && duration.toSeconds() > maxSeconds) {
            return Duration.ofSeconds(maxSeconds);
        }
        return duration;
    }

    /** The spend could not be read for a capped person: refused for now rather than issued past a cap unseen. */
    private static Issuance budgetUnavailable() {
        return new Issuance.UpstreamFailed(new UpstreamFailure.Unavailable("dynamodb", Duration.ofSeconds(5)));
    }

    private static Issuance noProfile() {
        return new Issuance.NotEntitled("No entitlement applies to you: ask your platform team to add one of your groups.");
    }

    private static Optional<Issuance> checkDuration(Integer requested, Entitlement entitlement) {
        if (requested == null) return Optional.empty();
        int max = entitlement.maxSessionSeconds();
        if (requested < MIN_SESSION_SECONDS || requested > max) {
            return Optional.of(new Issuance.InvalidDuration(requested, MIN_SESSION_SECONDS, max));
        }
        return Optional.empty();
    }

    private static Duration durationOf(Integer requested, Entitlement entitlement) {
        return Duration.ofSeconds(requested != null ? requested : entitlement.maxSessionSeconds());
    }

    private static Optional<Issuance> checkScope(Entitlement entitlement, String region, List<String> models) {
        if (region != null && !entitlement.regions().contains(region)) {
            return Optional.of(new Issuance.RegionNotAllowed(region));
        }
        for (String model : models) {
            boolean entitled = region == null ? !entitlement.regionsFor(model).isEmpty() : entitlement.allows(model, region);
            if (!entitled) return Optional.of(new Issuance.ModelNotAllowed(model));
        }
        return Optional.empty();
    }

    /** The grants cut down to one region and/or a model subset (both already checked as entitled). */
    static List<Grant> narrow(Entitlement entitlement, String region, List<String> models) {
        return entitlement.narrowedTo(models.isEmpty() ? entitlement.models() : models,
                region == null ? entitlement.regions() : List.of(region));
    }

    /** The region a caller is told to use when they named none: the broker's own if entitled, else their first. */
    private String regionOfUse(Entitlement entitlement) {
        return entitlement.regions().contains(defaultRegion) ? defaultRegion : entitlement.regions().getFirst();
    }
}
