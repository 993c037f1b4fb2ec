package broker.lambda.core.usage;

/** What {@link InvocationLogParser} made of one log record. */
public sealed interface RecordReading {
    /** The record is a well-formed invocation log record. */
    record Read(InvocationRecord record) implements RecordReading {}

    /**
     * The record is skipped (counted, and logged with the reason only, never its content).
     *
     * @param reason why
     * @param field  the field at fault (one of the parser's known field names), or the empty string
     */
    record Skipped(SkipReason reason, String field) implements RecordReading {}

    /** Why a record is skipped. */
    enum SkipReason {
        /** Not one JSON object (truncated, not JSON, a repeated field name, content after the object). */
        NOT_JSON,
        /** Valid JSON, but its {@code schemaType} is not {@code ModelInvocationLog}. */
        NOT_INVOCATION_LOG,
        /** A field the ledger needs is absent. */
        MISSING_FIELD,
        /** A field has the wrong type or an impossible value. */
        INVALID_FIELD
    }
}
