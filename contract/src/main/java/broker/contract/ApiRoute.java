package broker.contract;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One route of the broker's HTTP API.
 *
 * @param method   HTTP method, upper case
 * @param path     path template, e.g. {@code /v1/api-keys/{id}}
 * @param function the function that serves it
 * @param auth     whether API Gateway's JWT authorizer guards it
 * @param action   the {@code action} of the route's audit lines (e.g. {@code bearer-token}); null for public routes,
 *                 which write none
 */
public record ApiRoute(String method, String path, BrokerFunction function, Auth auth, String action) {
    private static final Pattern METHOD = Pattern.compile("[A-Z]+");

    /** How API Gateway lets a request through; the names are the route's {@code AuthorizationType}. */
    public enum Auth {
        /** Public: no token needed. */
        NONE,
        /** The JWT authorizer must accept the caller's token. */
        JWT
    }

    public ApiRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(auth, "auth");
        if (!METHOD.matcher(method).matches()) throw new IllegalArgumentException("not an HTTP method: " + method);
        if (!path.startsWith("/")) throw new IllegalArgumentException("path must start with /: " + path);
        if ((auth == Auth.JWT) != (action != null)) {
            throw new IllegalArgumentException("an authenticated route names its audit action, a public one none: " + path);
        }
    }

    /** API Gateway's route key, e.g. {@code DELETE /v1/api-keys/{id}}. */
    public String key() {
        return method + " " + path;
    }

    /** True when the JWT authorizer guards this route. */
    public boolean authenticated() {
        return auth == Auth.JWT;
    }
}
