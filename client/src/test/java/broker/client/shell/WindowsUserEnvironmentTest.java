package broker.client.shell;

import static org.assertj.core.api.Assertions.assertThat;

import broker.client.core.ClientFailure;
import broker.client.core.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowsUserEnvironmentTest {
    static final String SETX = "C:\\Windows\\System32\\setx.exe";
    private final List<List<String>> ran = new ArrayList<>();

    private WindowsUserEnvironment environment(int exit) {
        return new WindowsUserEnvironment(command -> {
            ran.add(command);
            return exit;
        }, SETX);
    }

    private static Map<String, String> variables(String... pairs) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void set_runsSetxOncePerVariableWithTheValueAsOneArgument() {
        Result<Void> result = environment(0).set(variables("CLAUDE_CODE_USE_BEDROCK", "1", "AWS_PROFILE", "my profile"));

        assertThat(result).isInstanceOf(Result.Ok.class);
        assertThat(ran).containsExactly(List.of(SETX, "CLAUDE_CODE_USE_BEDROCK", "1"),
                List.of(SETX, "AWS_PROFILE", "my profile"));
    }

    @Test
    void set_setxFails_stopsAndSaysWhich() {
        Result<Void> result = environment(1).set(variables("A", "1", "B", "2"));

        assertThat(result).isInstanceOfSatisfying(Result.Err.class, err -> assertThat(err.failure())
                .isInstanceOfSatisfying(ClientFailure.LocalFile.class, f -> assertThat(f.problem()).contains("setx A")));
        assertThat(ran).hasSize(1);
    }

    @Test
    void set_valueSetxCannotStore_isRefusedBeforeRunningAnything() {
        Result<Void> result = environment(0).set(variables("A", "50%", "B", "x".repeat(2000)));

        assertThat(result).isInstanceOf(Result.Err.class);
        assertThat(ran).isEmpty();
    }
}
