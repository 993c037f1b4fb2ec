package broker.client.shell;

import static org.assertj.core.api.Assertions.assertThat;

import broker.client.config.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** System programs are found by absolute path only: a program planted in the working directory never runs. */
class SystemProgramsTest {
    @TempDir
    Path dir;

    private static Environment env(Map<String, String> variables) {
        return new Environment(variables, "Linux", "/nowhere");
    }

    private Path executable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    @Test
    void windowsSystem32_usesSystemRoot() {
        assertThat(SystemPrograms.windowsSystem32(env(Map.of("SystemRoot", "D:\\WINDOWS\\")), "setx.exe"))
                .isEqualTo("D:\\WINDOWS\\System32\\setx.exe");
    }

    @Test
    void windowsSystem32_whenSystemRootIsRelativeOrMissing_usesTheDefault() {
        assertThat(SystemPrograms.windowsSystem32(env(Map.of("SystemRoot", ".")), "rundll32.exe"))
                .isEqualTo("C:\\Windows\\System32\\rundll32.exe");
        assertThat(SystemPrograms.windowsSystem32(env(Map.of()), "WindowsPowerShell\\v1.0\\powershell.exe"))
                .isEqualTo("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
    }

    @Test
    void onPath_skipsRelativeAndEmptyEntries() throws IOException {
        Path planted = executable(dir.resolve("repo/xdg-open"));
        Path real = executable(dir.resolve("usr/bin/xdg-open"));
        String path = String.join(":", "", ".", "repo", planted.getParent().getFileName().toString(),
                real.getParent().toString());

        assertThat(SystemPrograms.onPath(env(Map.of("PATH", path)), "xdg-open")).isEqualTo(real.toString());
    }

    @Test
    void onPath_whenOnlyARelativeEntryHoldsIt_findsNothing() throws IOException {
        executable(dir.resolve("repo/xdg-open"));

        assertThat(SystemPrograms.onPath(env(Map.of("PATH", ".:repo")), "xdg-open")).isNull();
    }

    @Test
    void onPath_refusesANameWithADirectory() {
        assertThat(SystemPrograms.onPath(env(Map.of("PATH", "/usr/bin")), "../x/xdg-open")).isNull();
    }
}
