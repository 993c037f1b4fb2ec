package broker.lambda.local;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.local.LocalBroker.Launch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalBrokerTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final LocalBroker broker = new LocalBroker(Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    @Test
    void launch_noFlags_exitsWithUsageCodeAndOneLineNamingTheMissingFlags() {
        Launch launch = broker.launch(new String[0]);

        assertThat(launch).isEqualTo(new Launch.Exited(2));
        assertThat(stderrLines()).singleElement().asString()
                .startsWith("bedrock-broker-local: Missing required options")
                .contains("--issuer", "--audience", "--role-arn", "--entitlements")
                .endsWith("(run with --help for usage)");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void launch_unknownFlag_exitsWithUsageCodeAndOneLine() throws IOException {
        Launch launch = broker.launch(flags("--colour", "blue"));

        assertThat(launch).isEqualTo(new Launch.Exited(2));
        assertThat(stderrLines()).singleElement().asString().contains("Unknown options: '--colour'");
    }

    @Test
    void launch_help_printsUsageOnStdoutAndExitsZero() {
        Launch launch = broker.launch(new String[] {"--help"});

        assertThat(launch).isEqualTo(new Launch.Exited(0));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("--issuer=URL", "--audience=AUD", "--entitlements=FILE", "--sts-endpoint=URL");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "--port, abc, Invalid value for option '--port'",
            "--port, 70000, --port must be between 0 and 65535",
            "--issuer, not-a-url, --issuer must be an absolute http(s) URL",
            "--issuer, ftp://issuer.example.com, --issuer must be an absolute http(s) URL",
            "--role-arn, BedrockUser, --role-arn must be an IAM role ARN",
            "--sts-endpoint, localhost:4566, --sts-endpoint must be an absolute http(s) URL",
            "--redirect-ports, '53682,0', --redirect-ports must be ports between 1 and 65535",
            "--cors-origin, *, '--cors-origin: a CORS origin is a scheme, host and optional port'",
            "--cors-origin, https://portal.example.com/app, --cors-origin: a CORS origin",
            "--permissions-boundary-arn, boundary, --permissions-boundary-arn must be a managed policy ARN",
            "--iam-user-path, no-slashes, --iam-user-path must be an IAM path"})
    void launch_badFlagValue_exitsWithUsageCodeAndOneLineWithTheFix(String flag, String value, String message)
            throws IOException {
        Launch launch = broker.launch(flags(flag, value));

        assertThat(launch).isEqualTo(new Launch.Exited(2));
        assertThat(stderrLines()).singleElement().asString().contains(message);
    }

    @Test
    void launch_missingEntitlementsFile_exitsWithUsageCodeAndOneLineNamingTheFile() throws IOException {
        Path missing = dir.resolve("nowhere.json");

        Launch launch = broker.launch(flags("--entitlements", missing.toString()));

        assertThat(launch).isEqualTo(new Launch.Exited(2));
        assertThat(stderrLines()).singleElement().asString()
                .contains("entitlements file " + missing + " does not exist or cannot be read")
                .contains("--entitlements");
    }

    @Test
    void launch_invalidEntitlementsFile_exitsWithFailureCodeAndOneLineNamingTheFile() throws IOException {
        Path invalid = Files.writeString(dir.resolve("invalid.json"), "{\"profiles\": [\n  oops\n]");

        Launch launch = broker.launch(flags("--entitlements", invalid.toString()));

        assertThat(launch).isEqualTo(new Launch.Exited(1));
        assertThat(stderrLines()).singleElement().asString()
                .startsWith("bedrock-broker-local: entitlements file " + invalid)
                .endsWith("(fix the file and start again)");
    }

    @Test
    void launch_anyFailure_printsNoStackTrace() throws IOException {
        broker.launch(flags("--entitlements", Files.writeString(dir.resolve("e.json"), "[]").toString()));
        broker.launch(flags("--port", "x"));

        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("\tat ").doesNotContain("Caused by");
    }

    @Test
    void launch_portalFlags_publishThePortalClientAndAnswerPreflightsForTheOrigin() throws Exception {
        Launch launch = broker.launch(flags("--cors-origin", "https://portal.example.com",
                "--portal-client-id", "bedrock-broker-portal"));

        assertThat(launch).isInstanceOf(Launch.Started.class);
        try (RunningBroker running = ((Launch.Started) launch).broker();
             HttpClient http = HttpClient.newHttpClient()) {
            var config = http.send(HttpRequest.newBuilder(running.baseUri().resolve("/v1/client-config")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(config.body()).contains("\"portalClientId\":\"bedrock-broker-portal\"");
            var preflight = http.send(HttpRequest.newBuilder(running.baseUri().resolve("/v1/me"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://portal.example.com").header("Access-Control-Request-Method", "GET").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("access-control-allow-origin")).hasValue("https://portal.example.com");
            var page = http.send(HttpRequest.newBuilder(running.baseUri().resolve("/portal")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void launch_apiKeyRoutes_servedOnlyWithAPermissionsBoundary() throws Exception {
        int withoutBoundary;
        try (RunningBroker running = ((Launch.Started) broker.launch(flags())).broker();
             HttpClient http = HttpClient.newHttpClient()) {
            withoutBoundary = http.send(HttpRequest.newBuilder(running.baseUri().resolve("/v1/api-keys")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        }
        int withBoundary;
        try (RunningBroker running = ((Launch.Started) broker.launch(flags("--permissions-boundary-arn",
                "arn:aws:iam::123456789012:policy/bedrock-broker-boundary"))).broker();
             HttpClient http = HttpClient.newHttpClient()) {
            withBoundary = http.send(HttpRequest.newBuilder(running.baseUri().resolve("/v1/api-keys")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        }

        assertThat(withoutBoundary).isEqualTo(404);
        assertThat(withBoundary).isEqualTo(401);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the API-key and admin routes are off");
    }

    private String validEntitlements() throws IOException {
        return Files.writeString(dir.resolve("valid.json"), """
                {"version":1,"groups":{"developers":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],
                 "regions":["us-east-1"]}}}""").toString();
    }

    /** Valid flags, with {@code overrides} replacing or adding flag values. */
    private String[] flags(String... overrides) throws IOException {
        Path entitlements = Path.of(validEntitlements());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("--port", "0");
        values.put("--issuer", "http://127.0.0.1:1/issuer");
        values.put("--audience", "bedrock-broker-cli");
        values.put("--role-arn", "arn:aws:iam::123456789012:role/BedrockUser");
        values.put("--entitlements", entitlements.toString());
        for (int i = 0; i < overrides.length; i += 2) values.put(overrides[i], overrides[i + 1]);
        List<String> args = new ArrayList<>();
        values.forEach((flag, value) -> {
            args.add(flag);
            args.add(value);
        });
        return args.toArray(String[]::new);
    }

    private List<String> stderrLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
