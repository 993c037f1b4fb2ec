package broker.lambda.core;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequireTest {
    @Test
    void passesWhenEveryValueIsPresent() {
        assertThatCode(() -> Require.nonNull("a b c", "x", 1, new Object())).doesNotThrowAnyException();
    }

    @Test
    void namesTheFirstNullValue() {
        assertThatThrownBy(() -> Require.nonNull("a b c", "x", null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("b");
        assertThatThrownBy(() -> Require.nonNull("only", (Object) null))
                .isInstanceOf(NullPointerException.class).hasMessage("only");
    }

    @Test
    void refusesNamesThatDoNotMatchTheValuesWhenOneIsMissing() {
        assertThatThrownBy(() -> Require.nonNull("a b", (Object) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("2 names for 1 values: a b");
        assertThatThrownBy(() -> Require.nonNull("a", "x", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
