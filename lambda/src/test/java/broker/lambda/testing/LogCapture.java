package broker.lambda.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Hands every JSON log line the broker writes (through the production layout) to a consumer, optionally instead of
 * the console, until closed.
 */
public final class LogCapture implements AutoCloseable {
    private static final String NAME = "test-capture";
    private static final String CONSOLE = "JsonAppender";

    private final List<String> loggers;
    private final Appender console;
    private final boolean silenced;
    private final Capture capture;

    private static final class Capture extends AbstractAppender {
        private final Consumer<String> sink;

        Capture(Layout<?> layout, Consumer<String> sink) {
            super(NAME, null, layout, true, Property.EMPTY_ARRAY);
            this.sink = sink;
        }

        @Override
        public void append(LogEvent event) {
            sink.accept(new String(getLayout().toByteArray(event), StandardCharsets.UTF_8));
        }
    }

    /**
     * On the {@code broker} logger and the root logger.
     *
     * @param sink           gets each line, from whichever thread logs it
     * @param silenceConsole detach the console appender meanwhile (a load test would flood the test output)
     */
    public LogCapture(Consumer<String> sink, boolean silenceConsole) {
        this(sink, silenceConsole, List.of("broker"));
    }

    /** @param loggers the loggers with their own configuration to listen on, besides the root logger */
    public LogCapture(Consumer<String> sink, boolean silenceConsole, List<String> loggers) {
        this.loggers = Stream.concat(loggers.stream(), Stream.of("")).toList();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        console = config.getAppender(CONSOLE);
        silenced = silenceConsole;
        capture = new Capture(console.getLayout(), sink);
        capture.start();
        for (String name : this.loggers) {
            LoggerConfig logger = config.getLoggerConfig(name);
            logger.addAppender(capture, Level.ALL, null);
            if (silenced) logger.removeAppender(CONSOLE);
        }
        context.updateLoggers();
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        for (String name : loggers) {
            LoggerConfig logger = config.getLoggerConfig(name);
            logger.removeAppender(NAME);
            if (silenced) logger.addAppender(console, null, null);
        }
        context.updateLoggers();
        capture.stop();
    }
}
