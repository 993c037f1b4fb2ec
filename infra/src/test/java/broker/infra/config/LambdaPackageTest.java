package broker.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import broker.contract.LambdaJar;
import broker.infra.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.FileSystem;

class LambdaPackageTest {
    @TempDir
    Path dir;

    @Test
    void stageAll_putsEachJarUnderLibOfItsOwnPackageWithTheEntitlementsAtTheRoot() throws Exception {
        Map<LambdaJar, Path> staged = LambdaPackage.stageAll(Fixtures.fakeJars(dir), entitlements("{\"version\":1}"),
                dir.resolve("pkg"));

        assertThat(staged).containsOnlyKeys(LambdaJar.values());
        for (LambdaJar jar : LambdaJar.values()) {
            Path root = staged.get(jar);
            assertThat(root).isEqualTo(dir.resolve("pkg").resolve(jar.id()));
            try (Stream<Path> files = Files.walk(root)) {
                assertThat(files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted())
                        .containsExactly("entitlements.json", "entitlements.json.checked", "lib/" + jar.fileName());
            }
            assertThat(root.resolve("entitlements.json")).hasContent("{\"version\":1}");
            assertThat(root.resolve("entitlements.json.checked"))
                    .hasContent(broker.lambda.core.policy.EntitlementsCheck.stamp("{\"version\":1}"));
            assertThat(root.resolve("lib").resolve(jar.fileName())).hasContent("not really a jar: " + jar.id());
        }
    }

    @Test
    void stageAll_removesAPackageOfAnEarlierLayout() throws Exception {
        Path target = dir.resolve("pkg");
        Files.createDirectories(target.resolve("lib"));
        Files.writeString(target.resolve("lib/bedrock-broker-lambda.jar"), "stale");

        LambdaPackage.stageAll(Fixtures.fakeJars(dir), entitlements("{}"), target);

        assertThat(target.resolve("lib")).doesNotExist();
    }

    @Test
    void stage_removesWhateverAnEarlierStagingLeft() throws Exception {
        Path target = dir.resolve("pkg");
        Files.createDirectories(target.resolve("lib"));
        Files.writeString(target.resolve("lib/old.jar"), "stale");
        LambdaPackage.stage(jar(), "a.jar", entitlements("{}"), target);
        assertThat(target.resolve("lib/old.jar")).doesNotExist();
    }

    @Test
    void stage_withTheSameInputs_givesTheSameAssetHash() throws Exception {
        Path jar = jar();
        Path first = LambdaPackage.stage(jar, "a.jar", entitlements("{}"), dir.resolve("first"));
        Thread.sleep(20); // a later modification time must not matter
        Path second = LambdaPackage.stage(jar, "a.jar", entitlements("{}"), dir.resolve("second"));
        Path changed = LambdaPackage.stage(jar, "a.jar", entitlements("{ }"), dir.resolve("changed"));
        assertThat(FileSystem.fingerprint(first.toString())).isEqualTo(FileSystem.fingerprint(second.toString()))
                .isNotEqualTo(FileSystem.fingerprint(changed.toString()));
    }

    @Test
    void stage_withoutTheJar_failsTellingHowToBuildIt() {
        assertThatThrownBy(() -> LambdaPackage.stageAll(dir.resolve("absent"), entitlements("{}"), dir.resolve("pkg")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(dir.resolve("absent").resolve(LambdaJar.CREDENTIALS.fileName()).toString())
                .hasMessageContaining("lambdaDirectory")
                .hasMessageContaining("mvn -B package -DskipTests");
    }

    private Path jar() throws Exception {
        return Files.writeString(dir.resolve("a.jar"), "not really a jar");
    }

    private static Entitlements entitlements(String json) {
        return new Entitlements(Path.of("entitlements.json"), json, List.of(), "{}", "{}", 0);
    }
}
