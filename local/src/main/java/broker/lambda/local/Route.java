package broker.lambda.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One API Gateway route: {@code method} and a path template whose segments are literals, {@code {name}} (one
 * segment) or a last {@code {name+}} (the rest of the path), served by {@code handler}; {@code authenticated} routes
 * pass the JWT authorizer first.
 */
public record Route(String method, String pathTemplate, boolean authenticated,
                    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {

    private static final Pattern METHOD = Pattern.compile("[A-Z]+");
    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z0-9_.-]+)(\\+?)}");

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathTemplate, "pathTemplate");
        Objects.requireNonNull(handler, "handler");
        method = method.toUpperCase(Locale.ROOT);
        if (!METHOD.matcher(method).matches()) throw new IllegalArgumentException("not an HTTP method: " + method);
        if (!pathTemplate.startsWith("/")) throw new IllegalArgumentException("path must start with /: " + pathTemplate);
        List<String> segments = segments(pathTemplate);
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            var parameter = PARAMETER.matcher(segment);
            if (parameter.matches()) {
                if (!parameter.group(2).isEmpty() && i != segments.size() - 1) {
                    throw new IllegalArgumentException("a greedy {name+} must be the last segment: " + pathTemplate);
                }
            } else if (segment.contains("{") || segment.contains("}")) {
                throw new IllegalArgumentException("bad path parameter in " + pathTemplate);
            }
        }
    }

    /** A route that API Gateway serves without an authorizer. */
    public static Route open(String method, String pathTemplate,
                             RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        return new Route(method, pathTemplate, false, handler);
    }

    /** A route behind the JWT authorizer. */
    public static Route authenticated(String method, String pathTemplate,
                                      RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        return new Route(method, pathTemplate, true, handler);
    }

    /** The event's {@code routeKey}, e.g. {@code "DELETE /v1/api-keys/{id}"}. */
    public String routeKey() {
        return method + " " + pathTemplate;
    }

    /** Literal segments count: API Gateway prefers the most specific route. */
    int specificity() {
        return (int) segments(pathTemplate).stream().filter(s -> !PARAMETER.matcher(s).matches()).count();
    }

    /** The path parameters (URL-decoded) when the raw request path fits this template. */
    Optional<Map<String, String>> match(String rawPath) {
        List<String> template = segments(pathTemplate);
        List<String> path = segments(rawPath);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            var parameter = PARAMETER.matcher(template.get(i));
            boolean isParameter = parameter.matches();
            if (isParameter && !parameter.group(2).isEmpty()) {
                if (i >= path.size()) return Optional.empty();
                String rest = String.join("/", path.subList(i, path.size()));
                if (rest.isEmpty()) return Optional.empty();
                parameters.put(parameter.group(1), decode(rest));
                return Optional.of(parameters);
            }
            if (i >= path.size()) return Optional.empty();
            String segment = path.get(i);
            if (isParameter) {
                if (segment.isEmpty()) return Optional.empty();
                parameters.put(parameter.group(1), decode(segment));
            } else if (!template.get(i).equals(decode(segment))) {
                return Optional.empty();
            }
        }
        return template.size() == path.size() ? Optional.of(parameters) : Optional.empty();
    }

    private static List<String> segments(String path) {
        return List.of(path.substring(1).split("/", -1));
    }

    private static String decode(String segment) {
        // Path segments: '+' is a plus, not a space.
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
