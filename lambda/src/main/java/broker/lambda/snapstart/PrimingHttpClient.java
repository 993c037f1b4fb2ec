package broker.lambda.snapstart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK HTTP client for SnapStart priming: answers each AWS call in-process with a canned response chosen by its
 * query-protocol {@code Action} or its JSON-protocol {@code X-Amz-Target} (DynamoDB), so that priming runs the SDK's whole request pipeline (endpoint rules, signing,
 * marshalling, XML unmarshalling, error parsing) without a network call. Nothing reaches AWS.
 */
public final class PrimingHttpClient implements SdkHttpClient {
    private final Map<String, PrimingAnswers.Answer> answers;

    /**
     * @param answers by the query-protocol {@code Action} or the JSON protocol's {@code X-Amz-Target}; any other action
     *                gets a 400 error
     */
    PrimingHttpClient(Map<String, PrimingAnswers.Answer> answers) {
        this.answers = Map.copyOf(answers);
    }

    /**
     * STS answering {@code AssumeRole} in-process with a session valid for the requested time: what priming calls,
     * and the benchmarks' STS without a socket.
     */
    public static SdkHttpClient sts(java.time.Clock clock) {
        return new PrimingHttpClient(PrimingAnswers.sts(clock));
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                Optional<String> target = request.httpRequest().firstMatchingHeader("X-Amz-Target");
                PrimingAnswers.Answer answer = answers.getOrDefault(target.orElseGet(() -> action(request)),
                        target.isPresent()
                                ? new PrimingAnswers.Answer(400, "{\"__type\":\"UnknownOperationException\"}")
                                : new PrimingAnswers.Answer(400, PrimingAnswers.error("InvalidAction", "not primed")));
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(answer.status())
                                .putHeader("Content-Type", target.isPresent() ? "application/x-amz-json-1.0" : "text/xml")
                                .putHeader("x-amzn-RequestId", "snapstart-priming")
                                .build())
                        .responseBody(AbortableInputStream.create(
                                new ByteArrayInputStream(answer.body().getBytes(StandardCharsets.UTF_8))))
                        .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    private static String action(HttpExecuteRequest request) {
        Optional<String> body = request.contentStreamProvider().map(provider -> {
            try (InputStream in = provider.newStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        for (String pair : body.orElse("").split("&")) {
            if (pair.startsWith("Action=")) return URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
        }
        return "";
    }

    @Override
    public void close() {
    }

    @Override
    public String clientName() {
        return "SnapStartPriming";
    }
}
