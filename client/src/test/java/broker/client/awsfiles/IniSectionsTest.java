package broker.client.awsfiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class IniSectionsTest {
    private static final List<String> BODY = List.of("aws_access_key_id = NEW", "aws_session_token = T");

    @Test
    void replace_existingSectionBetweenOthers_keepsOtherSectionsAndCommentsByteForByte() {
        String original = "# my file\n[default]\naws_access_key_id = A ; keep\n\n[bb]\naws_access_key_id = OLD\n"
                + "aws_secret_access_key = S\n\n# the work account\n[work]\nregion=eu-west-1\n";
        assertThat(IniSections.replace(original, "bb", BODY)).isEqualTo(
                "# my file\n[default]\naws_access_key_id = A ; keep\n\n[bb]\naws_access_key_id = NEW\n"
                        + "aws_session_token = T\n\n# the work account\n[work]\nregion=eu-west-1\n");
    }

    @Test
    void replace_missingSection_isAppendedAfterABlankLine() {
        assertThat(IniSections.replace("[default]\nx = 1", "bb", BODY))
                .isEqualTo("[default]\nx = 1\n\n[bb]\naws_access_key_id = NEW\naws_session_token = T\n");
    }

    @Test
    void replace_emptyFile_holdsOnlyTheSection() {
        assertThat(IniSections.replace("", "bb", BODY)).isEqualTo("[bb]\naws_access_key_id = NEW\naws_session_token = T\n");
    }

    @Test
    void replace_crlfFile_writesCrlf() {
        assertThat(IniSections.replace("[a]\r\nx=1\r\n[bb]\r\ny=2\r\n", "bb", BODY))
                .isEqualTo("[a]\r\nx=1\r\n[bb]\r\naws_access_key_id = NEW\r\naws_session_token = T\r\n");
    }

    @Test
    void replace_duplicateSections_leavesOne() {
        assertThat(IniSections.replace("[bb]\nx=1\n[a]\ny=2\n[bb]\nz=3\n", "bb", BODY))
                .isEqualTo("[bb]\naws_access_key_id = NEW\naws_session_token = T\n[a]\ny=2\n");
    }

    @Test
    void replace_lastSectionWithoutFinalNewline_keepsItThatWay() {
        assertThat(IniSections.replace("[a]\ny=2\n[bb]\nx=1", "bb", BODY))
                .isEqualTo("[a]\ny=2\n[bb]\naws_access_key_id = NEW\naws_session_token = T");
    }

    @Test
    void replace_headerWithSpacesAndComment_isRecognised() {
        assertThat(IniSections.replace("  [ bb ]  # mine\nx=1\n", "bb", BODY))
                .isEqualTo("[bb]\naws_access_key_id = NEW\naws_session_token = T\n");
    }

    @Property(tries = 300)
    void replace_leavesEveryOtherSectionUntouched(@ForAll("otherSections") List<String> others,
                                                  @ForAll("positions") int position) {
        int at = position % (others.size() + 1);
        String prefix = String.join("", others.subList(0, at));
        String suffix = String.join("", others.subList(at, others.size()));
        String block = "[bb]\naws_access_key_id = NEW\naws_session_token = T\n";

        String result = IniSections.replace(prefix + "[bb]\nold = 1\n" + suffix, "bb", BODY);

        assertThat(result).isEqualTo(prefix + block + suffix);
    }

    @Provide
    Arbitrary<List<String>> otherSections() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6)
                .filter(n -> !n.equals("bb"));
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(5).map(k -> k + " = v\n"),
                Arbitraries.of("# note\n", "; other note\n", "key=value # trailing\n"));
        return name.flatMap(n -> line.list().ofMaxSize(3)
                        .map(lines -> "[" + n + "]\n" + String.join("", lines)))
                .list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 10);
    }
}
