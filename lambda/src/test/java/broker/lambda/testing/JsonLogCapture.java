package broker.lambda.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every log line written during a test, formatted by the functions' own JSON layout (log4j2.xml's
 * {@code JsonAppender}): what operators would read in CloudWatch. Register per test:
 * {@code @RegisterExtension final JsonLogCapture logs = new JsonLogCapture("broker");}.
 */
public final class JsonLogCapture implements BeforeEachCallback, AfterEachCallback {
    private final List<String> loggers;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private LogCapture capture;

    /** @param loggers the loggers to listen on besides the root logger (those with their own configuration) */
    public JsonLogCapture(String... loggers) {
        this.loggers = List.of(loggers);
    }

    /** The lines so far, in order. */
    public List<String> lines() {
        return lines;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        capture = new LogCapture(lines::add, false, loggers);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        capture.close();
    }
}
