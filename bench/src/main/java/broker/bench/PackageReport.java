package broker.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** What is inside a deployable Lambda jar (see {@link LambdaJar}: one per pair of functions). */
public final class PackageReport {
    /** Lambda's limit is 250 MB unzipped; the target for the deployable artifact is 20 MB. */
    public static final long TARGET_BYTES = 20L * 1024 * 1024;

    /** Class-file prefixes that must never be in the Lambda jar: unused HTTP clients, test, CDK, local-server code. */
    public static final List<String> FORBIDDEN = List.of(
            "io/netty/", "org/apache/http/", "org/apache/hc/", "software/amazon/awssdk/http/apache",
            "software/amazon/awssdk/http/nio/", "software/amazon/awssdk/http/crt/", "software/amazon/awssdk/crt/",
            "org/junit/", "org/assertj/", "net/jqwik/", "org/mockito/", "com/github/tomakehurst/", "org/wiremock/",
            "no/nav/security/", "kotlin/", "org/eclipse/jetty/",
            "software/amazon/awscdk/", "software/constructs/", "software/amazon/jsii/", "io/github/cdklabs/",
            "broker/lambda/local/", "broker/infra/", "broker/client/", "broker/bench/",
            "picocli/", "org/joda/", "com/fasterxml/jackson/datatype/joda/");

    public record Report(long bytes, int entries, Map<String, Long> compressedByLibrary, List<String> forbidden) {
    }

    private PackageReport() {
    }

    public static Report of(Path jar) throws IOException {
        return of(jar, FORBIDDEN);
    }

    /** The jar's size, entries and its entries under any of {@code forbiddenPrefixes}. */
    public static Report of(Path jar, List<String> forbiddenPrefixes) throws IOException {
        Map<String, Long> byLibrary = new TreeMap<>();
        List<String> forbidden = new ArrayList<>();
        int entries = 0;
        try (var zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                entries++;
                String name = entry.getName();
                byLibrary.merge(library(name), Math.max(0, entry.getCompressedSize()), Long::sum);
                if (!entry.isDirectory() && forbiddenPrefixes.stream().anyMatch(name::startsWith)) {
                    forbidden.add(name);
                }
            }
        }
        return new Report(Files.size(jar), entries, byLibrary, forbidden);
    }

    /** A readable grouping: the first three path segments, the SDK's service or module name. */
    static String library(String name) {
        String[] p = name.split("/");
        if (name.startsWith("software/amazon/awssdk/services/") && p.length > 4) {
            return "awssdk/services/" + p[4];
        }
        if (name.startsWith("software/amazon/awssdk/") && p.length > 4) {
            return "awssdk/" + p[3];
        }
        if (name.startsWith("META-INF/")) {
            return "META-INF";
        }
        return p.length > 3 ? p[0] + "/" + p[1] + "/" + p[2] : name;
    }
}
