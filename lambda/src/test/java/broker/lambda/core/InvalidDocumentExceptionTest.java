package broker.lambda.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidDocumentExceptionTest {
    record Problem(String path, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    static final class InvalidThing extends InvalidDocumentException {
        InvalidThing(List<Problem> problems) {
            super("thing", problems);
        }

        List<Problem> problems() {
            return problems(Problem.class);
        }
    }

    @Test
    void listsEveryProblemInTheMessage() {
        var e = new InvalidThing(List.of(new Problem("$.a", "is missing"), new Problem("$.b", "is negative")));
        assertThat(e).hasMessage("invalid thing document: $.a: is missing; $.b: is negative");
        assertThat(e.problems()).containsExactly(new Problem("$.a", "is missing"), new Problem("$.b", "is negative"));
    }

    @Test
    void keepsACopyOfTheProblems() {
        var problems = new ArrayList<>(List.of(new Problem("$", "empty")));
        var e = new InvalidThing(problems);
        problems.clear();
        assertThat(e.problems()).hasSize(1);
        assertThatThrownBy(() -> e.problems().add(new Problem("$", "x"))).isInstanceOf(UnsupportedOperationException.class);
    }
}
