package broker.lambda.local;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Finds the route of a request, as API Gateway does: the most specific matching path template wins. */
final class RouteTable {

    /** The outcome of looking up a request's method and path. */
    sealed interface Resolution {
        /** A route serves this method and path. */
        record Found(Route route, Map<String, String> pathParameters) implements Resolution {}
        /** No route has this path: 404. */
        record NotFound() implements Resolution {}
        /** Routes have this path but not this method: 405 with {@code Allow}. */
        record MethodNotAllowed(List<String> allowed) implements Resolution {}
    }

    private final List<Route> routes;

    RouteTable(List<Route> routes) {
        Set<String> keys = new HashSet<>();
        for (Route route : routes) {
            if (!keys.add(route.routeKey())) throw new IllegalArgumentException("duplicate route " + route.routeKey());
        }
        this.routes = routes.stream().sorted(Comparator.comparingInt(Route::specificity).reversed()).toList();
    }

    Resolution resolve(String method, String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) return new Resolution.NotFound();
        Optional<Resolution.Found> found = Optional.empty();
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> parameters;
            try {
                parameters = route.match(rawPath);
            } catch (IllegalArgumentException e) {
                return new Resolution.NotFound(); // malformed percent-encoding
            }
            if (parameters.isEmpty()) continue;
            allowed.add(route.method());
            if (found.isEmpty() && route.method().equals(method)) {
                found = Optional.of(new Resolution.Found(route, parameters.get()));
            }
        }
        if (found.isPresent()) return found.get();
        return allowed.isEmpty() ? new Resolution.NotFound() : new Resolution.MethodNotAllowed(List.copyOf(allowed));
    }
}
