package broker.client.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The codec reads back exactly what it wrote, for any value: numbers keep their type and spelling (1.50 stays 1.50),
 * strings every character (lone surrogates too), objects their key order. {@code setup claude} relies on it to
 * compare and render the members it owns in a user's settings.json.
 */
class JsonRoundTripTest {
    @Property(tries = 500)
    void parse_ofWrite_isTheSameValue(@ForAll("values") Object value) {
        assertThat(Json.parse(Json.write(value))).isEqualTo(value);
    }

    @Property(tries = 500)
    void parse_ofWritePretty_isTheSameValue(@ForAll("values") Object value) {
        assertThat(Json.parse(Json.writePretty(value))).isEqualTo(value);
    }

    @Property(tries = 300)
    void write_keepsKeyOrder(@ForAll("objects") Map<String, Object> object) {
        @SuppressWarnings("unchecked")
        var read = (Map<String, Object>) Json.parse(Json.write(object));
        assertThat(new ArrayList<>(read.keySet())).containsExactlyElementsOf(object.keySet());
    }

    @Test
    void parse_longsAtTheirLimits_stayLongs() {
        assertThat(Json.parse("[-9223372036854775808,9223372036854775807,1000000000000000000]"))
                .isEqualTo(List.of(Long.MIN_VALUE, Long.MAX_VALUE, 1_000_000_000_000_000_000L));
    }

    @Test
    void parse_integersBeyondLong_becomeBigDecimals() {
        assertThat(Json.parse("92233720368547758070")).isEqualTo(new BigDecimal("92233720368547758070"));
    }

    @Test
    void write_loneSurrogate_isEscapedAndReadBack() {
        String text = Json.write("a\uD800b\uDC00");
        assertThat(text).isEqualTo("\"a\\ud800b\\udc00\"");
        assertThat(Json.parse(text)).isEqualTo("a\uD800b\uDC00");
    }

    @Test
    void write_surrogatePair_staysLiteral() {
        assertThat(Json.write("\uD83D\uDE00")).isEqualTo("\"\uD83D\uDE00\"");
    }

    @Provide
    Arbitrary<Object> values() {
        return value(3);
    }

    @Provide
    Arbitrary<Map<String, Object>> objects() {
        return Arbitraries.maps(Arbitraries.strings().all().ofMaxLength(6), value(1)).ofMinSize(2).ofMaxSize(8)
                .map(LinkedHashMap::new);
    }

    private static Arbitrary<Object> value(int depth) {
        Arbitrary<Object> leaves = Arbitraries.oneOf(
                // all(): any char, including controls, U+2028 and lone surrogates.
                Arbitraries.strings().all().ofMaxLength(16).map(s -> (Object) s),
                Arbitraries.longs().map(n -> (Object) n),
                // Fractions and exponents keep their spelling (scale) through BigDecimal.
                Arbitraries.bigIntegers().between(java.math.BigInteger.valueOf(-1_000_000_000_000L),
                        java.math.BigInteger.valueOf(1_000_000_000_000L)).flatMap(unscaled ->
                        Arbitraries.integers().between(-20, 20).filter(scale -> scale != 0)
                                .map(scale -> (Object) new BigDecimal(unscaled, scale))),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        if (depth == 0) {
            return leaves;
        }
        return Arbitraries.oneOf(leaves,
                value(depth - 1).list().ofMaxSize(4).map(l -> (Object) l),
                Arbitraries.maps(Arbitraries.strings().all().ofMaxLength(8), value(depth - 1)).ofMaxSize(4)
                        .map(m -> (Object) new LinkedHashMap<>(m)));
    }
}
