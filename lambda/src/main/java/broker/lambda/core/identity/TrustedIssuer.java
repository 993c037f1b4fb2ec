package broker.lambda.core.identity;

import java.util.List;
import java.util.Objects;

/**
 * One issuer whose tokens the broker accepts, with what its tokens mean: one entry per issuer of a deployment
 * (the company identity provider or the Cognito default for people; GitHub Actions, GitLab or EKS for
 * workloads).
 *
 * @param issuer            the exact {@code iss} of its tokens
 * @param kind              whether its tokens stand for people or for workloads
 * @param audiences         the {@code aud} values accepted (or Cognito's {@code client_id} when a token has no
 *                          {@code aud}); at least one
 * @param clientIds         the broker's own clients at this issuer (CLI, portal). When an accepted audience is
 *                          not one of them (an API identifier shared by every client of the authorization
 *                          server), a token's {@code azp} / {@code client_id} / {@code cid} must name one.
 *                          Empty for workload issuers, whose audience is the broker's own string.
 * @param claims            which claims carry the subject, user name and groups
 * @param legacySubjectKeys true for the issuer of a deployment that predates issuer-keyed names: its people's
 *                          IAM users are also found under their old, subject-only names, and revoking them also
 *                          denies sessions with the old suffix (see docs/deploy.md, "Upgrading")
 */
public record TrustedIssuer(String issuer, PrincipalKind kind, List<String> audiences, List<String> clientIds,
                            IdentityClaims claims, boolean legacySubjectKeys) {
    public TrustedIssuer {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(claims, "claims");
        audiences = List.copyOf(audiences);
        clientIds = List.copyOf(clientIds);
        if (issuer.isBlank() || issuer.indexOf('#') >= 0) throw new IllegalArgumentException("issuer is not an issuer URL");
        if (audiences.isEmpty()) throw new IllegalArgumentException("at least one audience is required");
    }

    /** A people issuer whose clients are the accepted audiences (no client check), keyed the current way. */
    public static TrustedIssuer people(String issuer, List<String> audiences, IdentityClaims claims) {
        return new TrustedIssuer(issuer, PrincipalKind.PERSON, audiences, audiences, claims, false);
    }

    /**
     * True when the {@code aud} check alone does not prove that the token was issued to one of our clients: some
     * accepted audience is not a client id of ours.
     */
    public boolean requiresClientCheck() {
        return !clientIds.isEmpty() && !clientIds.containsAll(audiences);
    }
}
