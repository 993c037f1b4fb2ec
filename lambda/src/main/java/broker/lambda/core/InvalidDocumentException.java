package broker.lambda.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A document the broker reads (entitlements, pricing) failed validation. Carries every problem found; the message
 * lists them, each as its {@code toString()} ({@code path: message}).
 */
public abstract class InvalidDocumentException extends Exception {
    private final transient List<?> problems;

    /** @param document what the document is, as the message names it: {@code invalid <document> document: ...} */
    protected InvalidDocumentException(String document, List<?> problems) {
        super("invalid " + document + " document: " + problems.stream().map(Object::toString)
                .collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    /** The problems, as the subclass's constructor took them (a Throwable cannot be generic). */
    protected final <P> List<P> problems(Class<P> type) {
        return problems.stream().map(type::cast).toList();
    }
}
