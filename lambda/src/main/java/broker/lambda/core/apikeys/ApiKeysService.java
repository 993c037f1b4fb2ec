package broker.lambda.core.apikeys;

import broker.lambda.core.budget.BudgetDecision;
import broker.lambda.core.budget.BudgetGate;
import broker.lambda.core.entitlements.Entitlement;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.entitlements.LongTermKeys;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.identity.PrincipalId;
import broker.lambda.core.issuance.BedrockAccount;
import broker.lambda.core.policy.LongTermKeyPolicy;
import broker.lambda.core.state.IssuanceKind;
import broker.lambda.core.state.IssuanceRecorder;
import broker.lambda.core.state.PersonRecord;
import broker.lambda.core.state.StateUnavailableException;
import broker.lambda.core.upstream.UpstreamFailure;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Long-term Bedrock API keys, self-service and bounded: each person's keys live on one IAM user under the
 * broker's path (see {@link IamUserNames}), created with the broker's permissions boundary and owner tags in
 * one call, whose inline policy follows the person's entitlement.
 *
 * <p>Every refusal (403, 400, 409) is decided before IAM is changed. Creation is ordered so that a failure at
 * any step leaves a state the next attempt continues from: a user without keys holds nothing usable, the
 * inline policy is rewritten every time, and a key whose label cannot be stored is deleted again before the
 * failure is reported, so a key exists only when its secret reached the caller.
 */
public final class ApiKeysService {
    /** The name of the inline policy on each broker user. */
    public static final String USER_POLICY_NAME = "bedrock-broker";
    /** IAM's pattern for service-specific credential ids. */
    static final Pattern KEY_ID = Pattern.compile("\\w{20,128}");
    static final int MAX_LABEL = 64;
    /** IAM's shortest key life: what a person at or above the last warning threshold gets at most. */
    public static final int SHORTENED_AGE_DAYS = 1;

    private final EntitlementsDocument entitlements;
    private final IamUsers iam;
    private final BedrockAccount account;
    private final String userPath;
    private final String boundaryArn;
    private final Clock clock;
    private final Set<String> legacyIssuers;
    private final IssuanceRecorder recorder;
    private final BudgetGate budgets;

    /**
     * @param account     the Bedrock account (partition and account of inference-profile ARNs)
     * @param userPath    the IAM path of broker users, e.g. {@code /bedrock-broker/users/}
     * @param boundaryArn the permissions boundary every broker user gets
     */
    public ApiKeysService(EntitlementsDocument entitlements, IamUsers iam, BedrockAccount account, String userPath,
                          String boundaryArn, Clock clock) {
        this(entitlements, iam, account, userPath, boundaryArn, clock, IssuanceRecorder.NONE);
    }

    /** With a recorder of each key created (the person's last issuance in the state store). */
    public ApiKeysService(EntitlementsDocument entitlements, IamUsers iam, BedrockAccount account, String userPath,
                          String boundaryArn, Clock clock, IssuanceRecorder recorder) {
        this(entitlements, iam, account, userPath, boundaryArn, clock, recorder, BudgetGate.OFF);
    }

    /**
     * With a recorder and the budget check before each key is created: over a cap no key; at or above the last
     * warning threshold a key of at most {@value #SHORTENED_AGE_DAYS} day (the cut-off deactivates it on crossing).
     */
    public ApiKeysService(EntitlementsDocument entitlements, IamUsers iam, BedrockAccount account, String userPath,
                          String boundaryArn, Clock clock, IssuanceRecorder recorder, BudgetGate budgets) {
        this(entitlements, iam, account, userPath, boundaryArn, clock, recorder, budgets, Set.of());
    }

