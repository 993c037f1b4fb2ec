package broker.lambda.core.budget.cutoff;

import broker.lambda.core.apikeys.IamResult;

/**
 * Port: {@code UpdateServiceSpecificCredential} both ways, for the budget cut-off (Inactive) and the restore at the
 * reset (Active). A key set Inactive stops authenticating and is kept; it is never deleted.
 */
public interface KeyStatusSwitch {
    /** Sets the key Inactive. */
    IamResult<Void> deactivate(String userName, String keyId);

    /** Sets the key Active again. */
    IamResult<Void> activate(String userName, String keyId);
}
