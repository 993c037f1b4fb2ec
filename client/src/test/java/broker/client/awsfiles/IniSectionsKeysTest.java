package broker.client.awsfiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Key-level edits of AWS config files: {@code setup aws} sets two keys of one profile and keeps everything else. */
class IniSectionsKeysTest {
    private static final Map<String, String> WANTED = values("credential_process", "/opt/bb/bin/bedrock-broker"
            + " credential-process --profile default", "region", "us-east-1");

    private static Map<String, String> values(String... pairs) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void setKeys_existingProfile_replacesItsKeysInPlaceAndKeepsTheOthers() {
        String original = "[default]\nregion = eu-west-1\n\n[profile bedrock]\n# mine\nregion=eu-central-1\noutput = json\n"
                + "credential_process = /old/bedrock-broker credential-process\n\n; next\n[profile work]\nsso_session = x\n";

        String updated = IniSections.setKeys(original, "profile bedrock", WANTED);

        assertThat(updated).isEqualTo("[default]\nregion = eu-west-1\n\n[profile bedrock]\n# mine\nregion = us-east-1\n"
                + "output = json\ncredential_process = /opt/bb/bin/bedrock-broker credential-process --profile default\n\n"
                + "; next\n[profile work]\nsso_session = x\n");
    }

    @Test
    void setKeys_missingKeys_goAfterTheSectionsLastSetting() {
        String updated = IniSections.setKeys("[profile bedrock]\noutput = json\n\n# work\n[profile work]\n",
                "profile bedrock", WANTED);

        assertThat(updated).isEqualTo("[profile bedrock]\noutput = json\ncredential_process = /opt/bb/bin/bedrock-broker"
                + " credential-process --profile default\nregion = us-east-1\n\n# work\n[profile work]\n");
    }

    @Test
    void setKeys_missingSection_isAppended() {
        assertThat(IniSections.setKeys("[default]\nregion = eu-west-1\n", "profile bedrock", WANTED))
                .isEqualTo("[default]\nregion = eu-west-1\n\n[profile bedrock]\ncredential_process = /opt/bb/bin/"
                        + "bedrock-broker credential-process --profile default\nregion = us-east-1\n");
    }

    @Test
    void setKeys_emptyFile_becomesTheSection() {
        assertThat(IniSections.setKeys("", "profile bedrock", values("region", "us-east-1")))
                .isEqualTo("[profile bedrock]\nregion = us-east-1\n");
    }

    @Test
    void setKeys_windowsLineEndingsAndNoFinalNewline_areKept() {
        assertThat(IniSections.setKeys("[profile bedrock]\r\noutput = json", "profile bedrock", values("region", "r")))
                .isEqualTo("[profile bedrock]\r\noutput = json\r\nregion = r");
    }

    @Test
    void setKeys_sameValues_giveTheSameText() {
        String once = IniSections.setKeys("# top\n[profile bedrock]\noutput = json\n", "profile bedrock", WANTED);

        assertThat(IniSections.setKeys(once, "profile bedrock", WANTED)).isEqualTo(once);
    }

    @Test
    void read_returnsTheFirstSectionsSettings() {
        assertThat(IniSections.read("[default]\nregion = eu-west-1\naws_access_key_id=AKIA\n[x]\n", "default"))
                .containsExactly(Map.entry("region", "eu-west-1"), Map.entry("aws_access_key_id", "AKIA"));
        assertThat(IniSections.read("[x]\n", "default")).isNull();
    }

    @Test
    void remove_dropsTheSectionAndKeepsTheNextOnesComment() {
        assertThat(IniSections.remove("[a]\nx = 1\n\n[bb]\nk = v\n\n# about c\n[c]\ny = 2\n", "bb"))
                .isEqualTo("[a]\nx = 1\n\n\n# about c\n[c]\ny = 2\n");
    }

    @Property(tries = 300)
    void setKeys_neverChangesTheOtherSections(@ForAll("files") String others, @ForAll("values") String value) {
        String original = others + "\n[profile bedrock]\nregion = x\n";

        String updated = IniSections.setKeys(original, "profile bedrock", values("region", value, "credential_process", "c"));

        assertThat(updated).startsWith(others + "\n[profile bedrock]\n");
        assertThat(IniSections.read(updated, "profile bedrock"))
                .containsExactly(Map.entry("region", value.strip()), Map.entry("credential_process", "c"));
    }

    @Provide
    Arbitrary<String> files() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6).map(s -> "[" + s + "]"),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6).map(s -> s + " = v"),
                Arbitraries.strings().ascii().ofMaxLength(10).filter(s -> !s.contains("\n") && !s.contains("\r"))
                        .map(s -> "# " + s),
                Arbitraries.just(""));
        return line.list().ofMaxSize(8).map(lines -> String.join("\n", lines));
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(20)
                .filter(s -> !s.contains("\n") && !s.contains("\r") && !s.isBlank());
    }
}
