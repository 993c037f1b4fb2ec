package broker.lambda.authorizer;

/**
 * Decides whether a request may reach an authenticated route, as API Gateway's authorizer does before it invokes
 * the function. {@link JwtAuthorizer} is the real one; tests may plug in a fake.
 */
@FunctionalInterface
public interface Authorizer {

    /**
     * @param authorizationHeader the single {@code Authorization} header value, or null when there is none
     * @return never null; implementations return {@link AuthorizationResult.Unauthorized} instead of throwing
     */
    AuthorizationResult authorize(String authorizationHeader);
}
