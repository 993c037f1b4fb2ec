package broker.lambda.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class KebabNamesTest {
    enum Sample { ONE, TWO_WORDS }

    @Test
    void namesAConstantInLowerCaseWithDashes() {
        assertThat(KebabNames.of(Sample.ONE)).isEqualTo("one");
        assertThat(KebabNames.of(Sample.TWO_WORDS)).isEqualTo("two-words");
    }

    @Test
    void parsesExactNamesOnly() {
        assertThat(KebabNames.parse(Sample.class, "two-words")).contains(Sample.TWO_WORDS);
        assertThat(KebabNames.parse(Sample.class, "TWO_WORDS")).isEmpty();
        assertThat(KebabNames.parse(Sample.class, "Two-words")).isEmpty();
        assertThat(KebabNames.parse(Sample.class, "")).isEqualTo(Optional.empty());
        assertThat(KebabNames.parse(Sample.class, null)).isEmpty();
    }
}
