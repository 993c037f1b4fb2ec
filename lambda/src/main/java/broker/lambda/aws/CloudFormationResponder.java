package broker.lambda.aws;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Answers a CloudFormation custom resource request: a {@code PUT} of the response document to the request's pre-signed
 * S3 {@code ResponseURL}, with an empty content type (the URL was signed without one). Only https URLs are answered
 * (http only to loopback, for tests).
 */
public final class CloudFormationResponder {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** PUTs {@code json} to {@code responseUrl}; throws {@link UncheckedIOException} when S3 does not take it. */
    public void send(String responseUrl, String json) {
        URI uri = URI.create(responseUrl);
        boolean loopback = "http".equals(uri.getScheme())
                && ("localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost()));
        if (!"https".equals(uri.getScheme()) && !loopback) {
            throw new IllegalArgumentException("the custom resource's ResponseURL is not https");
        }
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setRequestMethod("PUT");
            connection.setDoOutput(true);
            connection.setConnectTimeout((int) TIMEOUT.toMillis());
            connection.setReadTimeout((int) TIMEOUT.toMillis());
            connection.setRequestProperty("Content-Type", "");
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            connection.disconnect();
            if (status / 100 != 2) throw new IOException("the response upload answered HTTP " + status);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot answer CloudFormation", e);
        }
    }
}
