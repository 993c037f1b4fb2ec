package broker.lambda.observability;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log lines about the broker's state store that are not audit lines: an issuance record that could not be written
 * (the issuance itself went through; that person's usage will show as unattributed). Names what failed, never an
 * item's content.
 */
public final class StateLog {
    private static final Logger LOG = LoggerFactory.getLogger("broker.state");

    private StateLog() {
    }

    /** A Lambda function without {@code BROKER_STATE_TABLE}: the stack always sets it, so this is a test or a mistake. */
    public static void noTable() {
        LOG.warn("BROKER_STATE_TABLE is not set: revocations are kept in this instance's memory only");
    }

    /** For {@code IssuanceRecorder}'s failure callback. */
    public static void recordFailed(RuntimeException failure) {
        LOG.warn("issuance record not written", entry("cause", failure.getClass().getSimpleName()),
                entry("detail", failure.getMessage()));
    }
}
