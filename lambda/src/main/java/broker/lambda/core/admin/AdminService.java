package broker.lambda.core.admin;

import broker.lambda.core.apikeys.ApiKeyOutcome;
import broker.lambda.core.apikeys.ApiKeysService;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.revocation.SessionRevoker;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What members of the entitlements' admin groups may do to other people: list and delete their long-term keys,
 * and revoke their STS sessions. A person is named by their OIDC subject ({@code sub}), the one identifier the
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

    /** The long-term keys of the person with {@code subject}. */
    public ApiKeyOutcome listKeys(Identity admin, String subject) {
        return asAdmin(admin, subject, () -> keys.listOf(subject));
    }

    /** Deletes one long-term key of the person with {@code subject}. */
    public ApiKeyOutcome deleteKey(Identity admin, String subject, String keyId) {
        return asAdmin(admin, subject, () -> keys.deleteOf(subject, keyId));
    }

    /** Makes every STS session of the person with {@code subject} issued before now unusable. */
    public ApiKeyOutcome revokeSessions(Identity admin, String subject) {
        return asAdmin(admin, subject, () -> revoker.revoke(subject));
    }

    /** True when the caller is in one of the document's admin groups (whether or not a profile applies to them). */
    public boolean isAdmin(Identity caller) {
        return entitlements.isAdmin(caller.groups());
    }

    private ApiKeyOutcome asAdmin(Identity admin, String subject, Supplier<ApiKeyOutcome> action) {
        if (!isAdmin(admin)) return new ApiKeyOutcome.NotAdmin();
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT) return new ApiKeyOutcome.InvalidUser();
        return action.get();
    }
}
