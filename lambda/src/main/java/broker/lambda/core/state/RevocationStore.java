package broker.lambda.core.state;

import java.time.Instant;
import java.util.List;

/**
 * Port: the revocations the broker keeps (a DynamoDB table in AWS, an embedded store in the local broker). The store
 * is the record of what was revoked; the IAM deny on the Bedrock user role is rendered from it. Implementations write
 * with conditional updates, so concurrent writers (two admin functions, a budget cut-off) never lose each other's
 * revocations, and throw {@link StateUnavailableException} when the store cannot be reached.
 */
public interface RevocationStore {
    /**
     * Stores {@code revocation} unless one for the same target (the person's subject hash, or everyone) with an
     * equal or later cutoff is stored already: a cutoff only ever moves forward.
     *
     * @return the revocation now in force for that target (the argument, or the later one already stored)
     */
    Revocation record(Revocation revocation);

    /** Every stored revocation still {@linkplain Revocation#activeAt active} at {@code now}, in no order. */
    List<Revocation> active(Instant now);

    /**
     * Takes or renews the lease {@code name} for {@code owner} until {@code until}, unless another owner holds it
     * beyond {@code now}. One writer at a time renders the IAM policy: IAM has no conditional write, so the lease is
     * what keeps a slow writer's older document from landing after a newer one.
     *
     * @return true when {@code owner} now holds the lease
     */
    boolean acquireLease(String name, String owner, Instant now, Instant until);

    /** Gives up the lease if {@code owner} holds it; does nothing otherwise. */
    void releaseLease(String name, String owner);
}
