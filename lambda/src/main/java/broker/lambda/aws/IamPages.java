package broker.lambda.aws;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/** IAM's marker pagination, written once: every page of one list call, in order, until IAM says it is not truncated. */
final class IamPages {
    private IamPages() {}

    /**
     * The items of every page: {@code call} is sent with no marker first, then with each page's marker while the page
     * is truncated.
     */
    static <R, T> List<T> all(Function<String, R> call, Function<R, ? extends Collection<? extends T>> items,
                              Function<R, Boolean> truncated, Function<R, String> marker) {
        List<T> all = new ArrayList<>();
        String next = null;
        do {
            R response = call.apply(next);
            all.addAll(items.apply(response));
            next = Boolean.TRUE.equals(truncated.apply(response)) ? marker.apply(response) : null;
        } while (next != null);
        return all;
    }
}
