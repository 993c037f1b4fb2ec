package broker.client.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * bin/bedrock-broker.cmd, read as text (cmd.exe cannot run here): it never runs a program from the current directory
 * (issue 17: a java.bat planted in a cloned repository ran on every aws command), and it checks the Java version
 * before starting the client, with the same sentence and exit code as bin/bedrock-broker.
 */
class WindowsLauncherTest {
    static final Path LAUNCHER = Path.of("src/main/dist/bin/bedrock-broker.cmd");
    static List<String> lines;

    @BeforeAll
    static void read() throws IOException {
        lines = Files.readAllLines(LAUNCHER).stream().map(String::strip).toList();
    }

    private static int firstLine(Pattern pattern) {
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("rem ") && pattern.matcher(lines.get(i)).find()) {
                return i;
            }
        }
        return -1;
    }

    /** Commands, not comments: lines that do something. */
    private static List<String> code() {
        return lines.stream().filter(l -> !l.isEmpty() && !l.startsWith("rem ") && !l.startsWith("::")).toList();
    }

    @Test
    void cmd_setsNoDefaultCurrentDirectoryInExePath_beforeItStartsAnyProgram() {
        int set = firstLine(Pattern.compile("^set \"NoDefaultCurrentDirectoryInExePath=1\"$"));
        // A program is started by a line that names java, a .exe, call, start, or runs a command in for /f ('...').
        int firstProgram = firstLine(Pattern.compile("(?i)(\"%JAVA_EXE%\"|\\bcall\\b|\\bstart\\b|\\bwhere\\b|in \\(')"));

        assertThat(set).as("NoDefaultCurrentDirectoryInExePath is set").isGreaterThan(0);
        assertThat(firstProgram).isGreaterThan(set);
    }

    @Test
    void cmd_findsJavaOnlyThroughJavaHomeOrAsJavaExeInPathDirectories() {
        assertThat(code()).as("`where` searches the current directory first")
                .noneMatch(l -> l.matches("(?i).*\\bwhere(\\.exe)?\\s+java.*"));
        assertThat(code()).contains("if defined JAVA_HOME if exist \"%JAVA_HOME%\\bin\\java.exe\" set \"JAVA_EXE=%JAVA_HOME%\\bin\\java.exe\"");
        assertThat(code()).contains("for %%J in (java.exe) do set \"JAVA_EXE=%%~$PATH:J\"");
        // Never a bare "java" (which cmd.exe resolves to java.bat/java.cmd/java.exe, current directory first).
        assertThat(code()).noneMatch(l -> l.matches("(?i).*set \"JAVA_EXE=java(\\.exe)?\".*"));
        assertThat(code()).noneMatch(l -> l.matches("(?i)^\"?java(\\.exe)?\"?\\s.*"));
    }

    @Test
    void cmd_javaFoundInTheCurrentDirectoryThroughARelativePathEntry_isDropped() {
        assertThat(code()).contains("for %%D in (\"%CD%\\x\") do set \"CURRENT_DIR=%%~dpD\"");
        assertThat(code()).contains("if defined JAVA_FROM_PATH if defined JAVA_EXE for %%J in (\"%JAVA_EXE%\") do if /i "
                + "\"%%~dpJ\"==\"%CURRENT_DIR%\" set \"JAVA_EXE=\"");
    }

    @Test
    void cmd_startsJavaByItsFullPathOnly() {
        List<String> starts = code().stream().filter(l -> l.contains("-jar")).toList();

        assertThat(starts).hasSize(1);
        assertThat(starts.getFirst()).startsWith("\"%JAVA_EXE%\" -Xlog:disable -Xlog:all=warning:stderr ")
                .endsWith("-jar \"%APP_HOME%\\lib\\bedrock-broker.jar\" %*");
    }

    @Test
    void cmd_checksTheJavaVersionBeforeStartingTheClient_withTheShellLaunchersSentenceAndExitCode() {
        int check = firstLine(Pattern.compile("^if %JAVA_FEATURE% GTR 0 if %JAVA_FEATURE% LSS 21 goto oldJava$"));
        int start = firstLine(Pattern.compile("^\"%JAVA_EXE%\" .* -jar "));

        assertThat(check).isGreaterThan(0).isLessThan(start);
        assertThat(code()).contains(
                "echo bedrock-broker: found Java !JAVA_VERSION! at !JAVA_EXE!, but Java 21 or newer is needed: install it"
                        + " and set JAVA_HOME to its directory (setx JAVA_HOME \"C:\\path\\to\\jdk-21\", then open a new"
                        + " window). 1>&2",
                "echo bedrock-broker: no Java found (JAVA_HOME does not name one and there is no java.exe on PATH):"
                        + " install Java 21 or newer and set JAVA_HOME to its directory. 1>&2");
        assertThat(code().stream().filter(l -> l.equals("exit /b 8"))).hasSize(2);
        // The version comes from the release file, else from java -version run by its full path through call.
        assertThat(code()).anyMatch(l -> l.contains("(\"%JAVA_DIR%\\release\")"));
        assertThat(code()).anyMatch(l -> l.contains("('call \"%JAVA_EXE%\" -version 2^>^&1')"));
    }

    @Test
    void cmd_argumentsNeverPassThroughDelayedExpansion() {
        // "!" in an argument would be eaten by delayed expansion: it is switched on only in the error branch.
        assertThat(lines.getFirst()).isEqualTo("@echo off");
        assertThat(code()).contains("setlocal EnableExtensions DisableDelayedExpansion");
        int delayed = firstLine(Pattern.compile("^setlocal EnableDelayedExpansion$"));
        int start = firstLine(Pattern.compile("^\"%JAVA_EXE%\" .* -jar "));
        assertThat(delayed).isGreaterThan(start);
    }
}
