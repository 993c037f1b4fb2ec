package broker.client.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import broker.client.config.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser is started by absolute path, so a program planted in the working directory is never run. */
class SystemBrowserTest {
    static final String URL = "https://idp.example.com/authorize?x=1";

    @TempDir
    Path dir;

    @Test
    void command_onWindows_isRundll32FromSystem32() {
        var browser = new SystemBrowser(new Environment(Map.of("SystemRoot", "C:\\Windows"), "Windows 11", "C:\\Users\\a"));

        assertThat(browser.command(URL)).containsExactly("C:\\Windows\\System32\\rundll32.exe",
                "url.dll,FileProtocolHandler", URL);
    }

    @Test
    void command_onMacOs_isUsrBinOpen() {
        var browser = new SystemBrowser(new Environment(Map.of(), "Mac OS X", "/Users/a"));

        assertThat(browser.command(URL)).containsExactly("/usr/bin/open", URL);
    }

    @Test
    void command_onLinux_isXdgOpenFromAnAbsolutePathEntry() throws IOException {
        Path planted = dir.resolve("xdg-open");
        Files.writeString(planted, "#!/bin/sh\n");
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwx------"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path real = bin.resolve("xdg-open");
        Files.writeString(real, "#!/bin/sh\n");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwx------"));
        var browser = new SystemBrowser(new Environment(Map.of("DISPLAY", ":0", "PATH", ".:" + bin), "Linux", "/home/a"));

        assertThat(browser.command(URL)).isEqualTo(List.of(real.toString(), URL));
    }

    @Test
    void command_onLinux_withoutXdgOpenOnAnAbsolutePath_opensNothing() {
        var browser = new SystemBrowser(new Environment(Map.of("DISPLAY", ":0", "PATH", "."), "Linux", "/home/a"));

        assertThat(browser.command(URL)).isEmpty();
    }
}
