package broker.lambda.core.apikeys;

import java.util.Map;
import java.util.Objects;

/**
 * A user to create in one {@code CreateUser} call: path, permissions boundary and tags are set atomically, so
 * there is never a broker user without its boundary or its owner tag.
 */
public record NewIamUser(String name, String path, String permissionsBoundaryArn, Map<String, String> tags) {
    public NewIamUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(permissionsBoundaryArn, "permissionsBoundaryArn");
        tags = Map.copyOf(tags);
    }
}
