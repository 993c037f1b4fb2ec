package broker.client.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LineDiffTest {
    @Test
    void unified_showsChangedLinesWithTwoLinesOfContext() {
        String before = "a\nb\nc\nd\ne\nf\ng\n";
        String after = "a\nb\nc\nD\ne\nf\ng\n";

        assertThat(LineDiff.unified("f", before, after)).isEqualTo("--- f\n+++ f (after)\n@@\n b\n c\n-d\n+D\n e\n f\n");
    }

    @Test
    void unified_equalTexts_isEmpty() {
        assertThat(LineDiff.unified("f", "x\n", "x\n")).isEmpty();
    }

    @Test
    void unified_newFile_isAllAdditions() {
        assertThat(LineDiff.unified("f", null, "x\ny\n")).isEqualTo("--- f (does not exist)\n+++ f (after)\n+x\n+y\n");
    }

    @Test
    void unified_largeFileWithOneChange_staysQuick() {
        String before = IntStream.range(0, 200_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        String after = before.replace("line 100000\n", "line 100000\nadded\n");

        assertThat(LineDiff.unified("f", before, after)).contains("+added").hasLineCount(8);
    }

    @Test
    void redact_hidesValuesOfSecretLookingSettings() {
        assertThat(LineDiff.redact("    \"AWS_SECRET_ACCESS_KEY\": \"wJalr\",")).isEqualTo("    \"AWS_SECRET_ACCESS_KEY\": <redacted>,");
        assertThat(LineDiff.redact("aws_session_token = FwoG")).isEqualTo("aws_session_token = <redacted>");
        assertThat(LineDiff.redact("  \"AWS_REGION\": \"us-east-1\"")).isEqualTo("  \"AWS_REGION\": \"us-east-1\"");
    }
}
