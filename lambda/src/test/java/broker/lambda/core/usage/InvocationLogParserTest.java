package broker.lambda.core.usage;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.usage.RecordReading.SkipReason;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InvocationLogParserTest {
    private final InvocationLogParser parser = new InvocationLogParser();

    @Test
    void read_documentedConverseRecord_keepsTheMeteringFields() {
        RecordReading reading = parser.read(Fixtures.sample("converse-session.json"));

        assertThat(reading).isEqualTo(new RecordReading.Read(new InvocationRecord(
                "9c7e4b1a-0f51-4c8e-9a53-2f4cd1f0e7aa", Instant.parse("2026-12-07T21:14:03Z"), "123456789012",
                "arn:aws:sts::123456789012:assumed-role/BedrockBrokerUserRole/alice-abcdefghijkl", "us-east-1",
                "us-west-2", "ConverseStream", "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                1200, 350, 30000, 800)));
    }

    @Test
    void read_recordWithPromptAndAnswer_keepsNeitherPromptNorAnswer() {
        RecordReading reading = parser.read(Fixtures.sample("converse-session.json"));

        assertThat(reading.toString()).doesNotContain("SECRET-PROMPT").doesNotContain("SECRET-ANSWER");
    }

    @Test
    void read_longTermKeyRecordWithFractionalTimestampAndNoCacheCounts_readsZeroCacheTokens() {
        RecordReading.Read read = (RecordReading.Read) parser.read(Fixtures.sample("invoke-long-term-key.json"));

        assertThat(read.record().timestamp()).isEqualTo(Instant.parse("2026-12-07T08:00:00.123Z"));
        assertThat(read.record().identityArn()).isEqualTo("arn:aws:iam::123456789012:user/bedrock-broker/users/bob");
        assertThat(read.record().cacheReadTokens()).isZero();
        assertThat(read.record().cacheWriteTokens()).isZero();
        assertThat(read.record().inferenceRegion()).isEmpty();
    }

    @Test
    void read_textDeliveryOffRecord_isRead() {
        assertThat(parser.read(Fixtures.sample("text-delivery-off.json"))).isInstanceOf(RecordReading.Read.class);
    }

    @Test
    void read_notJson_isSkippedAsNotJson() {
        assertThat(parser.read("{\"schemaType\":\"ModelInvocationLog\",")).isEqualTo(skipped(SkipReason.NOT_JSON, ""));
        assertThat(parser.read("hello")).isEqualTo(skipped(SkipReason.NOT_JSON, ""));
        assertThat(parser.read("[1,2]")).isEqualTo(skipped(SkipReason.NOT_JSON, ""));
        assertThat(parser.read("")).isEqualTo(skipped(SkipReason.NOT_JSON, ""));
    }

    @Test
    void read_contentAfterTheObject_isSkippedAsNotJson() {
        String line = Fixtures.record("r1", "2026-12-07T00:00:00Z", "arn:aws:iam::123456789012:user/x", "m.x", 1, 1);

        assertThat(parser.read(line + " {}")).isEqualTo(skipped(SkipReason.NOT_JSON, ""));
    }

    @Test
    void read_repeatedFieldName_isSkippedAsNotJson() {
        String line = Fixtures.record("r1", "2026-12-07T00:00:00Z", "arn:aws:iam::123456789012:user/x", "m.x", 1, 1);

        assertThat(parser.read(line.replace("\"region\":\"us-east-1\",", "\"requestId\":\"r2\",")))
                .isEqualTo(skipped(SkipReason.NOT_JSON, ""));
    }

    @Test
    void read_otherSchemaType_isSkippedAsNotAnInvocationLog() {
        String line = Fixtures.record("r1", "2026-12-07T00:00:00Z", "arn:aws:iam::123456789012:user/x", "m.x", 1, 1)
                .replace("ModelInvocationLog", "SomethingElse");

        assertThat(parser.read(line)).isEqualTo(skipped(SkipReason.NOT_INVOCATION_LOG, "schemaType"));
    }

    @Test
    void read_withoutRequestId_isSkippedNamingTheField() {
        String line = Fixtures.record("r1", "2026-12-07T00:00:00Z", "arn:aws:iam::123456789012:user/x", "m.x", 1, 1)
                .replace("\"requestId\":\"r1\",", "");

        assertThat(parser.read(line)).isEqualTo(skipped(SkipReason.MISSING_FIELD, "requestId"));
    }

    @Test
    void read_negativeTokenCount_isSkippedNamingTheField() {
        String line = Fixtures.record("r1", "2026-12-07T00:00:00Z", "arn:aws:iam::123456789012:user/x", "m.x", -5, 1);

        assertThat(parser.read(line)).isEqualTo(skipped(SkipReason.INVALID_FIELD, "input.inputTokenCount"));
    }

    @Test
    void read_tokenCountAsText_isSkippedNamingTheField() {
        String line = Fixtures.record("r1", "2026-12-07T00:00:00Z", "arn:aws:iam::123456789012:user/x", "m.x", 1, 1)
                .replace("\"outputTokenCount\":1", "\"outputTokenCount\":\"1\"");

        assertThat(parser.read(line)).isEqualTo(skipped(SkipReason.INVALID_FIELD, "output.outputTokenCount"));
    }

    @Test
    void read_fractionalOrHugeTokenCount_isSkipped() {
        String line = Fixtures.record("r1", "2026-12-07T00:00:00Z", "arn:aws:iam::123456789012:user/x", "m.x", 1, 1);

        assertThat(parser.read(line.replace("\"inputTokenCount\":1", "\"inputTokenCount\":1.5")))
                .isEqualTo(skipped(SkipReason.INVALID_FIELD, "input.inputTokenCount"));
        assertThat(parser.read(line.replace("\"inputTokenCount\":1", "\"inputTokenCount\":99999999999999999999999")))
                .isEqualTo(skipped(SkipReason.INVALID_FIELD, "input.inputTokenCount"));
    }

    @Test
    void read_unparseableTimestamp_isSkippedNamingTheField() {
        String line = Fixtures.record("r1", "yesterday", "arn:aws:iam::123456789012:user/x", "m.x", 1, 1);

        assertThat(parser.read(line)).isEqualTo(skipped(SkipReason.INVALID_FIELD, "timestamp"));
    }

    @Test
    void read_identityThatIsNoArn_isSkippedNamingTheField() {
        String line = Fixtures.record("r1", "2026-12-07T00:00:00Z", "alice", "m.x", 1, 1);

        assertThat(parser.read(line)).isEqualTo(skipped(SkipReason.INVALID_FIELD, "identity.arn"));
    }

    @Test
    void read_nullOptionalFields_readsThemAsEmpty() {
        String line = Fixtures.record("r1", "2026-12-07T00:00:00Z", "arn:aws:iam::123456789012:user/x", "m.x", 1, 1)
                .replace("\"region\":\"us-east-1\"", "\"region\":null").replace("\"output\":{\"outputTokenCount\":1}", "\"output\":null");

        RecordReading.Read read = (RecordReading.Read) parser.read(line);

        assertThat(read.record().region()).isEmpty();
        assertThat(read.record().outputTokens()).isZero();
    }

    @Test
    void read_utf8Bytes_readsTheSameRecord() {
        byte[] bytes = Fixtures.sample("converse-session.json").getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(parser.read(bytes, 0, bytes.length)).isEqualTo(parser.read(Fixtures.sample("converse-session.json")));
    }

    private static RecordReading.Skipped skipped(SkipReason reason, String field) {
        return new RecordReading.Skipped(reason, field);
    }
}
