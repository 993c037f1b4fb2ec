package broker.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import broker.infra.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.FileSystem;

class LambdaPackageTest {
    @TempDir
    Path dir;

    @Test
    void stage_putsTheJarUnderLibAndTheEntitlementsAtTheRoot() throws Exception {
        Path staged = LambdaPackage.stage(Fixtures.fakeJar(dir), entitlements("{\"version\":1}"), dir.resolve("pkg"));
        try (Stream<Path> files = Files.walk(staged)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> staged.relativize(p).toString()).sorted())
                    .containsExactly("entitlements.json", "lib/bedrock-broker-lambda.jar");
        }
        assertThat(staged.resolve("entitlements.json")).hasContent("{\"version\":1}");
        assertThat(staged.resolve("lib/bedrock-broker-lambda.jar")).hasContent("not really a jar");
    }

    @Test
    void stage_removesWhateverAnEarlierStagingLeft() throws Exception {
        Path target = dir.resolve("pkg");
        Files.createDirectories(target.resolve("lib"));
        Files.writeString(target.resolve("lib/old.jar"), "stale");
        LambdaPackage.stage(Fixtures.fakeJar(dir), entitlements("{}"), target);
        assertThat(target.resolve("lib/old.jar")).doesNotExist();
    }

    @Test
    void stage_withTheSameInputs_givesTheSameAssetHash() throws Exception {
        Path jar = Fixtures.fakeJar(dir);
        Path first = LambdaPackage.stage(jar, entitlements("{}"), dir.resolve("first"));
        Thread.sleep(20); // a later modification time must not matter
        Path second = LambdaPackage.stage(jar, entitlements("{}"), dir.resolve("second"));
        Path changed = LambdaPackage.stage(jar, entitlements("{ }"), dir.resolve("changed"));
        assertThat(FileSystem.fingerprint(first.toString())).isEqualTo(FileSystem.fingerprint(second.toString()))
                .isNotEqualTo(FileSystem.fingerprint(changed.toString()));
    }

    @Test
    void stage_withoutTheJar_failsTellingHowToBuildIt() {
        assertThatThrownBy(() -> LambdaPackage.stage(dir.resolve("absent.jar"), entitlements("{}"), dir.resolve("pkg")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("absent.jar")
                .hasMessageContaining("mvn -B package -DskipTests");
    }

    private static Entitlements entitlements(String json) {
        return new Entitlements(Path.of("entitlements.json"), json, List.of(), "{}", "{}", 0);
    }
}
