package broker.lambda.aws;

import broker.lambda.core.apikeys.IamResult;
import broker.lambda.core.budget.cutoff.KeyStatusSwitch;
import java.util.Objects;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.StatusType;

/** {@link KeyStatusSwitch} on IAM's {@code UpdateServiceSpecificCredential}; SDK errors stop here. */
public final class IamKeyStatusSwitch implements KeyStatusSwitch {
    private final IamClient iam;

    public IamKeyStatusSwitch(IamClient iam) {
        this.iam = Objects.requireNonNull(iam, "iam");
    }

    @Override
    public IamResult<Void> deactivate(String userName, String keyId) {
        return set(userName, keyId, StatusType.INACTIVE);
    }

    @Override
    public IamResult<Void> activate(String userName, String keyId) {
        return set(userName, keyId, StatusType.ACTIVE);
    }

    private IamResult<Void> set(String userName, String keyId, StatusType status) {
        return IamErrors.call(() -> {
            iam.updateServiceSpecificCredential(r -> r.userName(userName).serviceSpecificCredentialId(keyId).status(status));
            return null;
        });
    }
}
