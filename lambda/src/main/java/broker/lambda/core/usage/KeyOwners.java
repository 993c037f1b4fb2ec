package broker.lambda.core.usage;

import java.util.Map;
import java.util.Set;

/** Port: the owners of the broker's per-person IAM users (their owner tag), for long-term Bedrock API keys. */
public interface KeyOwners {
    /** The owners of those of {@code iamUserNames} that the broker created; other names are absent. */
    Map<String, Owner> ownersOf(Set<String> iamUserNames);
}
