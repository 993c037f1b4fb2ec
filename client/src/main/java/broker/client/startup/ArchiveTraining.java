package broker.client.startup;

import broker.client.Main;
import broker.client.config.ClientConfig;
import broker.client.config.Environment;
import broker.client.core.BrokerSettings;
import broker.client.core.OidcTokens;
import broker.client.core.ProfileSettings;
import broker.client.store.SettingsFile;
import broker.client.store.TokenFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run behind the launcher's start-up archive: the launcher runs this class once in the background,
 * with {@code -XX:AOTCacheOutput} on Java 25+ or {@code -XX:ArchiveClassesAtExit} on 21-24, whenever the archive for
 * this jar and Java is missing. It writes a configured profile and drives the real commands through {@link Main#run}
 * against a throw-away home and a canned broker on a loopback port: a {@code credential-process} refresh (lock,
 * tokens, HTTP POST, cache write) and the cache hits of {@code credential-process} and {@code export}, so the archive
 * holds the classes of the hot paths and nothing else.
 * It touches no user file and no network beyond 127.0.0.1, and prints nothing.
 */
public final class ArchiveTraining {
    private ArchiveTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("bedrock-broker-training");
        try (var broker = new CannedBroker()) {
            var env = new Environment(Map.of(ClientConfig.HOME, home.toString(), "HOME", home.toString()),
                    System.getProperty("os.name", ""), home.toString());
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            Clock clock = Clock.systemUTC();
            // The profile as configure writes it, without running configure: on Java 25 every class the training
            // loads is loaded at each start (AOT class linking), so the argument parser and the set-up commands stay
            // out; a cache hit or miss needs neither.
            Path profile = home.resolve("profiles").resolve("default");
            new SettingsFile(profile.resolve("config.json")).write(new ProfileSettings(URI.create(broker.url()),
                    new BrokerSettings("http://127.0.0.1:1/training", "training", List.of("openid"), List.of(53682),
                            "us-east-1", "", ""), null));
            new TokenFile(profile.resolve("tokens.json")).write(new OidcTokens(
                    "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0cmFpbmluZyJ9.", null, clock.instant().plus(Duration.ofHours(1)),
                    "training", null));
            run(env, clock, quiet, "credential-process");
            run(env, clock, quiet, "credential-process");
            run(env, clock, quiet, "export");
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Environment env, Clock clock, PrintStream quiet, String... args) {
        Main.run(args, env, clock, quiet, quiet, url -> false, d -> { });
    }

    /** Answers the broker's client-config and credentials routes with fixed values, one connection at a time. */
    private static final class CannedBroker implements AutoCloseable {
        private final ServerSocket server;
        private final Thread thread;

        CannedBroker() throws IOException {
            server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            thread = new Thread(this::serve, "canned-broker");
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    answer(socket);
                } catch (IOException e) {
                    // closed, or a client gave up: the next request (if any) gets its own connection
                }
            }
        }

        private static void answer(Socket socket) throws IOException {
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String requestLine = in.readLine();
            int length = 0;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            for (int i = 0; i < length; i++) {
                in.read();
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String body = requestLine != null && requestLine.contains("/v1/client-config")
                    ? "{\"issuer\":\"http://127.0.0.1:1/training\",\"clientId\":\"training\",\"scopes\":[\"openid\"],"
                    + "\"redirectPorts\":[53682],\"region\":\"us-east-1\",\"models\":{\"primary\":\"\",\"fast\":\"\"}}"
                    : "{\"accessKeyId\":\"ASIATRAININGTRAINING\",\"secretAccessKey\":\"training\",\"sessionToken\":\"training\","
                    + "\"expiration\":\"" + now.plus(Duration.ofHours(1)) + "\",\"region\":\"us-east-1\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                    + "\r\nDate: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC))
                    + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
