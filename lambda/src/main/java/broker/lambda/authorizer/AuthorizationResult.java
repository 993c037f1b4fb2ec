package broker.lambda.authorizer;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What the local broker's authorizer decided about a request's bearer token. */
public sealed interface AuthorizationResult {

    /**
     * The token is valid: its claims as API Gateway hands them to the integration
     * ({@code requestContext.authorizer.jwt}).
     *
     * @param claims every claim flattened to text, as API Gateway's JWT authorizer does
     * @param scopes the token's {@code scope} / {@code scp} values
     */
    record Authorized(Map<String, String> claims, List<String> scopes) implements AuthorizationResult {
        public Authorized {
            claims = Map.copyOf(claims);
            scopes = List.copyOf(scopes);
        }
    }

    /**
     * The token is missing, malformed or not valid, or it could not be verified (issuer down). The reason
     * is for the server log only; the caller gets a generic 401. It never contains the token.
     */
    record Unauthorized(String reason) implements AuthorizationResult {
        private static final int MAX_REASON = 300;

        public Unauthorized {
            Objects.requireNonNull(reason, "reason");
            // Parts of the reason can come from the untrusted token (its alg, a library message): keep the log line one line.
            reason = reason.replaceAll("\\p{Cntrl}", "?");
            if (reason.length() > MAX_REASON) reason = reason.substring(0, MAX_REASON) + "...";
        }
    }
}
