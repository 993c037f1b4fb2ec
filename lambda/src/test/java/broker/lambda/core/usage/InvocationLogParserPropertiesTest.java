package broker.lambda.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Properties over arbitrary field values: never a throw, exact fields when valid, no content kept. */
class InvocationLogParserPropertiesTest {
    private static final JsonMapper JSON = new JsonMapper();
    private final InvocationLogParser parser = new InvocationLogParser();

    @Property
    void read_arbitraryText_neverThrows(@ForAll String text) {
        assertThatCode(() -> parser.read(text)).doesNotThrowAnyException();
    }

    @Property
    void read_arbitraryFieldValues_neverThrowsAndKeepsNoPrompt(
            @ForAll("anyValue") Object requestId, @ForAll("anyValue") Object timestamp, @ForAll("anyValue") Object arn,
            @ForAll("anyValue") Object modelId, @ForAll("anyValue") Object inputTokens,
            @ForAll("anyValue") Object outputTokens, @ForAll("anyValue") Object region, @ForAll String prompt) {
        ObjectNode record = JSON.createObjectNode().put("schemaType", "ModelInvocationLog");
        record.putPOJO("requestId", requestId).putPOJO("timestamp", timestamp).putPOJO("modelId", modelId)
                .putPOJO("region", region);
        record.putObject("identity").putPOJO("arn", arn);
        ObjectNode input = record.putObject("input").putPOJO("inputTokenCount", inputTokens);
        input.putObject("inputBodyJson").put("prompt", "PROMPT<" + prompt + ">");
        record.putObject("output").putPOJO("outputTokenCount", outputTokens);

        RecordReading reading = parser.read(record.toString());

        assertThat(reading.toString()).doesNotContain("PROMPT<");
        if (reading instanceof RecordReading.Read(var read)) {
            assertThat(read.requestId()).isEqualTo(requestId);
            assertThat(read.identityArn()).isEqualTo(arn);
            assertThat(read.inputTokens()).isEqualTo(inputTokens instanceof Number n ? n.longValue() : 0L);
        }
    }

    @Property
    void read_validRecord_readsExactlyItsFields(
            @ForAll("printable") String requestId, @ForAll("instants") Instant timestamp,
            @ForAll("printable") String sessionName, @ForAll("printable") String modelId,
            @ForAll @LongRange(max = Integer.MAX_VALUE) long input, @ForAll @LongRange(max = Integer.MAX_VALUE) long output,
            @ForAll @LongRange(max = Integer.MAX_VALUE) long cacheRead, @ForAll @LongRange(max = Integer.MAX_VALUE) long cacheWrite) {
        String arn = "arn:aws:sts::123456789012:assumed-role/R/" + sessionName;
        ObjectNode record = JSON.createObjectNode().put("schemaType", "ModelInvocationLog").put("schemaVersion", "1.0")
                .put("timestamp", timestamp.toString()).put("accountId", "123456789012").put("region", "eu-west-1")
                .put("requestId", requestId).put("operation", "Converse").put("modelId", modelId);
        record.putObject("identity").put("arn", arn);
        record.putObject("input").put("inputTokenCount", input).put("cacheReadInputTokenCount", cacheRead)
                .put("cacheWriteInputTokenCount", cacheWrite);
        record.putObject("output").put("outputTokenCount", output);

        assertThat(parser.read(record.toString())).isEqualTo(new RecordReading.Read(new InvocationRecord(
                requestId, timestamp, "123456789012", arn, "eu-west-1", "", "Converse", modelId,
                input, output, cacheRead, cacheWrite)));
    }

    @Provide
    Arbitrary<Object> anyValue() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(300).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null),
                Arbitraries.strings().ofMaxLength(10).list().ofMaxSize(3).map(l -> (Object) l));
    }

    @Provide
    Arbitrary<String> printable() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(2).ofMaxLength(64);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Combinators.combine(Arbitraries.longs().between(0, 4_102_444_800L), Arbitraries.integers().between(0, 999))
                .as((seconds, millis) -> Instant.ofEpochSecond(seconds, millis * 1_000_000L));
    }
}
