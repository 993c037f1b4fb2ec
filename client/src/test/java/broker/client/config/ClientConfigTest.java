package broker.client.config;

import static org.assertj.core.api.Assertions.assertThat;

import broker.client.core.BrokerSettings;
import broker.client.core.ClientFailure;
import broker.client.core.ProfileSettings;
import broker.client.core.Result;
import broker.client.store.ProfileFiles;
import broker.client.store.SettingsFile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigTest {
    @TempDir
    Path home;

    private Environment env(Map<String, String> extra) {
        var vars = new HashMap<>(extra);
        vars.put("HOME", home.toString());
        return new Environment(vars, "Linux", "/nowhere");
    }

    private void storeSettings(String profile, Duration refreshAhead) {
        var files = new ProfileFiles(home.resolve(".bedrock-broker"), profile);
        new SettingsFile(files.settings()).write(new ProfileSettings(URI.create("https://broker.example"),
                new BrokerSettings("https://idp", "client", List.of("openid"), List.of(53682), "us-east-1", "", ""),
                refreshAhead));
    }

    private static ClientConfig ok(Result<ClientConfig> result) {
        assertThat(result).isInstanceOf(Result.Ok.class);
        return ((Result.Ok<ClientConfig>) result).value();
    }

    @Test
    void load_defaults_useDefaultProfileUnderHome() {
        ClientConfig config = ok(ClientConfig.load(ClientConfig.Flags.none(), env(Map.of())));
        assertThat(config.files().directory()).isEqualTo(home.resolve(".bedrock-broker/profiles/default"));
        assertThat(config.refreshAhead()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.configured()).isEmpty();
    }

    @Test
    void load_refreshAhead_flagBeatsEnvironmentBeatsFile() {
        storeSettings("default", Duration.ofMinutes(20));
        assertThat(ok(ClientConfig.load(ClientConfig.Flags.none(), env(Map.of()))).refreshAhead())
                .isEqualTo(Duration.ofMinutes(20));
        assertThat(ok(ClientConfig.load(ClientConfig.Flags.none(), env(Map.of("BEDROCK_BROKER_REFRESH_AHEAD", "25m"))))
                .refreshAhead()).isEqualTo(Duration.ofMinutes(25));
        var flags = new ClientConfig.Flags(null, Duration.ofMinutes(30), null, false, false);
        assertThat(ok(ClientConfig.load(flags, env(Map.of("BEDROCK_BROKER_REFRESH_AHEAD", "25m")))).refreshAhead())
                .isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void load_profileFromEnvironment_andClientHomeOverride() {
        Path elsewhere = home.resolve("elsewhere");
        ClientConfig config = ok(ClientConfig.load(ClientConfig.Flags.none(),
                env(Map.of("BEDROCK_BROKER_PROFILE", "work", "BEDROCK_BROKER_HOME", elsewhere.toString()))));
        assertThat(config.files().directory()).isEqualTo(elsewhere.resolve("profiles/work"));
    }

    @Test
    void load_invalidProfileName_isInvalidSetting() {
        assertThat(ClientConfig.load(ClientConfig.Flags.profile("../etc"), env(Map.of())))
                .isInstanceOfSatisfying(Result.Err.class,
                        err -> assertThat(err.failure()).isInstanceOf(ClientFailure.InvalidSetting.class));
    }

    @Test
    void load_badDurationInEnvironment_namesTheVariable() {
        assertThat(ClientConfig.load(ClientConfig.Flags.none(), env(Map.of("BEDROCK_BROKER_TIMEOUT", "soon"))))
                .isInstanceOfSatisfying(Result.Err.class, err -> assertThat(err.failure())
                        .isInstanceOfSatisfying(ClientFailure.InvalidSetting.class,
                                s -> assertThat(s.name()).isEqualTo("BEDROCK_BROKER_TIMEOUT")));
    }

    @Test
    void load_urlFromEnvironment_overridesStoredUrl() {
        storeSettings("default", null);
        ClientConfig config = ok(ClientConfig.load(ClientConfig.Flags.none(),
                env(Map.of("BEDROCK_BROKER_URL", "https://other.example/prod/"))));
        assertThat(config.settings().brokerUrl()).isEqualTo(URI.create("https://other.example/prod"));
    }
}
