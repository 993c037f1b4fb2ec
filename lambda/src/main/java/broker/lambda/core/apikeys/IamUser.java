package broker.lambda.core.apikeys;

import java.util.Map;
import java.util.Objects;

/**
 * An IAM user as the broker sees it.
 *
 * @param name                   the user name (1-64 chars of {@code [\w+=,.@-]})
 * @param path                   the IAM path, e.g. {@code /bedrock-broker/users/}
 * @param permissionsBoundaryArn the user's permissions boundary, or null when it has none
 * @param tags                   every tag of the user
 */
public record IamUser(String name, String path, String permissionsBoundaryArn, Map<String, String> tags) {
    public IamUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        tags = Map.copyOf(tags);
    }
}
