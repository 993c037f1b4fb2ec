package broker.client.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class JsonEditTest {
    /** Hand-written: tabs, odd spacing, number spellings, escapes, non-ASCII, nesting. */
    private static final String HAND_WRITTEN = """
            {
            \t"model" :  "opus",
            \t"cleanupPeriodDays": 1.50e1,
            \t"permissions": {"allow": ["Bash(git diff:*)", "Read(~/.zshrc)"], "deny": [ ]},
            \t"greeting": "gr\\u00fc\\u00DF dich \u2603",
            \t"env": {
            \t\t"EDITOR": "vim"
            \t}
            }
            """;

    @Test
    void set_newTopLevelMember_goesAfterTheLastOneIndentedLikeItsSiblings() {
        String edited = JsonEdit.set(HAND_WRITTEN, List.of("awsCredentialExport"), "/opt/bb export");

        assertThat(edited).isEqualTo(HAND_WRITTEN.replace("\t}\n}\n",
                "\t},\n\t\"awsCredentialExport\" :  \"/opt/bb export\"\n}\n"));
    }

    @Test
    void set_newNestedMember_keepsEveryOtherByte() {
        String edited = JsonEdit.set(HAND_WRITTEN, List.of("env", "AWS_REGION"), "eu-west-1");

        assertThat(edited).isEqualTo(HAND_WRITTEN.replace("\t\t\"EDITOR\": \"vim\"\n",
                "\t\t\"EDITOR\": \"vim\",\n\t\t\"AWS_REGION\": \"eu-west-1\"\n"));
    }

    @Test
    void set_existingMember_replacesOnlyItsValue() {
        String edited = JsonEdit.set(HAND_WRITTEN, List.of("model"), "sonnet");

        assertThat(edited).isEqualTo(HAND_WRITTEN.replace("\"opus\"", "\"sonnet\""));
    }

    @Test
    void set_sameValueAsBefore_returnsTheTextUnchanged() {
        String text = "{\"env\":{\"A\":\"1\"}, \"n\": 1.0}";

        assertThat(JsonEdit.set(text, List.of("env", "A"), "1")).isSameAs(text);
        assertThat(JsonEdit.set(text, List.of("n"), new java.math.BigDecimal("1.0"))).isSameAs(text);
    }

    @Test
    void set_missingObjectOnThePath_createsItPrettyPrinted() {
        String edited = JsonEdit.set("{\n  \"a\": 1\n}\n", List.of("env", "X"), "y");

        assertThat(edited).isEqualTo("{\n  \"a\": 1,\n  \"env\": {\n    \"X\": \"y\"\n  }\n}\n");
    }

    @Test
    void set_emptyTopLevelObject_writesAPrettyDocument() {
        assertThat(JsonEdit.set("{}\n", List.of("a"), "b")).isEqualTo("{\n  \"a\": \"b\"\n}\n");
    }

    @Test
    void set_singleLineDocument_staysOnOneLine() {
        assertThat(JsonEdit.set("{\"a\": 1, \"b\": {}}", List.of("b", "c"), "d"))
                .isEqualTo("{\"a\": 1, \"b\": {\"c\":\"d\"}}");
        assertThat(JsonEdit.set("{\"a\": 1, \"b\": 2}", List.of("c"), "d"))
                .isEqualTo("{\"a\": 1, \"b\": 2, \"c\": \"d\"}");
    }

    @Test
    void set_windowsLineEndings_areKept() {
        String edited = JsonEdit.set("{\r\n  \"a\": 1\r\n}\r\n", List.of("env", "X"), "y");

        assertThat(edited).isEqualTo("{\r\n  \"a\": 1,\r\n  \"env\": {\r\n    \"X\": \"y\"\r\n  }\r\n}\r\n");
    }

    @Test
    void set_byteOrderMark_isKept() {
        assertThat(JsonEdit.set("\uFEFF{\"a\":1}", List.of("a"), 2L)).isEqualTo("\uFEFF{\"a\":2}");
    }

    @Test
    void set_duplicateNames_changesTheLastOneAsJavaScriptReadsIt() {
        assertThat(JsonEdit.set("{\"a\":1,\"a\":2}", List.of("a"), 3L)).isEqualTo("{\"a\":1,\"a\":3}");
    }

    @Test
    void set_pathThroughANonObject_fails() {
        assertThatThrownBy(() -> JsonEdit.set("{\"env\": [1]}", List.of("env", "X"), "y"))
                .isInstanceOf(JsonException.class).hasMessageContaining("\"env\" is not a JSON object");
    }

    @Test
    void set_nullOnThePath_becomesAnObject() {
        assertThat(JsonEdit.set("{\"env\": null}", List.of("env", "X"), "y")).isEqualTo("{\"env\": {\n  \"X\": \"y\"\n}}");
    }

    @Test
    void set_invalidJson_failsWithThePosition() {
        String broken = "{\n  \"a\": 1,\n  \"b\" 2\n}";

        assertThatThrownBy(() -> JsonEdit.set(broken, List.of("c"), "d"))
                .isInstanceOfSatisfying(JsonException.class,
                        e -> assertThat(e.position(broken)).isEqualTo("line 3, column 7"));
    }

    @Test
    void set_documentNotAnObject_fails() {
        assertThatThrownBy(() -> JsonEdit.set("[1]", List.of("a"), "b")).isInstanceOf(JsonException.class);
    }

    @Test
    void remove_middleFirstAndOnlyMembers() {
        assertThat(JsonEdit.remove("{\"a\": 1, \"b\": 2, \"c\": 3}", List.of("b"))).isEqualTo("{\"a\": 1, \"c\": 3}");
        assertThat(JsonEdit.remove("{\n  \"a\": 1,\n  \"b\": 2\n}", List.of("a"))).isEqualTo("{\n  \"b\": 2\n}");
        assertThat(JsonEdit.remove("{\"env\": {\"X\": \"y\"}}", List.of("env", "X"))).isEqualTo("{\"env\": {}}");
    }

    @Test
    void remove_absentMember_returnsTheTextUnchanged() {
        String text = "{\"a\": 1}";
        assertThat(JsonEdit.remove(text, List.of("b"))).isSameAs(text);
        assertThat(JsonEdit.remove(text, List.of("b", "c"))).isSameAs(text);
    }

    @Test
    void get_readsNestedMembers() {
        assertThat(JsonEdit.get(HAND_WRITTEN, List.of("env", "EDITOR"))).isEqualTo("vim");
        assertThat(JsonEdit.get(HAND_WRITTEN, List.of("env", "NONE"))).isNull();
    }

    @Property(tries = 300)
    void set_resultReadsAsTheOriginalWithTheMemberSet(@ForAll("objects") Map<String, Object> object,
                                                     @ForAll boolean pretty, @ForAll("names") String name,
                                                     @ForAll("strings") String value) {
        String text = pretty ? Json.writePretty(object) : Json.write(object);

        var expected = new LinkedHashMap<>(object);
        expected.put(name, value);
        assertThat(Json.parse(JsonEdit.set(text, List.of(name), value))).isEqualTo(expected);
    }

    @Property(tries = 300)
    void set_nested_resultReadsAsTheOriginalWithTheMemberSet(@ForAll("objects") Map<String, Object> object,
                                                            @ForAll boolean pretty, @ForAll("strings") String value) {
        Assume.that(!object.containsKey("env") || object.get("env") instanceof Map);
        String text = pretty ? Json.writePretty(object) : Json.write(object);

        @SuppressWarnings("unchecked")
        var env = new LinkedHashMap<>(object.get("env") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
        env.put("AWS_REGION", value);
        var expected = new LinkedHashMap<>(object);
        expected.put("env", env);
        assertThat(Json.parse(JsonEdit.set(text, List.of("env", "AWS_REGION"), value))).isEqualTo(expected);
    }

    @Property(tries = 300)
    void removeAfterSet_ofANewMember_restoresEveryByte(@ForAll("objects") Map<String, Object> object,
                                                     @ForAll boolean pretty, @ForAll("strings") String value) {
        Assume.that(!object.isEmpty() && !object.containsKey("new"));
        String text = pretty ? Json.writePretty(object) : Json.write(object);

        String added = JsonEdit.set(text, List.of("new"), value);

        assertThat(JsonEdit.remove(added, List.of("new"))).isEqualTo(text);
    }

    @Property(tries = 200)
    void set_twice_changesNothingTheSecondTime(@ForAll("objects") Map<String, Object> object,
                                               @ForAll("names") String name, @ForAll("strings") String value) {
        String once = JsonEdit.set(Json.writePretty(object), List.of(name), value);

        assertThat(JsonEdit.set(once, List.of(name), value)).isSameAs(once);
    }

    @Provide
    Arbitrary<Map<String, Object>> objects() {
        Arbitrary<Object> leaf = Arbitraries.oneOf(strings().map(s -> (Object) s), Arbitraries.longs().map(n -> (Object) n),
                Arbitraries.just(null), Arbitraries.of(true, false).map(b -> (Object) b));
        Arbitrary<Object> nested = Arbitraries.maps(names(), leaf).ofMaxSize(3).map(m -> (Object) new LinkedHashMap<>(m));
        return Arbitraries.maps(names(), Arbitraries.oneOf(leaf, nested, leaf.list().ofMaxSize(3).map(l -> (Object) l)))
                .ofMaxSize(6).map(LinkedHashMap::new);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(Arbitraries.of("env", "model", "a", "awsAuthRefresh"),
                Arbitraries.strings().all().ofMaxLength(8));
    }

    @Provide
    Arbitrary<String> strings() {
        return Arbitraries.strings().all().ofMaxLength(12);
    }
}
