package broker.lambda.testing;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.Require;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The checks every module with records that call {@link Require#nonNull} runs on them (the lambda module's and infra's
 * {@code RequireRecordsTest}): the names string of each call stays in step with the record's components, and every
 * caller is sampled.
 */
public final class RequireChecks {
    private RequireChecks() {
    }

    /**
     * Builds {@code sample}'s record again with each reference component null in turn: a {@link NullPointerException}
     * thrown by {@code Require} must name that component, any other refusal must be a {@code NullPointerException} too
     * (a copy such as {@code List.copyOf}), and at least one component must be named.
     */
    public static void assertMissingComponentsAreNamed(Record sample) throws Exception {
        RecordComponent[] components = sample.getClass().getRecordComponents();
        Constructor<?> canonical = sample.getClass().getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        canonical.setAccessible(true);
        List<String> named = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            if (components[i].getType().isPrimitive()) continue;
            Object[] arguments = new Object[components.length];
            for (int j = 0; j < components.length; j++) {
                components[j].getAccessor().setAccessible(true);
                arguments[j] = i == j ? null : components[j].getAccessor().invoke(sample);
            }
            Throwable thrown = null;
            try {
                canonical.newInstance(arguments);
            } catch (InvocationTargetException e) {
                thrown = e.getCause();
            }
            // Null allowed, or refused by a copy (List.copyOf), or refused by Require with the component's name.
            if (thrown instanceof NullPointerException npe && fromRequire(npe)) {
                assertThat(npe.getMessage()).as(components[i].getName()).isEqualTo(components[i].getName());
                named.add(npe.getMessage());
            } else if (thrown != null) {
                assertThat(thrown).as(components[i].getName()).isInstanceOf(NullPointerException.class);
            }
        }
        assertThat(named).isNotEmpty();
    }

    /** The source files (below a source root, {@code /}-separated) of the samples' top-level classes. */
    public static Set<String> sourceFilesOf(List<Record> samples) {
        Set<String> sampled = new TreeSet<>();
        for (Record sample : samples) {
            Class<?> type = sample.getClass();
            while (type.getEnclosingClass() != null) type = type.getEnclosingClass();
            sampled.add(type.getName().replace('.', '/') + ".java");
        }
        return sampled;
    }

    /** The source files below {@code root} that call {@link Require#nonNull}, {@code Require} itself left out. */
    public static Set<String> callers(Path root) throws IOException {
        Set<String> callers = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (file.endsWith("Require.java")) continue;
                if (Files.readString(file).contains("Require.nonNull(")) {
                    callers.add(root.relativize(file).toString().replace('\\', '/'));
                }
            }
        }
        return callers;
    }

    private static boolean fromRequire(Throwable e) {
        return e.getStackTrace().length > 0 && e.getStackTrace()[0].getClassName().equals(Require.class.getName());
    }
}
