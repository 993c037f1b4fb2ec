package broker.lambda.core.usage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads Bedrock model invocation log records (one JSON object each, as CloudWatch Logs delivers them in a log
 * event's message and S3 delivers them one per line) into {@link InvocationRecord}s.
 *
 * <p>Only the metering fields are read: {@code input.inputBodyJson}, {@code output.outputBodyJson} and every other
 * field are skipped token by token and never kept, so prompts and answers never reach the ledger or a log. Stateless
 * and thread-safe.
 */
public final class InvocationLogParser {
    /** The {@code schemaType} of invocation log records. */
    public static final String SCHEMA_TYPE = "ModelInvocationLog";
    /** Bedrock counts far fewer tokens per request; a larger count is a broken record. */
    static final long MAX_TOKENS = Integer.MAX_VALUE;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(256).maxNumberLength(40).build())
            .build();
    private static final Pattern ID = Pattern.compile("[\\x21-\\x7e]{1,256}");
    private static final Pattern ARN = Pattern.compile("arn:[\\x21-\\x7e]{1,2044}");
    private static final Pattern MODEL = Pattern.compile("[\\x21-\\x7e]{1,2048}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,32}");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final Pattern OPERATION = Pattern.compile("[A-Za-z]{1,64}");

    /** Reads one record; never throws. */
    public RecordReading read(String text) {
        if (text == null) return new RecordReading.Skipped(RecordReading.SkipReason.NOT_JSON, "");
        try (JsonParser parser = FACTORY.createParser(text)) {
            return read(parser);
        } catch (IOException | RuntimeException e) {
            // Jackson's messages quote the input: only the reason is kept.
            return new RecordReading.Skipped(RecordReading.SkipReason.NOT_JSON, "");
        }
    }

    /** Reads one record from UTF-8 bytes; never throws. */
    public RecordReading read(byte[] utf8, int offset, int length) {
        try (JsonParser parser = FACTORY.createParser(utf8, offset, length)) {
            return read(parser);
        } catch (IOException | RuntimeException e) {
            return new RecordReading.Skipped(RecordReading.SkipReason.NOT_JSON, "");
        }
    }

    private static RecordReading read(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return new RecordReading.Skipped(RecordReading.SkipReason.NOT_JSON, "");
        }
        Fields fields = new Fields();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "schemaType" -> fields.schemaType = text(parser, value, name, fields);
                case "timestamp" -> fields.timestamp = text(parser, value, name, fields);
                case "accountId" -> fields.accountId = text(parser, value, name, fields);
                case "region" -> fields.region = text(parser, value, name, fields);
                case "inferenceRegion" -> fields.inferenceRegion = text(parser, value, name, fields);
                case "requestId" -> fields.requestId = text(parser, value, name, fields);
                case "operation" -> fields.operation = text(parser, value, name, fields);
                case "modelId" -> fields.modelId = text(parser, value, name, fields);
                case "identity" -> object(parser, value, name, fields, InvocationLogParser::identity);
                case "input" -> object(parser, value, name, fields, InvocationLogParser::input);
                case "output" -> object(parser, value, name, fields, InvocationLogParser::output);
                default -> parser.skipChildren();
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
            return new RecordReading.Skipped(RecordReading.SkipReason.NOT_JSON, "");
        }
        return fields.reading();
    }

    /** One member of a nested object, read from {@code token} on. */
    private interface Member {
        void read(JsonParser parser, String name, JsonToken token, Fields fields) throws IOException;
    }

    /** A nested object ({@code field}): each member goes to {@code member}; null is absent, any other value invalid. */
    private static void object(JsonParser parser, JsonToken value, String field, Fields fields, Member member)
            throws IOException {
        if (value == JsonToken.VALUE_NULL) return;
        if (value != JsonToken.START_OBJECT) {
            fields.markInvalid(field);
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            member.read(parser, name, parser.nextToken(), fields);
        }
    }

    private static void identity(JsonParser parser, String name, JsonToken token, Fields fields) throws IOException {
        if (name.equals("arn")) {
            fields.identityArn = text(parser, token, "identity.arn", fields);
        } else {
            parser.skipChildren();
        }
    }

    private static void input(JsonParser parser, String name, JsonToken token, Fields fields) throws IOException {
        switch (name) {
            case "inputTokenCount" -> fields.inputTokens = count(parser, token, "input.inputTokenCount", fields);
            case "cacheReadInputTokenCount" ->
                    fields.cacheReadTokens = count(parser, token, "input.cacheReadInputTokenCount", fields);
            case "cacheWriteInputTokenCount" ->
                    fields.cacheWriteTokens = count(parser, token, "input.cacheWriteInputTokenCount", fields);
            default -> parser.skipChildren(); // inputBodyJson, inputContentType, …: never read
        }
    }

    private static void output(JsonParser parser, String name, JsonToken token, Fields fields) throws IOException {
        if (name.equals("outputTokenCount")) {
            fields.outputTokens = count(parser, token, "output.outputTokenCount", fields);
        } else {
            parser.skipChildren(); // outputBodyJson, …: never read
        }
    }

    private static String text(JsonParser parser, JsonToken token, String field, Fields fields) throws IOException {
        if (token == JsonToken.VALUE_NULL) return null;
        if (token != JsonToken.VALUE_STRING) {
            fields.markInvalid(field);
            parser.skipChildren();
            return null;
        }
        return parser.getText();
    }

    private static long count(JsonParser parser, JsonToken token, String field, Fields fields) throws IOException {
        if (token == JsonToken.VALUE_NULL) return 0;
        if (token != JsonToken.VALUE_NUMBER_INT) {
            fields.markInvalid(field);
            parser.skipChildren();
            return 0;
        }
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            fields.markInvalid(field);
            return 0;
        }
        long count = parser.getLongValue();
        if (count < 0 || count > MAX_TOKENS) {
            fields.markInvalid(field);
            return 0;
        }
        return count;
    }

    /** The fields read so far; the first invalid one wins. */
    private static final class Fields {
        String schemaType;
        String timestamp;
        String accountId;
        String identityArn;
        String region;
        String inferenceRegion;
        String requestId;
        String operation;
        String modelId;
        long inputTokens;
        long outputTokens;
        long cacheReadTokens;
        long cacheWriteTokens;
        String invalidField;

        void markInvalid(String field) {
            if (invalidField == null) invalidField = field;
        }

        RecordReading reading() {
            if (schemaType == null && invalidField == null) return missing("schemaType");
            if (schemaType != null && !schemaType.equals(SCHEMA_TYPE)) {
                return new RecordReading.Skipped(RecordReading.SkipReason.NOT_INVOCATION_LOG, "schemaType");
            }
            if (invalidField != null) return invalid(invalidField);
            if (requestId == null) return missing("requestId");
            if (timestamp == null) return missing("timestamp");
            if (identityArn == null) return missing("identity.arn");
            if (modelId == null) return missing("modelId");
            if (!ID.matcher(requestId).matches()) return invalid("requestId");
            if (!ARN.matcher(identityArn).matches()) return invalid("identity.arn");
            if (!MODEL.matcher(modelId).matches()) return invalid("modelId");
            if (region != null && !REGION.matcher(region).matches()) return invalid("region");
            if (inferenceRegion != null && !REGION.matcher(inferenceRegion).matches()) return invalid("inferenceRegion");
            if (accountId != null && !ACCOUNT.matcher(accountId).matches()) return invalid("accountId");
            if (operation != null && !OPERATION.matcher(operation).matches()) return invalid("operation");
            Instant instant = instant(timestamp);
            if (instant == null) return invalid("timestamp");
            return new RecordReading.Read(new InvocationRecord(requestId, instant, orEmpty(accountId), identityArn,
                    orEmpty(region), orEmpty(inferenceRegion), orEmpty(operation), modelId,
                    inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens));
        }


        private static RecordReading invalid(String field) {
            return new RecordReading.Skipped(RecordReading.SkipReason.INVALID_FIELD, field);
        }

        private static RecordReading missing(String field) {
            return new RecordReading.Skipped(RecordReading.SkipReason.MISSING_FIELD, field);
        }

        private static String orEmpty(String value) {
            return value == null ? "" : value;
        }

        private static Instant instant(String text) {
            if (text.length() > 40) return null;
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
