package broker.client.setup;

import static org.assertj.core.api.Assertions.assertThat;

import broker.client.config.Environment;
import broker.client.core.ClientFailure;
import broker.client.core.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {
    private static Environment windows(String launcher) {
        return new Environment(Map.of("USERPROFILE", "C:\\Users\\ana"), "Windows 11", "C:\\Users\\ana", launcher);
    }

    @Test
    void command_windowsPathWithSpaces_isDoubleQuotedForCmd() {
        var launcher = ((Result.Ok<Launcher>) Launcher.resolve(null,
                windows("C:\\Program Files\\bedrock-broker\\bin\\bedrock-broker.cmd"))).value();

        assertThat(launcher.command("export", "--profile", "default"))
                .isEqualTo("\"C:\\Program Files\\bedrock-broker\\bin\\bedrock-broker.cmd\" export --profile default");
    }

    @Test
    void command_plainWindowsPath_staysBare() {
        var launcher = ((Result.Ok<Launcher>) Launcher.resolve(null,
                windows("C:\\Tools\\bedrock-broker\\bin\\bedrock-broker.cmd"))).value();

        assertThat(launcher.command("credential-process")).isEqualTo("C:\\Tools\\bedrock-broker\\bin\\bedrock-broker.cmd"
                + " credential-process");
        assertThat(launcher.argumentsOf("C:\\Tools\\bedrock-broker\\bin\\bedrock-broker.cmd export --profile p"))
                .isEqualTo(List.of("export", "--profile", "p"));
    }

    @Test
    void resolve_relativeOrTildePath_isRefused() {
        assertThat(Launcher.resolve("bin\\bedrock-broker.cmd", windows(null))).isInstanceOfSatisfying(Result.Err.class,
                err -> assertThat(err.failure()).isInstanceOf(ClientFailure.InvalidSetting.class));
        assertThat(Launcher.resolve("~/bin/bedrock-broker", new Environment(Map.of(), "Linux", "/h", null)))
                .isInstanceOf(Result.Err.class);
        assertThat(Launcher.resolve("\\\\server\\share\\bedrock-broker.cmd", windows(null))).isInstanceOf(Result.Ok.class);
    }

    @Test
    void resolve_flagBeatsTheLauncherThatRuns(@TempDir Path dir) throws Exception {
        Path other = Files.writeString(dir.resolve("bedrock-broker"), "");
        var env = new Environment(Map.of(), "Linux", "/h", "/opt/a/bin/bedrock-broker");

        assertThat(Launcher.resolve(other.toString(), env)).isEqualTo(Result.ok(new Launcher(other.toString(), false)));
    }

    @Test
    void resolve_missingFile_isRefused() {
        var env = new Environment(Map.of(), "Linux", "/h", "/no/such/bin/bedrock-broker");

        assertThat(Launcher.resolve(null, env)).isInstanceOfSatisfying(Result.Err.class,
                err -> assertThat(err.failure().toString()).contains("does not exist"));
    }

    @Test
    void command_unixPathWithQuote_isSingleQuotedForSh() {
        var launcher = new Launcher("/home/o'neil/bin/bedrock-broker", false);

        assertThat(launcher.command("export")).isEqualTo("'/home/o'\\''neil/bin/bedrock-broker' export");
    }
}