    /**
     * @param legacyIssuers the issuer marked {@code legacySubjectKeys} (at most one): its people still own the users
     *                      made before issuer-keyed names, which carry no principal tag (see {@link IamUserNames})
     */
    public ApiKeysService(EntitlementsDocument entitlements, IamUsers iam, BedrockAccount account, String userPath,
                          String boundaryArn, Clock clock, IssuanceRecorder recorder, BudgetGate budgets,
                          Set<String> legacyIssuers) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.budgets = Objects.requireNonNull(budgets, "budgets");
        this.legacyIssuers = Set.copyOf(legacyIssuers);
        this.entitlements = Objects.requireNonNull(entitlements, "entitlements");
        this.iam = Objects.requireNonNull(iam, "iam");
        this.account = Objects.requireNonNull(account, "account");
        this.userPath = Objects.requireNonNull(userPath, "userPath");
        this.boundaryArn = Objects.requireNonNull(boundaryArn, "boundaryArn");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code POST /v1/api-keys}: a new key for the caller, within their entitlement's bounds. */
    public ApiKeyOutcome create(Identity caller, ApiKeyRequest request) {
        if (caller.isWorkload()) {
            return new ApiKeyOutcome.NotEntitled("Workloads get short-lived credentials only, never long-term API keys.");
        }
        Optional<Entitlement> found = entitlements.entitlementFor(caller.groups());
        if (found.isEmpty()) {
            return new ApiKeyOutcome.NotEntitled("No entitlement applies to you: ask your platform team to add one of your groups.");
        }
        Entitlement entitlement = found.get();
        LongTermKeys bounds = entitlement.longTermKeys();
        if (!bounds.allowed()) {
            return new ApiKeyOutcome.NotEntitled("Your entitlement does not include long-term Bedrock API keys.");
        }
        int ageDays = request.ageDays() != null ? request.ageDays() : bounds.defaultAgeDays();
        if (ageDays < 1 || ageDays > bounds.maxAgeDays()) return new ApiKeyOutcome.InvalidAge(ageDays, bounds.maxAgeDays());
        String label = request.label() == null || request.label().isBlank() ? null : request.label().strip();
        if (label != null && (label.length() > MAX_LABEL || !IamUserNames.isTagText(label))) {
            return new ApiKeyOutcome.InvalidLabel("label may hold up to " + MAX_LABEL
                    + " letters, digits, spaces and the characters _ . : / = + - @.");
        }
        if (IamUserNames.exactOwnerTags(caller.principal()).isEmpty()) {
            return new ApiKeyOutcome.NotEntitled("Your sign-in's issuer or subject is too long for the broker to record "
                    + "exactly on an IAM user, so it cannot hold long-term keys for you: use short-lived credentials.");
        }
        BudgetDecision budget;
        try {
            budget = budgets.check(caller);
        } catch (StateUnavailableException e) {
            return new ApiKeyOutcome.UpstreamFailed(new UpstreamFailure.Unavailable("dynamodb", Duration.ofSeconds(5)));
        }
        if (budget instanceof BudgetDecision.Exhausted exhausted) return new ApiKeyOutcome.BudgetExhausted(exhausted);
        if (budget instanceof BudgetDecision.Shortened) ageDays = Math.min(ageDays, SHORTENED_AGE_DAYS);
        String policy = LongTermKeyPolicy.build(account.partition(), account.accountId(), entitlement.grants());
        // Beside IAM's calls (several round trips): an admin can find this person by subject or email from now on.
        IssuanceRecorder.Pending recording = recorder.start(PersonRecord.of(caller, IssuanceKind.API_KEY, clock.instant()));
        try {
            ApiKeyOutcome outcome = createFor(caller, bounds, ageDays, label, policy);
            return outcome instanceof ApiKeyOutcome.Created(var key, var secret, var iamUser, var none)
                    ? new ApiKeyOutcome.Created(key, secret, iamUser, budget) : outcome;
        } finally {
            recording.await();
        }
    }

    private ApiKeyOutcome createFor(Identity caller, LongTermKeys bounds, int ageDays, String label, String policy) {
        Lookup lookup = find(caller.principal(), caller);
        if (lookup instanceof Lookup.Failed(var failure)) return failure;
        if (!(lookup instanceof Lookup.Found(var user, var created))) {
            throw new IllegalStateException("find with an owner to create returns Found or Failed");
        }
        List<StoredKey> keys = List.of();
        if (!created) {
            IamResult<List<StoredKey>> listed = iam.listKeys(user.name());
            if (!(listed instanceof IamResult.Done<List<StoredKey>>(var all))) {
                return ApiKeyOutcome.failure("ListServiceSpecificCredentials", listed);
            }
            keys = all;
        }
        if (keys.size() >= bounds.maxKeys()) return new ApiKeyOutcome.LimitReached(bounds.maxKeys());
        if (!created) {
            Optional<ApiKeyOutcome> upkeep = upkeep(user, caller, keys);
            if (upkeep.isPresent()) return upkeep.get();
        }
        IamResult<Void> put = iam.putUserPolicy(user.name(), USER_POLICY_NAME, policy);
        if (!(put instanceof IamResult.Done<Void>)) return ApiKeyOutcome.failure("PutUserPolicy", put);

        return switch (iam.createKey(user.name(), ageDays)) {
            case IamResult.Done<CreatedKey>(var key) -> labelled(user.name(), key, label);
            // Another request of the same person took the last place since we counted.
            case IamResult.LimitExceeded<CreatedKey> l -> new ApiKeyOutcome.LimitReached(bounds.maxKeys());
            case IamResult<CreatedKey> failure -> ApiKeyOutcome.failure("CreateServiceSpecificCredential", failure);
        };
    }

    /** {@code GET /v1/api-keys}: the caller's keys, with how many they may hold. */
    public ApiKeyOutcome list(Identity caller) {
        int maxKeys = caller.isWorkload() ? 0 : entitlements.entitlementFor(caller.groups())
                .map(e -> e.longTermKeys().allowed() ? e.longTermKeys().maxKeys() : 0).orElse(0);
        return keysOf(caller.principal(), maxKeys);
    }

    /** {@code DELETE /v1/api-keys/{id}}: deletes one of the caller's keys (needs no entitlement: leavers clean up too). */
    public ApiKeyOutcome delete(Identity caller, String keyId) {
        return deleteOf(caller.principal(), keyId);
    }

    /** The keys of this person (admin). */
    public ApiKeyOutcome listOf(PrincipalId person) {
        return keysOf(person, null);
    }

    /** Deletes a key of this person; {@link ApiKeyOutcome.KeyNotFound} unless it is theirs. */
    public ApiKeyOutcome deleteOf(PrincipalId person, String keyId) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) return new ApiKeyOutcome.KeyNotFound();
        Lookup lookup = find(person, null);
        return switch (lookup) {
            case Lookup.Failed(var failure) -> failure;
            case Lookup.Absent() -> new ApiKeyOutcome.KeyNotFound();
            case Lookup.Found(var user, var created) -> deleteOwned(user, keyId);
        };
    }

    /** A person's key user and keys as IAM lists them, for the budget cut-off and restore. */
    public sealed interface PersonKeys {
        /** The person's IAM user and every key on it, whatever its status. */
        record Found(String userName, List<StoredKey> keys) implements PersonKeys {
            public Found {
                keys = List.copyOf(keys);
            }
        }

        /** The person has no key user: no long-term keys. */
        record None() implements PersonKeys {}

        /** IAM failed the lookup. */
        record Failed(ApiKeyOutcome outcome) implements PersonKeys {}
    }

    /** The key user and keys of this person (found the same way as {@link #listOf}). */
    public PersonKeys personKeys(PrincipalId person) {
        return switch (find(person, null)) {
            case Lookup.Failed(var failure) -> new PersonKeys.Failed(failure);
            case Lookup.Absent() -> new PersonKeys.None();
            case Lookup.Found(var user, var created) -> switch (iam.listKeys(user.name())) {
                case IamResult.Done<List<StoredKey>>(var keys) -> new PersonKeys.Found(user.name(), keys);
                case IamResult<List<StoredKey>> failure ->
                        new PersonKeys.Failed(ApiKeyOutcome.failure("ListServiceSpecificCredentials", failure));
            };
        };
    }

    private ApiKeyOutcome keysOf(PrincipalId person, Integer maxKeys) {
        return switch (find(person, null)) {

            case Lookup.Failed(var failure) -> failure;
            case Lookup.Absent() -> new ApiKeyOutcome.Listed(List.of(), maxKeys);
            case Lookup.Found(var user, var created) -> switch (iam.listKeys(user.name())) {
                case IamResult.Done<List<StoredKey>>(var keys) -> new ApiKeyOutcome.Listed(
                        sorted(keys.stream().map(k -> view(k, user.tags())).toList()), maxKeys);
                case IamResult<List<StoredKey>> failure -> ApiKeyOutcome.failure("ListServiceSpecificCredentials", failure);
            };
        };
    }

    private ApiKeyOutcome deleteOwned(IamUser user, String keyId) {
        // The id must be among this user's own keys: another person's id is never sent to IAM at all.
        IamResult<List<StoredKey>> listed = iam.listKeys(user.name());
        if (!(listed instanceof IamResult.Done<List<StoredKey>>(var keys))) {
            return ApiKeyOutcome.failure("ListServiceSpecificCredentials", listed);
        }
        if (keys.stream().noneMatch(k -> k.id().equals(keyId))) return new ApiKeyOutcome.KeyNotFound();
        return switch (iam.deleteKey(user.name(), keyId)) {
            case IamResult.Done<Void> d -> {
                String labelTag = IamUserNames.labelTag(keyId);
                if (labelTag != null && user.tags().containsKey(labelTag)) {
                    // Best effort: a stale label tag is harmless and removed by the next creation's upkeep.
                    iam.untagUser(user.name(), List.of(labelTag));
                }
                yield new ApiKeyOutcome.Deleted(keyId);
            }
            case IamResult.NotFound<Void> n -> new ApiKeyOutcome.KeyNotFound();
            case IamResult<Void> failure -> ApiKeyOutcome.failure("DeleteServiceSpecificCredential", failure);
        };
    }

    /** Stores the label, or takes the key back when that fails: the caller retries and gets a whole key. */
    private ApiKeyOutcome labelled(String userName, CreatedKey created, String label) {
        StoredKey key = created.key();
        String labelTag = label == null ? null : IamUserNames.labelTag(key.id());
        if (labelTag != null) {
            IamResult<Void> tagged = iam.tagUser(userName, Map.of(labelTag, label));
            if (!(tagged instanceof IamResult.Done<Void>)) {
                iam.deleteKey(userName, key.id());
                return ApiKeyOutcome.failure("TagUser", tagged);
            }
        }
        return new ApiKeyOutcome.Created(new ApiKey(key.id(), labelTag == null ? null : label, key.createdAt(),
                key.expiration(), statusAt(key)), created.secret(), userName);
    }

    /**
     * Brings an existing user up to date before a key is added: the configured boundary (the platform team
     * may have changed it), the display tags, the exact owner tags (users made before them get them here, and none
     * beyond them), and no label tags of keys that are gone.
     */
    private Optional<ApiKeyOutcome> upkeep(IamUser user, Identity owner, List<StoredKey> keys) {
        if (!boundaryArn.equals(user.permissionsBoundaryArn())) {
            IamResult<Void> r = iam.putPermissionsBoundary(user.name(), boundaryArn);
            if (!(r instanceof IamResult.Done<Void>)) return Optional.of(ApiKeyOutcome.failure("PutUserPermissionsBoundary", r));
        }
        Map<String, String> wanted = ownerTags(owner);
        Map<String, String> changed = new LinkedHashMap<>();
        wanted.forEach((k, v) -> {
            if (!v.equals(user.tags().get(k))) changed.put(k, v);
        });
        if (!changed.isEmpty()) {
            IamResult<Void> r = iam.tagUser(user.name(), changed);
            if (!(r instanceof IamResult.Done<Void>)) return Optional.of(ApiKeyOutcome.failure("TagUser", r));
        }
        Set<String> live = keys.stream().map(k -> IamUserNames.labelTag(k.id())).collect(Collectors.toSet());
        List<String> stale = user.tags().keySet().stream()
                .filter(k -> (k.startsWith(IamUserNames.LABEL_TAG_PREFIX) && !live.contains(k))
                        || (IamUserNames.isExactOwnerTag(k) && !wanted.containsKey(k)))
                .sorted().toList();
        if (!stale.isEmpty()) {
            IamResult<Void> r = iam.untagUser(user.name(), stale);
            if (!(r instanceof IamResult.Done<Void>)) return Optional.of(ApiKeyOutcome.failure("UntagUser", r));
        }
        return Optional.empty();
    }

    /** Where a person's IAM user is. */
    private sealed interface Lookup {
        record Found(IamUser user, boolean created) implements Lookup {}

        record Absent() implements Lookup {}

        record Failed(ApiKeyOutcome outcome) implements Lookup {}
    }

    /**
     * Walks the principal's candidate names. With {@code owner} null it only reads, and stops at the first free
     * name (the broker never deletes users, so the person's user cannot lie beyond it); with an owner it
     * creates the user at the first free name, in one {@code CreateUser} with path, boundary and tags.
     */
    private Lookup find(PrincipalId person, Identity owner) {
        for (String name : IamUserNames.candidates(person.subject())) {
            IamResult<IamUser> got = iam.getUser(name);
            if (got instanceof IamResult.Done<IamUser>(var user)) {
                if (owns(user, person)) return new Lookup.Found(user, false);
                continue;
            }
            if (!(got instanceof IamResult.NotFound<IamUser>)) return new Lookup.Failed(ApiKeyOutcome.failure("GetUser", got));
            if (owner == null) return new Lookup.Absent();
            switch (iam.createUser(new NewIamUser(name, userPath, boundaryArn, ownerTags(owner)))) {
                case IamResult.Done<IamUser>(var user) -> {
                    return new Lookup.Found(user, true);
                }
                case IamResult.AlreadyExists<IamUser> taken -> {
                    // A concurrent request of the same person, or a name that differs only in case: look again.
                    IamResult<IamUser> again = iam.getUser(name);
                    if (again instanceof IamResult.Done<IamUser>(var user) && owns(user, person)) {
                        return new Lookup.Found(user, false);
                    }
                    if (!(again instanceof IamResult.Done<IamUser>) && !(again instanceof IamResult.NotFound<IamUser>)) {
                        return new Lookup.Failed(ApiKeyOutcome.failure("GetUser", again));
                    }
                }
                case IamResult<IamUser> failure -> {
                    return new Lookup.Failed(ApiKeyOutcome.failure("CreateUser", failure));
                }
            }
        }
        return new Lookup.Failed(ApiKeyOutcome.refused("CreateUser:UserNamesExhausted"));
    }

    /**
     * The user is this person's: under our path, and tagged with their principal, or, for the legacy issuer, a user
     * from before issuer-keyed names (no principal tag) tagged with their subject.
     */
    private boolean owns(IamUser user, PrincipalId person) {
        if (!userPath.equals(user.path())) return false;
        String principal = user.tags().get(IamUserNames.TAG_PRINCIPAL);
        if (principal != null) return principal.equals(IamUserNames.principalTag(person));
        return legacyIssuers.contains(person.issuer())
                && IamUserNames.ownerTag(person.subject()).equals(user.tags().get(IamUserNames.TAG_SUBJECT));
    }

    private static Map<String, String> ownerTags(Identity owner) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(IamUserNames.TAG_PRINCIPAL, IamUserNames.principalTag(owner.principal()));
        tags.put(IamUserNames.TAG_ISSUER, IamUserNames.displayTag(owner.issuer()));
        tags.put(IamUserNames.TAG_SUBJECT, IamUserNames.ownerTag(owner.subject()));
        tags.put(IamUserNames.TAG_EMAIL, IamUserNames.displayTag(owner.email()));
        tags.put(IamUserNames.TAG_USER, IamUserNames.displayTag(owner.userName()));
        // create() refused an owner these do not fit before any IAM call.
        tags.putAll(IamUserNames.exactOwnerTags(owner.principal()).orElseThrow());
        return tags;
    }

    private ApiKey view(StoredKey key, Map<String, String> tags) {
        String labelTag = IamUserNames.labelTag(key.id());
        return new ApiKey(key.id(), labelTag == null ? null : tags.get(labelTag), key.createdAt(), key.expiration(), statusAt(key));
    }

    /** IAM may still call a key active for a moment after its expiration has passed. */
    private ApiKeyStatus statusAt(StoredKey key) {
        Instant now = clock.instant();
        if (key.status() == ApiKeyStatus.ACTIVE && key.expiration() != null && !key.expiration().isAfter(now)) {
            return ApiKeyStatus.EXPIRED;
        }
        return key.status();
    }

    /** Keys sorted by creation, oldest first, for stable answers. */
    private static List<ApiKey> sorted(List<ApiKey> keys) {
        List<ApiKey> copy = new ArrayList<>(keys);
        copy.sort(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id));
        return copy;
    }
}
