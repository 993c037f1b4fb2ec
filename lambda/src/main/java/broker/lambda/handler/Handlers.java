package broker.lambda.handler;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/** What every handler does around its routes. */
final class Handlers {
    private Handlers() {}

    /** Powertools' Lambda context keys on every log line (request id, cold start); event logging stays off. */
    static <T> T withLogging(Context context, Supplier<T> body) {
        return context == null ? body.get() : PowertoolsLogging.withLogging(context, body);
    }
}
