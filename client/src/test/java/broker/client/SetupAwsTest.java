package broker.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code setup aws}: the credential_process profile in the AWS config file. */
class SetupAwsTest {
    @TempDir
    Path home;

    TestWorld world;
    Path config;

    @BeforeEach
    void start() {
        world = new TestWorld(home);
        assertThat(world.run("configure", "--url", world.brokerUrl()).exitCode()).isZero();
        config = home.resolve(".aws/config");
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private String expectedProfile() {
        return "[profile bedrock]\ncredential_process = " + world.launcher
                + " credential-process --profile default\nregion = us-east-1\n";
    }

    @Test
    void setupAws_noConfigFile_createsTheProfile() throws Exception {
        TestWorld.Run run = world.run("setup", "aws");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(config)).isEqualTo(expectedProfile());
        assertThat(run.err()).contains("aws --profile bedrock");
    }

    @Test
    void setupAws_existingFile_addsTheProfileAndKeepsEveryOtherByte() throws Exception {
        Files.createDirectories(config.getParent());
        // CRLF, a Latin-1 byte that is not UTF-8, comments, no final newline.
        byte[] original = "[default]\r\nregion = eu-west-1\r\n# caf\u00e9\r\n[profile work]\r\nsso_session = corp"
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(config, original);

        assertThat(world.run("setup", "aws").exitCode()).isZero();

        assertThat(Files.readAllBytes(config)).isEqualTo(("[default]\r\nregion = eu-west-1\r\n# caf\u00e9\r\n"
                + "[profile work]\r\nsso_session = corp\r\n\r\n" + expectedProfile().replace("\n", "\r\n"))
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void setupAws_ourProfileFromAnotherInstall_isUpdatedKeepingItsOtherSettings() throws Exception {
        Files.createDirectories(config.getParent());
        Files.writeString(config, "[profile bedrock]\noutput = json\ncredential_process = /old/bin/bedrock-broker"
                + " credential-process\n\n[profile x]\nregion = r\n");

        assertThat(world.run("setup", "aws").exitCode()).isZero();

        assertThat(Files.readString(config)).isEqualTo("[profile bedrock]\noutput = json\ncredential_process = "
                + world.launcher + " credential-process --profile default\nregion = us-east-1\n\n[profile x]\nregion = r\n");
    }

    @Test
    void setupAws_twice_changesNothing() throws Exception {
        world.run("setup", "aws");

        TestWorld.Run again = world.run("setup", "aws");

        assertThat(again.err()).contains("already set up");
        assertThat(Files.readString(config)).isEqualTo(expectedProfile());
        try (var files = Files.list(config.getParent())) {
            assertThat(files.filter(f -> f.toString().endsWith(".bak"))).isEmpty();
        }
    }

    @Test
    void setupAws_awsConfigFileVariable_isHonoured() throws Exception {
        Path elsewhere = home.resolve("aws-config");
        world.env.put("AWS_CONFIG_FILE", elsewhere.toString());

        assertThat(world.run("setup", "aws").exitCode()).isZero();

        assertThat(Files.readString(elsewhere)).isEqualTo(expectedProfile());
        assertThat(config).doesNotExist();
    }

    @Test
    void setupAws_someoneElsesProfile_isRefusedWithoutForce() throws Exception {
        Files.createDirectories(config.getParent());
        String original = "[profile bedrock]\nsso_session = corp\nsso_account_id = 1\n";
        Files.writeString(config, original);

        TestWorld.Run refused = world.run("setup", "aws");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("was not written by bedrock-broker").contains("--force");
        assertThat(Files.readString(config)).isEqualTo(original);

        assertThat(world.run("setup", "aws", "--force").exitCode()).isZero();
        assertThat(Files.readString(config)).isEqualTo(expectedProfile());
    }

    @Test
    void setupAws_theNameRefreshWrites_isRefused() {
        TestWorld.Run run = world.run("setup", "aws", "--aws-profile", "bedrock-broker");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("would outrank credential_process");
        assertThat(config).doesNotExist();
    }

    @Test
    void setupAws_nameThatTheCredentialsFileHolds_isRefused() throws Exception {
        Files.createDirectories(config.getParent());
        Files.writeString(home.resolve(".aws/credentials"), "[bedrock]\naws_access_key_id = A\n");

        TestWorld.Run run = world.run("setup", "aws");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("[bedrock] profile, which would outrank credential_process");
    }

    @Test
    void setupAws_dryRun_printsTheDiffOnly() {
        TestWorld.Run run = world.run("setup", "aws", "--dry-run");

        assertThat(run.out()).contains("+[profile bedrock]").contains("+credential_process = " + world.launcher);
        assertThat(config).doesNotExist();
    }

    @Test
    void setupAws_otherBrokerProfile_getsItsOwnAwsProfile() throws Exception {
        world.run("configure", "--url", world.brokerUrl(), "--profile", "work");

        assertThat(world.run("setup", "aws", "--profile", "work").exitCode()).isZero();

        assertThat(Files.readString(config)).contains("[profile bedrock-work]\ncredential_process = " + world.launcher
                + " credential-process --profile work\n");
    }

    @Test
    void setupAws_onWindows_quotesTheCmdLauncherAndKeepsCrlf() throws Exception {
        world.osName = "Windows 11";
        world.launcher = "C:\\Program Files\\bedrock-broker\\bin\\bedrock-broker.cmd";
        Files.createDirectories(config.getParent());
        Files.writeString(config, "[default]\r\nregion = eu-west-1\r\n");

        assertThat(world.run("setup", "aws").exitCode()).isZero();

        assertThat(Files.readString(config)).isEqualTo("[default]\r\nregion = eu-west-1\r\n\r\n[profile bedrock]\r\n"
                + "credential_process = \"C:\\Program Files\\bedrock-broker\\bin\\bedrock-broker.cmd\""
                + " credential-process --profile default\r\nregion = us-east-1\r\n");
    }
}
