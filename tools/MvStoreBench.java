import org.h2.mvstore.*;
import java.nio.file.*;
/** Throughput of the embedded store for usage-style writes: java -cp h2-2.5.252.jar tools/MvStoreBench.java 100000 500 */
public class MvStoreBench {
    public static void main(String[] a) throws Exception {
        Path dir = Files.createTempDirectory("mv");
        MVStore store = new MVStore.Builder().fileName(dir.resolve("s.mv.db").toString()).open();
        MVMap<String,String> ledger = store.openMap("ledger");
        MVMap<String,String> seen = store.openMap("seen");
        int n = Integer.parseInt(a[0]), batch = Integer.parseInt(a[1]);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String req = "req-" + i;
            if (seen.putIfAbsent(req, "1") != null) continue;  // exactly-once per requestId
            String key = "person" + (i % 200) + "#2026-12#model" + (i % 4);
            String old = ledger.get(key);
            long v = old == null ? 0 : Long.parseLong(old);
            ledger.put(key, Long.toString(v + 1234));
            if ((i + 1) % batch == 0) store.commit();
        }
        store.commit();
        long ns = System.nanoTime() - t0;
        System.out.printf("%d records, commit every %d: %.0f records/s%n", n, batch, n / (ns / 1e9));
        store.close();
    }
}
