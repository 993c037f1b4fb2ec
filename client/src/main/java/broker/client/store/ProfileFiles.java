package broker.client.store;

import broker.client.core.RegionNames;
import java.nio.file.Path;

/**
 * Where one profile's files live: {@code <client home>/profiles/<profile>/}. Profile names are restricted so that a
 * name can never climb out of that directory.
 */
public record ProfileFiles(Path home, String profile) {
    public ProfileFiles {
        if (!validName(profile)) {
            throw new IllegalArgumentException("invalid profile name '" + profile
                    + "': use 1-64 letters, digits, '.', '_' or '-'");
        }
    }

    /** 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit (no regex: this runs on the cache hit). */
    public static boolean validName(String profile) {
        if (profile == null || profile.isEmpty() || profile.length() > 64 || profile.contains("..")) {
            return false;
        }
        for (int i = 0; i < profile.length(); i++) {
            char c = profile.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
                return false;
            }
        }
        return true;
    }

    public Path directory() {
        return home.resolve("profiles").resolve(profile);
    }

    public Path settings() {
        return directory().resolve("config.json");
    }

    public Path tokens() {
        return directory().resolve("tokens.json");
    }

    public Path credentials() {
        return directory().resolve("credentials.json");
    }

    /** Bearer tokens are presigned for one region, so each region has its own cache entry. */
    public Path bearerToken(String region) {
        if (!RegionNames.valid(region)) {
            throw new IllegalArgumentException("invalid region '" + region + "'");
        }
        return directory().resolve("bearer-token-" + region + ".json");
    }

    /** When the broker last asked the profile's processes to wait ({@code Retry-After}). */
    public Path retryAfter() {
        return directory().resolve("retry-after.json");
    }

    public Path lock() {
        return directory().resolve("refresh.lock");
    }
}
