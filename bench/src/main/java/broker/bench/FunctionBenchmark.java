package broker.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every in-process benchmark of the functions shares (JMH reads a superclass's settings, and runs its trial
 * setup before the subclass's): sampled latencies in microseconds, forks that run as the deployed functions'
 * {@code JAVA_TOOL_OPTIONS} do, with {@code -XX:TieredStopAtLevel=1}, and a dropped stdout.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:TieredStopAtLevel=1", "-Xmx512m"})
@State(Scope.Benchmark)
public abstract class FunctionBenchmark {
    private PrintStream realOut;

    /** Audit lines and EMF metrics go to stdout in Lambda: the functions still format them, then they are dropped. */
    @Setup(Level.Trial)
    public void dropStdout() {
        realOut = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), false));
    }

    @TearDown(Level.Trial)
    public void restoreStdout() {
        System.setOut(realOut);
    }
}
