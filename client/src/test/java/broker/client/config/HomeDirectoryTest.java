package broker.client.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HomeDirectoryTest {
    @Test
    void of_prefersHomeOverUserHome() {
        assertThat(HomeDirectory.of(new Environment(Map.of("HOME", "/h"), "Linux", "/jvm")))
                .isEqualTo(Path.of("/h"));
    }

    @Test
    void of_onWindowsWithoutHome_usesUserProfile() {
        var env = new Environment(Map.of("USERPROFILE", "/users/ana", "HOMEDRIVE", "/d", "HOMEPATH", "/x"), "Windows 11", "/jvm");
        assertThat(HomeDirectory.of(env)).isEqualTo(Path.of("/users/ana"));
    }

    @Test
    void of_onWindowsWithoutUserProfile_usesHomeDriveAndPath() {
        var env = new Environment(Map.of("HOMEDRIVE", "/d", "HOMEPATH", "/ana"), "Windows 11", "/jvm");
        assertThat(HomeDirectory.of(env)).isEqualTo(Path.of("/d/ana"));
    }

    @Test
    void of_elsewhereWithoutHome_ignoresUserProfileAndUsesUserHome() {
        var env = new Environment(Map.of("USERPROFILE", "/users/ana"), "Linux", "/jvm");
        assertThat(HomeDirectory.of(env)).isEqualTo(Path.of("/jvm"));
    }
}
