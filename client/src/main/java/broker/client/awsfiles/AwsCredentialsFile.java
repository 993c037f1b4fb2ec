package broker.client.awsfiles;

import broker.client.config.Environment;
import broker.client.config.HomeDirectory;
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
        String configured = env.get("AWS_SHARED_CREDENTIALS_FILE");
        Path home = HomeDirectory.of(env);
        if (configured != null) {
            // The AWS CLI expands a leading ~ in this variable.
            if (configured.equals("~") || configured.startsWith("~/") || configured.startsWith("~\\")) {
                return new AwsCredentialsFile(home.resolve(configured.substring(Math.min(2, configured.length()))));
            }
            return new AwsCredentialsFile(Path.of(configured));
        }
        return new AwsCredentialsFile(home.resolve(".aws").resolve("credentials"));
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

    public Result<Void> write(String profile, AwsCredentials credentials) {
        if (!validProfile(profile)) {
            return Result.err(new ClientFailure.InvalidSetting("aws-profile", "'" + profile + "' is not a usable AWS profile name"));
        }
        try {
            String original;
            try {
                original = Files.readString(file, StandardCharsets.ISO_8859_1);
            } catch (NoSuchFileException e) {
                original = "";
            }
            String updated = IniSections.replace(original, profile, List.of(
                    "# Written by bedrock-broker; expires " + credentials.expiration()
                            + ". Renew with: bedrock-broker refresh --aws-profile " + profile,
                    "aws_access_key_id = " + credentials.accessKeyId(),
                    "aws_secret_access_key = " + credentials.secretAccessKey(),
                    "aws_session_token = " + credentials.sessionToken()));
            SecureFiles.writeAtomically(file, updated.getBytes(StandardCharsets.ISO_8859_1));
            return Result.ok(null);
        } catch (IOException e) {
            return Result.err(new ClientFailure.LocalFile(file.toString(), IoMessages.describe(e)));
        }
    }
}
