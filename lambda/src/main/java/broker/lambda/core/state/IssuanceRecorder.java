package broker.lambda.core.state;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Writes each issuance to the {@link PersonDirectory} without making the caller wait for it: the write starts before
 * the broker's own upstream call (STS) and runs beside it, and the caller {@linkplain Pending#await joins} it after,
 * so an issuance pays only what the write takes beyond STS's answer (measured: docs/state.md). A failed write never
 * fails the issuance (the person got their credentials; their usage is then reported as unattributed, never dropped):
 * it is handed to {@code onFailure} for the log and metrics.
 */
public final class IssuanceRecorder {
    /** Records nothing (no state store configured, e.g. tests that are about something else). */
    public static final IssuanceRecorder NONE = new IssuanceRecorder(null, Runnable::run, e -> { }, Duration.ZERO);

    /** A started write; {@link #await} returns once it is done or the wait is over. */
    @FunctionalInterface
    public interface Pending {
        Pending DONE = () -> { };

        void await();
    }

    private final PersonDirectory directory;
    private final Executor executor;
    private final Consumer<RuntimeException> onFailure;
    private final Duration maxWait;

    /**
     * @param directory where to write
     * @param executor  runs the write beside the caller's upstream call (in Lambda, a thread the function keeps: the
     *                  write must finish before the handler returns, or the frozen environment would hold it)
     * @param onFailure told of a write that failed or did not finish within {@code maxWait}
     * @param maxWait   how long {@link Pending#await} waits for the write after the upstream call answered
     */
    public IssuanceRecorder(PersonDirectory directory, Executor executor, Consumer<RuntimeException> onFailure,
                            Duration maxWait) {
        this.directory = directory;
        this.executor = Objects.requireNonNull(executor, "executor");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
    }

    /** Starts writing the person's issuance and whose session this is. */
    public Pending start(PersonRecord person, SessionRecord session) {
        if (directory == null) return Pending.DONE;
        return started(() -> directory.recordIssuance(person, session));
    }

    /** Starts writing the person's issuance (long-term keys: no STS session). */
    public Pending start(PersonRecord person) {
        if (directory == null) return Pending.DONE;
        return started(() -> directory.recordIssuance(person));
    }

    private Pending started(Runnable write) {
        CompletableFuture<Void> future;
        try {
            future = CompletableFuture.runAsync(write, executor);
        } catch (RuntimeException rejected) {
            onFailure.accept(rejected);
            return Pending.DONE;
        }
        return () -> {
            try {
                future.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                onFailure.accept(e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause()));
            } catch (TimeoutException e) {
                onFailure.accept(new StateUnavailableException("issuance record not written within " + maxWait, null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
