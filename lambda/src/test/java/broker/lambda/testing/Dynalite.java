package broker.lambda.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * A real DynamoDB-compatible server for a test class: dynalite from npm ({@code tools/package.json}, installed by
 * ./test.sh with {@code npm ci --prefix tools}, or here on first use), in memory, on a free
 * loopback port, started before the class and stopped after it. Register with
 * {@code @RegisterExtension static final Dynalite DYNAMO = new Dynalite();}.
 */
public final class Dynalite implements BeforeAllCallback, AfterAllCallback {
    public static final String REGION = "us-east-1";

    private Process process;
    private URI endpoint;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path tools = toolsHome();
        if (!Files.isDirectory(tools.resolve("node_modules/dynalite"))) install(tools);
        process = new ProcessBuilder("node", tools.resolve("dynalite/start.js").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("port ")) {
            process.destroyForcibly();
            throw new IllegalStateException("dynalite did not start (is node on PATH?)");
        }
        endpoint = URI.create("http://127.0.0.1:" + line.substring(5).strip());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process == null) return;
        process.getOutputStream().close();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client with dummy static credentials (dynalite checks the signature's shape, not the key). */
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .region(Region.of(REGION))
                .endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDDYNALITE", "dynalite")))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .build();
    }

    /** A new, empty table with the state table's key schema ({@code pk}, {@code sk}); a fresh name per call. */
    public String createStateTable(DynamoDbClient client) {
        String name = "broker-state-" + UUID.randomUUID();
        client.createTable(r -> r.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
        // The SDK's waiter polls every 20 s; dynalite is ready within milliseconds.
        for (int i = 0; i < 200; i++) {
            if (client.describeTable(r -> r.tableName(name)).table().tableStatus() == TableStatus.ACTIVE) return name;
            sleep(25);
        }
        throw new IllegalStateException("table " + name + " did not become active");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** tools/ of this repository (its package.json names dynalite), found upwards from the working directory. */
    private static Path toolsHome() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("tools");
            if (Files.isRegularFile(candidate.resolve("dynalite/start.js"))) return candidate;
        }
        throw new IllegalStateException("tools/dynalite not found above " + Path.of("").toAbsolutePath());
    }

    /** What ./test.sh and .ci/run do first; here for a test run from an IDE or a fresh checkout. */
    private static void install(Path home) throws IOException, InterruptedException {
        Process npm = new ProcessBuilder(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefix", home.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!npm.waitFor(Duration.ofMinutes(3).toSeconds(), TimeUnit.SECONDS) || npm.exitValue() != 0) {
            throw new UncheckedIOException(new IOException("npm ci --prefix " + home + " failed"));
        }
    }
}
