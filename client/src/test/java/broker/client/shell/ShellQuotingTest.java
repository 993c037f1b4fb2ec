package broker.client.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import broker.client.RequiredProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * What a shell reads back from {@link Shell#assignment} is exactly the value. bash, zsh and fish are run for real
 * (each property fails, naming the package, where its shell is not installed: ./test.sh installs them); PowerShell and
 * cmd are not installable here, so their lines are read back by a model of their quoting rules.
 */
class ShellQuotingTest {
    @Property(tries = 150)
    void bash_readsBackEveryValue(@ForAll("values") String value) throws Exception {
        RequiredProgram.require("bash", "bash");
        assertThat(readBack(Shell.BASH, "bash", value, "printf '%s' \"$V\"")).isEqualTo(value);
    }

    @Property(tries = 100)
    void zsh_readsBackEveryValue(@ForAll("values") String value) throws Exception {
        RequiredProgram.require("zsh", "zsh");
        assertThat(readBack(Shell.ZSH, "zsh", value, "printf '%s' \"$V\"")).isEqualTo(value);
    }

    @Property(tries = 60)
    void fish_readsBackEveryValue(@ForAll("fishValues") String value) throws Exception {
        RequiredProgram.require("fish", "fish");
        assertThat(readBack(Shell.FISH, "fish", value, "printf '%s' \"$V\"")).isEqualTo(value);
    }

    @Property(tries = 1000)
    void powershell_singleQuotedStringReadsBackAsTheValue(@ForAll("values") String value) {
        String line = Shell.POWERSHELL.assignment("V", value);

        assertThat(line).startsWith("$env:V = '").endsWith("'");
        assertThat(readPowerShellSingleQuoted(line.substring("$env:V = ".length()))).isEqualTo(value);
    }

    @Property(tries = 1000)
    void cmd_setReadsBackAsTheValue(@ForAll("values") String value) {
        Assume.that(Shell.CMD.cannotExpress(value) == null);
        String line = Shell.CMD.assignment("V", value);

        // cmd takes everything between the first and the last quote; with no quote, % or ! inside, nothing expands.
        assertThat(line).startsWith("set \"V=").endsWith("\"");
        assertThat(line.substring("set \"V=".length(), line.length() - 1)).isEqualTo(value);
    }

    @Test
    void cmd_refusesWhatItCannotSetLiterally() {
        assertThat(Shell.CMD.cannotExpress("100%")).contains("'%'");
        assertThat(Shell.CMD.cannotExpress("a\"b")).contains("'\"'");
        assertThat(Shell.CMD.cannotExpress("a\nb")).contains("line break");
        assertThatThrownBy(() -> Shell.CMD.assignment("V", "50%")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Shell.BASH.cannotExpress("100% \"quoted\"\n")).isNull();
    }

    @Test
    void assignment_forEachShell_looksAsThatShellExpects() {
        assertThat(Shell.BASH.assignment("AWS_REGION", "us-east-1")).isEqualTo("export AWS_REGION='us-east-1'");
        assertThat(Shell.ZSH.assignment("A", "it's")).isEqualTo("export A='it'\\''s'");
        assertThat(Shell.FISH.assignment("A", "it's \\")).isEqualTo("set -gx A 'it\\'s \\\\'");
        assertThat(Shell.POWERSHELL.assignment("A", "it's")).isEqualTo("$env:A = 'it''s'");
        assertThat(Shell.CMD.assignment("A", "a & b")).isEqualTo("set \"A=a & b\"");
    }

    @Test
    void assignment_badName_isRefused() {
        assertThatThrownBy(() -> Shell.BASH.assignment("A;rm", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Shell.BASH.assignment("1A", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void detect_followsShellVariableAndWindows() {
        assertThat(Shell.detect("/usr/bin/zsh", false)).isEqualTo(Shell.ZSH);
        assertThat(Shell.detect("/opt/homebrew/bin/fish", false)).isEqualTo(Shell.FISH);
        assertThat(Shell.detect("/bin/tcsh", false)).isEqualTo(Shell.BASH);
        assertThat(Shell.detect(null, true)).isEqualTo(Shell.POWERSHELL);
        assertThat(Shell.parse("PWSH")).isEqualTo(Shell.POWERSHELL);
    }

    /** PowerShell's single-quoted string: any of its five single quotes ends it, unless doubled. */
    static String readPowerShellSingleQuoted(String literal) {
        String quotes = "'\u2018\u2019\u201A\u201B";
        assertThat(quotes.indexOf(literal.charAt(0))).isNotNegative();
        var out = new StringBuilder();
        int i = 1;
        while (true) {
            char c = literal.charAt(i);
            if (quotes.indexOf(c) >= 0) {
                if (i + 1 < literal.length() && quotes.indexOf(literal.charAt(i + 1)) >= 0) {
                    out.append(literal.charAt(i + 1));
                    i += 2;
                    continue;
                }
                assertThat(i).as("the string ends at the last character").isEqualTo(literal.length() - 1);
                return out.toString();
            }
            out.append(c);
            i++;
        }
    }

    private static String readBack(Shell shell, String program, String value, String print) throws Exception {
        Path script = Files.createTempFile("shell-quoting", ".sh");
        try {
            Files.writeString(script, shell.assignment("V", value) + "\n" + print + "\n", StandardCharsets.UTF_8);
            var builder = new ProcessBuilder(program, script.toString()).redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("LANG", "C.UTF-8");
            builder.environment().put("LC_ALL", "C.UTF-8");
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** Any text a UTF-8 file can hold and an environment variable can carry: no NUL, no lone surrogates. */
    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("'\"\\$`!%^&|;<>(){}[]*?~#= \t\n\r\u2018\u2019\u201A\u201Babc")
                        .ofMaxLength(16),
                Arbitraries.strings().all().ofMaxLength(16))
                .filter(ShellQuotingTest::encodable);
    }

    /** fish keeps U+F600-U+F73F for itself (it encodes undecodable bytes there): leave those out. */
    @Provide
    Arbitrary<String> fishValues() {
        return values().filter(s -> s.chars().noneMatch(c -> c >= 0xF600 && c <= 0xF73F));
    }

    private static boolean encodable(String s) {
        if (s.indexOf('\0') >= 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
