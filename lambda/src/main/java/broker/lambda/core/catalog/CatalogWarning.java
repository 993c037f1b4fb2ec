package broker.lambda.core.catalog;

/**
 * An entitlements entry that the model catalog shows to be of no use as written: it matches nothing Bedrock offers
 * in the profile's regions, or names a model that can only be invoked through an inference profile.
 *
 * @param path    the entry's JSON path, e.g. {@code $.groups.developers.models[2]}
 * @param model   the entry as written
 * @param message one sentence for the platform team, with the fix
 */
public record CatalogWarning(String path, String model, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
