package broker.lambda.core.identity;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the JWT claims that the API Gateway JWT authorizer (or the local broker) verified into an
 * {@link Identity}; used by every authenticated route before anything else.
 *
 * <p>Claims are untrusted text. Values lose control, line-separator and bidi-override characters and
 * are bounded: user name and email to {@value #MAX_USER_NAME_LENGTH} chars (a longer email is dropped, a
 * longer name cut), at most {@value #MAX_GROUPS} groups of at most
 * {@value #MAX_GROUP_LENGTH} chars (longer ones are dropped). The subject is an identifier and
 * is never altered: a {@code sub} that is blank, longer than {@value #MAX_SUBJECT_LENGTH} chars (OIDC Core's
 * limit) or holds such characters is refused.
 */
public final class IdentityResolver {
    public static final int MAX_SUBJECT_LENGTH = 255;
    public static final int MAX_USER_NAME_LENGTH = 256;
    public static final int MAX_EMAIL_LENGTH = 256;
    public static final int MAX_GROUPS = GroupsClaim.MAX_GROUPS;
    public static final int MAX_GROUP_LENGTH = GroupsClaim.MAX_GROUP_LENGTH;

    private final IdentityClaims identityClaims;

    public IdentityResolver(IdentityClaims identityClaims) {
        this.identityClaims = Objects.requireNonNull(identityClaims, "identityClaims");
    }

    /**
     * The caller's identity, or empty when the claims carry no usable subject (the route answers 401).
     *
     * @param claims {@code requestContext.authorizer.jwt.claims}: claim name to string value; may be null
     */
    public Optional<Identity> resolve(Map<String, String> claims) {
        if (claims == null) return Optional.empty();
        String subject = claims.get("sub");
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH
                || !ClaimText.isClean(subject)) {
            return Optional.empty();
        }
        String userName = ClaimText.clean(claims.get(identityClaims.userNameClaim()), MAX_USER_NAME_LENGTH);
        String email = ClaimText.cleanOrNullIfLonger(claims.get("email"), MAX_EMAIL_LENGTH);
        return Optional.of(new Identity(
                subject,
                userName.isEmpty() ? subject : userName,
                email == null ? "" : email,
                GroupsClaim.parse(claims.get(identityClaims.groupsClaim()))));
    }
}
