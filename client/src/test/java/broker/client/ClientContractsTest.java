package broker.client;

import static org.assertj.core.api.Assertions.assertThat;

import broker.client.console.FailureReport;
import broker.client.core.AwsCredentials;
import broker.client.core.Cached;
import broker.client.json.JsonFields;
import broker.client.store.Codecs;
import broker.client.store.ProfileFiles;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the client shares with its users' scripts and with older or newer clients on the same machine, each pinned
 * against where it is documented ({@code docs/client.md}) or against its literal form: exit codes,
 * {@code BEDROCK_BROKER_*} names, the cache file format. The README's Contracts list names these tests.
 */
class ClientContractsTest {
    private static final Path DOCS = Path.of("../docs/client.md");
    private static final Pattern VARIABLE = Pattern.compile("BEDROCK_BROKER_[A-Z_]+");

    @TempDir
    Path home;

    @Test
    void exitCodes_areTheOnesTheDocsList() throws Exception {
        Set<Integer> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| (\\d+) \\|").matcher(section("## Exit codes"));
        while (row.find()) {
            documented.add(Integer.parseInt(row.group(1)));
        }
        Set<Integer> declared = new TreeSet<>();
        for (Field field : FailureReport.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                declared.add(field.getInt(null));
            }
        }

        assertThat(declared).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 9);
        // 8 is the launchers' (no Java 21+), pinned by LauncherJavaVersionTest.
        assertThat(documented).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(FailureReport.BUDGET_EXHAUSTED).isEqualTo(9);
        assertThat(FailureReport.LOCAL_FILE).isEqualTo(7);
    }

    @Test
    void environmentVariables_everyOneTheClientOrItsLaunchersReadIsATableRowOfTheDocs() throws Exception {
        Set<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `(BEDROCK_BROKER_[A-Z_]+)` \\|").matcher(section("## Configuration"));
        while (row.find()) {
            documented.add(row.group(1));
        }
        Set<String> read = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                VARIABLE.matcher(Files.readString(file)).results().forEach(match -> read.add(match.group()));
            }
        }

        assertThat(read).isNotEmpty().isEqualTo(documented);
    }

    @Test
    void credentialsCache_isFormatOneWithTheseMembers() throws Exception {
        ProfileFiles files = new ProfileFiles(home, "default");
        Files.createDirectories(files.directory());
        var credentials = new AwsCredentials("ASIAEXAMPLE", "secret", "token", "2026-12-08T02:00:00Z", "eu-west-1");

        Codecs.credentialsCache(files).write(new Cached<>(credentials, Instant.parse("2026-12-08T01:00:00Z"),
                Instant.parse("2026-12-08T02:00:00Z")));

        assertThat(files.credentials()).hasFileName("credentials.json");
        JsonFields written = JsonFields.parse(Files.readString(files.credentials()));
        assertThat(written.longValue("format")).isEqualTo(1);
        assertThat(written.longValue("obtainedAt")).isEqualTo(Instant.parse("2026-12-08T01:00:00Z").getEpochSecond());
        assertThat(written.longValue("expiresAt")).isEqualTo(Instant.parse("2026-12-08T02:00:00Z").getEpochSecond());
        assertThat(Arrays.asList(written.string("accessKeyId"), written.string("secretAccessKey"),
                written.string("sessionToken"), written.string("expiration"), written.string("region")))
                .containsExactly("ASIAEXAMPLE", "secret", "token", "2026-12-08T02:00:00Z", "eu-west-1");
    }

    @Test
    void credentialsCache_aFileAnEarlierClientWroteIsStillAHit() throws Exception {
        ProfileFiles files = cacheFileOfFormat(1);

        var cached = Codecs.credentialsCache(files).read();

        assertThat(cached).isPresent();
        assertThat(cached.get().value().accessKeyId()).isEqualTo("ASIAEXAMPLE");
        assertThat(cached.get().expiresAt()).isEqualTo(Instant.ofEpochSecond(1796003600));
    }

    @Test
    void credentialsCache_anotherFormatIsAMiss() throws Exception {
        ProfileFiles files = cacheFileOfFormat(2);

        assertThat(Codecs.credentialsCache(files).read()).isEmpty();
    }

    /** A credentials cache file as format 1 lays it out, under another {@code format} number when asked. */
    private ProfileFiles cacheFileOfFormat(int format) throws IOException {
        ProfileFiles files = new ProfileFiles(home, "default");
        Files.createDirectories(files.directory());
        Files.writeString(files.credentials(), """
                {"format": %d, "obtainedAt": 1796000000, "expiresAt": 1796003600, "accessKeyId": "ASIAEXAMPLE",
                 "secretAccessKey": "secret", "sessionToken": "token", "expiration": "2026-12-08T02:00:00Z"}
                """.formatted(format));
        return files;
    }

    private static String section(String heading) throws IOException {
        String text = Files.readString(DOCS);
        int start = text.indexOf("\n" + heading + "\n");
        assertThat(start).as(heading + " in " + DOCS).isNotNegative();
        int end = text.indexOf("\n## ", start + heading.length() + 2);
        return end < 0 ? text.substring(start) : text.substring(start, end);
    }
}
