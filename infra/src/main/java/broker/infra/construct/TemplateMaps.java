package broker.infra.construct;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Maps that reach the template with more than one key. CDK writes a map's entries (IAM condition operators, metric
 * dimensions, a math expression's metrics, custom resource properties) in its iteration order, and {@code Map.of}'s
 * order changes from one JVM run to the next: sorted, `cdk synth` writes the same template every time and `cdk diff`
 * shows no change that is not one.
 */
final class TemplateMaps {
    private TemplateMaps() {}

    static <V> SortedMap<String, V> sorted(Map<String, V> entries) {
        return new TreeMap<>(entries);
    }
}
