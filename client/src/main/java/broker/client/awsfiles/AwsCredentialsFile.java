package broker.client.awsfiles;

import broker.client.config.Environment;
import broker.client.core.AwsCredentials;
import broker.client.core.ClientFailure;
import broker.client.core.Result;
import broker.client.store.IoMessages;
import broker.client.store.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The shared credentials file ({@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/credentials}): one profile's
 * section is replaced with fresh credentials and an expiry comment; everything else stays byte for byte. The file is
 * read and written as ISO-8859-1 so that any byte, valid UTF-8 or not, survives.
 */
public final class AwsCredentialsFile {
    private final Path file;

    public AwsCredentialsFile(Path file) {
        this.file = file;
    }

    public static AwsCredentialsFile locate(Environment env) {
        return new AwsCredentialsFile(AwsFiles.credentials(env));
    }

    public Path path() {
        return file;
    }

    /** AWS profile names the client will write: no brackets, spaces or line breaks. */
    public static boolean validProfile(String name) {
        if (name == null || name.isEmpty() || name.length() > 64) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.@+".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /** The comment that starts every section {@code refresh} writes for broker profile {@code brokerProfile}. */
    static String marker(String brokerProfile) {
        return MARKER_PREFIX + brokerProfile + ")";
    }

    private static final String MARKER_PREFIX = "# Written by bedrock-broker (profile ";

    /**
     * Puts {@code credentials} into section {@code profile}, marked as written for broker profile {@code brokerProfile}
     * (so that {@code logout} can find it). A section of that name that bedrock-broker did not write (someone's
     * {@code [default]} keys) is replaced only with {@code replaceOthers}; otherwise nothing is written.
     */
    public Result<Void> write(String profile, String brokerProfile, AwsCredentials credentials, boolean replaceOthers) {
        if (!validProfile(profile)) {
            return Result.err(new ClientFailure.InvalidSetting("aws-profile", "'" + profile + "' is not a usable AWS profile name"));
        }
        String again = "bedrock-broker refresh" + (brokerProfile.equals("default") ? "" : " --profile " + brokerProfile)
                + " --aws-profile " + profile;
        boolean[] foreign = {false};
        Result<Void> written = update(original -> {
            if (!replaceOthers && IniSections.sections(original).contains(profile) && !writtenByBroker(original, profile)) {
                foreign[0] = true;
                return original;
            }
            return IniSections.replace(original, profile, List.of(
                marker(brokerProfile) + "; expires " + credentials.expiration() + ". Renew with: " + again,
                "aws_access_key_id = " + credentials.accessKeyId(),
                "aws_secret_access_key = " + credentials.secretAccessKey(),
                "aws_session_token = " + credentials.sessionToken()));
        });
        if (written instanceof Result.Ok<Void> && foreign[0]) {
            return Result.err(new ClientFailure.InvalidSetting("--aws-profile", "[" + profile + "] in " + file
                    + " was not written by bedrock-broker, so it was left alone; choose another --aws-profile, or"
                    + " replace it with --force"));
        }
        return written;
    }

    /** Whether section {@code section} carries the marker of {@code refresh} (for any broker profile). */
    private static boolean writtenByBroker(String text, String section) {
        return hasLineStarting(text, section, MARKER_PREFIX);
    }

    /** Removes every section that {@code refresh} wrote for broker profile {@code brokerProfile}; returns their names. */
    public Result<List<String>> removeWrittenFor(String brokerProfile) {
        var removed = new java.util.ArrayList<String>();
        Result<Void> result = update(original -> {
            String text = original;
            for (String section : IniSections.sections(original)) {
                if (writtenFor(original, section, brokerProfile) && !removed.contains(section)) {
                    text = IniSections.remove(text, section);
                    removed.add(section);
                }
            }
            return text;
        });
        return result.map(ignored -> removed);
    }

    private static boolean writtenFor(String text, String section, String brokerProfile) {
        return hasLineStarting(text, section, marker(brokerProfile) + ";");
    }

    /** Whether a line of section {@code section} starts with {@code prefix}. */
    private static boolean hasLineStarting(String text, String section, String prefix) {
        boolean inSection = false;
        for (String line : IniSections.splitKeepingEndings(text)) {
            String name = IniSections.headerName(line);
            if (name != null) {
                inSection = name.equals(section);
            } else if (inSection && line.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private Result<Void> update(java.util.function.UnaryOperator<String> change) {
        try {
            String original;
            try {
                original = Files.readString(file, StandardCharsets.ISO_8859_1);
            } catch (NoSuchFileException e) {
                original = null;
            }
            String updated = change.apply(original == null ? "" : original);
            if (!updated.equals(original == null ? "" : original) || original == null && !updated.isEmpty()) {
                SecureFiles.writeAtomically(file, updated.getBytes(StandardCharsets.ISO_8859_1));
            }
            return Result.ok(null);
        } catch (IOException e) {
            return Result.err(new ClientFailure.LocalFile(file.toString(), IoMessages.describe(e)));
        }
    }
}
