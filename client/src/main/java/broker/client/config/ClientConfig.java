package broker.client.config;

import broker.client.core.ClientFailure;
import broker.client.core.ProfileSettings;
import broker.client.core.RefreshPolicy;
import broker.client.core.Result;
import broker.client.store.ProfileFiles;
import broker.client.store.SettingsFile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Every setting of one run, resolved once: flags beat {@code BEDROCK_BROKER_*} environment variables, which beat the
 * profile's {@code config.json}, which beats the defaults. {@code settings} is null while the profile is not configured.
 */
public record ClientConfig(ProfileFiles files, Duration refreshAhead, Duration timeout, boolean verbose,
                           boolean noBrowser, ProfileSettings settings) {
    public static final String HOME = "BEDROCK_BROKER_HOME";
    public static final String PROFILE = "BEDROCK_BROKER_PROFILE";
    public static final String URL = "BEDROCK_BROKER_URL";
    public static final String REFRESH_AHEAD = "BEDROCK_BROKER_REFRESH_AHEAD";
    public static final String TIMEOUT = "BEDROCK_BROKER_TIMEOUT";
    public static final String NO_BROWSER = "BEDROCK_BROKER_NO_BROWSER";
    public static final String VERBOSE = "BEDROCK_BROKER_VERBOSE";

    public static final String DEFAULT_PROFILE = "default";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    /** Settings given on the command line; null means "not given". */
    public record Flags(String profile, Duration refreshAhead, Duration timeout, boolean verbose, boolean noBrowser) {
        public static Flags none() {
            return new Flags(null, null, null, false, false);
        }

        public static Flags profile(String profile) {
            return new Flags(profile, null, null, false, false);
        }
    }

    public String profile() {
        return files.profile();
    }

    public Optional<ProfileSettings> configured() {
        return Optional.ofNullable(settings);
    }

    public RefreshPolicy refreshPolicy() {
        return RefreshPolicy.withRefreshAhead(refreshAhead);
    }

    /** {@code BEDROCK_BROKER_HOME}, else {@code ~/.bedrock-broker} (the same name on every OS). */
    public static Path clientHome(Environment env) {
        String home = env.get(HOME);
        return home != null ? Path.of(home) : HomeDirectory.of(env).resolve(".bedrock-broker");
    }

    /** The profile's files, before anything is read. */
    public static Result<ProfileFiles> locate(String profileFlag, Environment env) {
        String profile = profileFlag != null ? profileFlag : env.get(PROFILE);
        if (profile == null) {
            profile = DEFAULT_PROFILE;
        }
        if (!ProfileFiles.validName(profile)) {
            return Result.err(new ClientFailure.InvalidSetting("profile",
                    "'" + profile + "' is not a profile name (use letters, digits, '.', '_' or '-')"));
        }
        return Result.ok(new ProfileFiles(clientHome(env), profile));
    }

    public static Result<ClientConfig> load(Flags flags, Environment env) {
        // No lambdas here: this runs on the cache-hit path, where each lambda's bootstrap costs milliseconds.
        Result<ProfileFiles> located = locate(flags.profile(), env);
        if (!(located instanceof Result.Ok<ProfileFiles>(var files))) {
            return Result.err(((Result.Err<ProfileFiles>) located).failure());
        }
        Result<Optional<ProfileSettings>> stored = new SettingsFile(files.settings()).read();
        if (!(stored instanceof Result.Ok<Optional<ProfileSettings>>(var settings))) {
            return Result.err(((Result.Err<Optional<ProfileSettings>>) stored).failure());
        }
        return resolve(flags, env, files, settings.orElse(null));
    }

    static Result<ClientConfig> resolve(Flags flags, Environment env, ProfileFiles files, ProfileSettings stored) {
        Duration refreshAhead = flags.refreshAhead();
        if (refreshAhead == null) {
            String fromEnv = env.get(REFRESH_AHEAD);
            if (fromEnv != null) {
                try {
                    refreshAhead = Durations.parse(fromEnv);
                } catch (IllegalArgumentException e) {
                    return Result.err(new ClientFailure.InvalidSetting(REFRESH_AHEAD, e.getMessage()));
                }
            } else if (stored != null && stored.refreshAhead() != null) {
                refreshAhead = stored.refreshAhead();
            } else {
                refreshAhead = RefreshPolicy.DEFAULT_REFRESH_AHEAD;
            }
        }
        Duration timeout = flags.timeout();
        if (timeout == null) {
            String fromEnv = env.get(TIMEOUT);
            try {
                timeout = fromEnv == null ? DEFAULT_TIMEOUT : Durations.parse(fromEnv);
            } catch (IllegalArgumentException e) {
                return Result.err(new ClientFailure.InvalidSetting(TIMEOUT, e.getMessage()));
            }
        }
        if (timeout.isZero()) {
            return Result.err(new ClientFailure.InvalidSetting("timeout", "must be more than 0 seconds"));
        }
        ProfileSettings settings = stored;
        String url = env.get(URL);
        if (url != null && stored != null) {
            try {
                settings = new ProfileSettings(BrokerUrls.parse(url), stored.broker(), stored.refreshAhead());
            } catch (IllegalArgumentException e) {
                return Result.err(new ClientFailure.InvalidSetting(URL, e.getMessage()));
            }
        }
        return Result.ok(new ClientConfig(files, refreshAhead, timeout, flags.verbose() || env.flag(VERBOSE),
                flags.noBrowser() || env.flag(NO_BROWSER), settings));
    }
}
