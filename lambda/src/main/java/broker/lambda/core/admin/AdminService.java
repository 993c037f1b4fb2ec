package broker.lambda.core.admin;

import broker.lambda.core.apikeys.ApiKeyOutcome;
import broker.lambda.core.apikeys.ApiKeysService;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.identity.PrincipalId;
import broker.lambda.core.revocation.SessionRevoker;
import java.util.Objects;
import java.util.function.Function;

/**
 * What members of the entitlements' admin groups may do to other people: list and delete their long-term keys,
 * and revoke their STS sessions. A person is named by issuer and subject ({@link PrincipalId}), the one key the
 * broker derives everything else from (IAM user name, STS SourceIdentity suffix).
 */
public final class AdminService {
    /** Subjects longer than this are not subjects (OIDC allows 255 ASCII characters). */
    static final int MAX_SUBJECT = 1024;

    private final EntitlementsDocument entitlements;
    private final ApiKeysService keys;
    private final SessionRevoker revoker;

    public AdminService(EntitlementsDocument entitlements, ApiKeysService keys, SessionRevoker revoker) {
        this.entitlements = Objects.requireNonNull(entitlements, "entitlements");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.revoker = Objects.requireNonNull(revoker, "revoker");
    }

    /** The long-term keys of the person with {@code subject} at {@code issuer} (null: the admin's own issuer). */
    public ApiKeyOutcome listKeys(Identity admin, String issuer, String subject) {
        return asAdmin(admin, issuer, subject, person -> keys.listOf(person));
    }

    /** Deletes one long-term key of the person with {@code subject} at {@code issuer} (null: the admin's own). */
    public ApiKeyOutcome deleteKey(Identity admin, String issuer, String subject, String keyId) {
        return asAdmin(admin, issuer, subject, person -> keys.deleteOf(person, keyId));
    }

    /** Makes every STS session of the person issued before now unusable ({@code issuer} null: the admin's own). */
    public ApiKeyOutcome revokeSessions(Identity admin, String issuer, String subject) {
        return asAdmin(admin, issuer, subject, revoker::revoke);
    }

    /** The same, for the person with {@code subject} at the admin's own issuer. */
    public ApiKeyOutcome listKeys(Identity admin, String subject) {
        return listKeys(admin, null, subject);
    }

    /** The same, for the person with {@code subject} at the admin's own issuer. */
    public ApiKeyOutcome deleteKey(Identity admin, String subject, String keyId) {
        return deleteKey(admin, null, subject, keyId);
    }

    /** The same, for the person with {@code subject} at the admin's own issuer. */
    public ApiKeyOutcome revokeSessions(Identity admin, String subject) {
        return revokeSessions(admin, null, subject);
    }

    /** True when the caller is in one of the document's admin groups (whether or not a profile applies to them). */
    public boolean isAdmin(Identity caller) {
        // Workloads are never admins: admin groups are people's groups.
        return !caller.isWorkload() && entitlements.isAdmin(caller.groups());
    }

    private ApiKeyOutcome asAdmin(Identity admin, String issuer, String subject, Function<PrincipalId, ApiKeyOutcome> action) {
        if (!isAdmin(admin)) return new ApiKeyOutcome.NotAdmin();
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT) return new ApiKeyOutcome.InvalidUser();
        String at = issuer == null || issuer.isBlank() ? admin.issuer() : issuer;
        if (at.length() > MAX_SUBJECT || at.indexOf('#') >= 0) return new ApiKeyOutcome.InvalidUser();
        return action.apply(new PrincipalId(at, subject));
    }
}
