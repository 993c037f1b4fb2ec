package broker.lambda.core.budget.cutoff;

import broker.lambda.core.apikeys.ApiKeysService;
import broker.lambda.core.identity.PrincipalId;

/** Port: a person's key user and long-term keys ({@link ApiKeysService#personKeys}), or none where keys are off. */
@FunctionalInterface
public interface PersonKeysLookup {
    /** Where the broker serves no long-term keys (no permissions boundary): nobody has any. */
    PersonKeysLookup NONE = person -> new ApiKeysService.PersonKeys.None();

    ApiKeysService.PersonKeys personKeys(PrincipalId person);
}
