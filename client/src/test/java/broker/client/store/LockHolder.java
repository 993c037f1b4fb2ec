package broker.client.store;

import java.nio.file.Path;
import java.time.Duration;

/** Test helper process: takes the refresh lock, says so, and sleeps until killed. */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        var held = new FileRefreshLock(Path.of(args[0])).acquire(Duration.ofSeconds(10));
        System.out.println(held instanceof broker.client.core.Result.Ok ? "locked" : "busy");
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(5));
    }
}
