package broker.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code env}: each shell's lines, run in that shell where it is installed; {@code --persist} on Windows and Unix. */
class EnvCommandTest {
    @TempDir
    Path home;

    TestWorld world;

    @BeforeEach
    void start() {
        world = new TestWorld(home);
        assertThat(world.run("configure", "--url", world.brokerUrl()).exitCode()).isZero();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "zsh", "fish"})
    void env_outputRunInItsShell_setsTheBedrockVariables(String shell) throws Exception {
        RequiredProgram.require(shell, shell);
        TestWorld.Run run = world.run("env", "--shell", shell);
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path script = Files.writeString(home.resolve("env." + shell), run.out()
                + "printenv CLAUDE_CODE_USE_BEDROCK AWS_REGION AWS_PROFILE ANTHROPIC_MODEL\n");

        Process process = new ProcessBuilder(shell, script.toString()).redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();

        assertThat(printed.lines()).containsExactly("1", "us-east-1", "bedrock",
                "us.anthropic.claude-sonnet-4-5-20250929-v1:0");
    }

    @Test
    void env_powershellAndCmd_writeTheirOwnSyntax() {
        assertThat(world.run("env", "--shell", "powershell").out())
                .startsWith("$env:CLAUDE_CODE_USE_BEDROCK = '1'\n$env:AWS_REGION = 'us-east-1'\n");
        assertThat(world.run("env", "--shell", "cmd").out())
                .startsWith("set \"CLAUDE_CODE_USE_BEDROCK=1\"\nset \"AWS_REGION=us-east-1\"\n");
    }

    @Test
    void env_withoutShell_followsTheShellVariable() {
        world.env.put("SHELL", "/usr/bin/fish");

        assertThat(world.run("env").out()).startsWith("set -gx CLAUDE_CODE_USE_BEDROCK '1'\n");
    }

    @Test
    void env_profileNotInAwsConfig_saysToRunSetupAws() {
        TestWorld.Run run = world.run("env", "--shell", "bash");

        assertThat(run.err()).contains("AWS profile 'bedrock' is not in").contains("setup aws");
        assertThat(world.run("setup", "aws").exitCode()).isZero();
        assertThat(world.run("env", "--shell", "bash").err()).doesNotContain("setup aws");
    }

    @Test
    void env_bearerToken_namesAFreshTokenInsteadOfTheProfile() {
        world.configureAndLogin();

        TestWorld.Run run = world.run("env", "--shell", "bash", "--bearer-token");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("export AWS_BEARER_TOKEN_BEDROCK='bedrock-api-key-").doesNotContain("AWS_PROFILE");
    }

    @Test
    void env_persistOnWindows_runsSetxForEachVariable() {
        world.osName = "Windows 11";
        world.env.put("USERPROFILE", home.toString());
        String setx = "C:\\Windows\\System32\\setx.exe";

        TestWorld.Run run = world.run("env", "--persist");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(world.commands).containsExactly(List.of(setx, "CLAUDE_CODE_USE_BEDROCK", "1"),
                List.of(setx, "AWS_REGION", "us-east-1"), List.of(setx, "AWS_PROFILE", "bedrock"),
                List.of(setx, "ANTHROPIC_MODEL", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"));
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("Saved in your user environment");
    }

    @Test
    void env_persistOnWindows_runsSetxFromSystemRootNeverFromTheWorkingDirectory() {
        world.osName = "Windows 11";
        world.env.put("SystemRoot", "D:\\WINDOWS");

        TestWorld.Run run = world.run("env", "--persist");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(world.commands).isNotEmpty().allSatisfy(command ->
                assertThat(command.get(0)).isEqualTo("D:\\WINDOWS\\System32\\setx.exe"));
    }

    @Test
    void env_persistOnWindows_setxFailing_exitsWithTheReason() {
        world.osName = "Windows 11";
        world.commandExit = 1;

        TestWorld.Run run = world.run("env", "--persist");

        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(run.err()).contains("setx CLAUDE_CODE_USE_BEDROCK failed");
    }

    @Test
    void env_persistOnUnix_printsASnippetForTheStartUpFile() {
        TestWorld.Run run = world.run("env", "--shell", "zsh", "--persist");

        assertThat(run.out()).startsWith("# Amazon Bedrock through bedrock-broker (profile default); add to ~/.zshrc\n"
                + "export CLAUDE_CODE_USE_BEDROCK='1'\n");
        assertThat(run.err()).contains(">> ~/.zshrc");
        assertThat(world.commands).isEmpty();
    }

    @Test
    void env_persistWithBearerToken_isRefused() {
        TestWorld.Run run = world.run("env", "--persist", "--bearer-token");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("expires within hours");
    }

    @Test
    void env_unknownShell_isAUsageError() {
        TestWorld.Run run = world.run("env", "--shell", "tcsh");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown shell 'tcsh'");
    }
}
