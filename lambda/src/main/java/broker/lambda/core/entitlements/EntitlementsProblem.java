package broker.lambda.core.entitlements;

/**
 * One thing wrong with an entitlements document.
 *
 * @param path    JSON path of the offending value, e.g. {@code $.groups.developers.maxSessionSeconds}
 * @param message one sentence saying what is wrong and what is allowed
 */
public record EntitlementsProblem(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
