package broker.client.config;

import java.nio.file.Path;

/**
 * The user's home directory found as the AWS SDKs and CLI find it, so the client edits the same {@code ~/.aws} files
 * they read: {@code HOME}, then on Windows {@code USERPROFILE}, then {@code HOMEDRIVE}+{@code HOMEPATH}, then the JVM's
 * {@code user.home} (which ignores {@code HOME}). As in aws-sdk-java-v2's {@code ProfileFileLocation}.
 */
public final class HomeDirectory {
    private HomeDirectory() {
    }

    public static Path of(Environment env) {
        String home = env.get("HOME");
        if (home != null) {
            return Path.of(home);
        }
        if (env.isWindows()) {
            String profile = env.get("USERPROFILE");
            if (profile != null) {
                return Path.of(profile);
            }
            String drive = env.get("HOMEDRIVE");
            String path = env.get("HOMEPATH");
            if (drive != null && path != null) {
                return Path.of(drive + path);
            }
        }
        if (env.userHome() == null) {
            throw new IllegalStateException("cannot find the home directory: set HOME");
        }
        return Path.of(env.userHome());
    }
}
