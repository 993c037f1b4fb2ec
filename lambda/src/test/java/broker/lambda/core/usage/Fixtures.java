package broker.lambda.core.usage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The documented sample records under {@code src/test/resources/usage/}. */
final class Fixtures {
    private Fixtures() {}

    static String sample(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/usage/" + name)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal valid record as one JSON line. */
    static String record(String requestId, String timestamp, String arn, String modelId, long input, long output) {
        return "{\"schemaType\":\"ModelInvocationLog\",\"schemaVersion\":\"1.0\",\"timestamp\":\"" + timestamp
                + "\",\"accountId\":\"123456789012\",\"identity\":{\"arn\":\"" + arn + "\"},\"region\":\"us-east-1\","
                + "\"requestId\":\"" + requestId + "\",\"operation\":\"Converse\",\"modelId\":\"" + modelId + "\","
                + "\"input\":{\"inputTokenCount\":" + input + "},\"output\":{\"outputTokenCount\":" + output + "}}";
    }
}
