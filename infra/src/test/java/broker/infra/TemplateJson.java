package broker.infra;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awscdk.assertions.Template;

/** Reads a synthesized template as plain maps, for assertions that Match cannot express (exact sets). */
final class TemplateJson {
    private final Map<String, Object> resources;

    @SuppressWarnings("unchecked")
    TemplateJson(Template template) {
        this.resources = (Map<String, Object>) template.toJSON().get("Resources");
    }

    /** Logical ids of every resource of this type. */
    Set<String> ids(String type) {
        return resources.entrySet().stream()
                .filter(e -> type.equals(map(e.getValue()).get("Type")))
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The one logical id of this type that starts with this prefix. */
    String id(String type, String prefix) {
        List<String> matches = ids(type).stream().filter(id -> id.startsWith(prefix)).toList();
        if (matches.size() != 1) throw new AssertionError("expected one " + type + " " + prefix + "*, got " + matches);
        return matches.getFirst();
    }

    Map<String, Object> properties(String logicalId) {
        return map(map(resources.get(logicalId)).get("Properties"));
    }

    Map<String, Object> resource(String logicalId) {
        return map(resources.get(logicalId));
    }

    /**
     * Every Allow permission of a role, from its inline policies and every AWS::IAM::Policy or ManagedPolicy attached
     * to it, as {@code "action on resource"} plus {@code " if <condition>"} (references rendered {@code Logical.Attr}
     * / {@code <Ref>}).
     */
    Set<String> permissionsOf(String roleId) {
        Set<String> permissions = new TreeSet<>();
        for (Object policy : list(properties(roleId).get("Policies"))) {
            permissions.addAll(permissions(map(map(policy).get("PolicyDocument"))));
        }
        Set<String> policies = new TreeSet<>(ids("AWS::IAM::Policy"));
        policies.addAll(ids("AWS::IAM::ManagedPolicy"));
        for (String policyId : policies) {
            Map<String, Object> props = properties(policyId);
            boolean attached = list(props.get("Roles")).stream().anyMatch(r -> roleId.equals(map(r).get("Ref")));
            if (attached) permissions.addAll(permissions(map(props.get("PolicyDocument"))));
        }
        return permissions;
    }

    private static Set<String> permissions(Map<String, Object> document) {
        Set<String> permissions = new TreeSet<>();
        for (Object s : list(document.get("Statement"))) {
            Map<String, Object> statement = map(s);
            if (!"Allow".equals(statement.get("Effect"))) throw new AssertionError("unexpected " + statement);
            String condition = statement.containsKey("Condition") ? " if " + renderDeep(statement.get("Condition")) : "";
            for (Object action : list(statement.get("Action"))) {
                for (Object resource : list(statement.get("Resource"))) {
                    permissions.add(action + " on " + render(resource) + condition);
                }
            }
        }
        return permissions;
    }

    /** CloudFormation values as short text: GetAtt as {@code Id.Attr}, Ref as {@code <Id>}, Join joined. */
    static String render(Object value) {
        if (value instanceof String s) return s;
        Map<String, Object> fn = map(value);
        if (fn.containsKey("Fn::GetAtt")) return String.join(".", list(fn.get("Fn::GetAtt")).stream().map(String::valueOf).toList());
        if (fn.containsKey("Ref")) return "<" + fn.get("Ref") + ">";
        if (fn.containsKey("Fn::Join")) {
            List<Object> join = list(fn.get("Fn::Join"));
            return list(join.get(1)).stream().map(TemplateJson::render).collect(Collectors.joining((String) join.get(0)));
        }
        return value.toString();
    }

    /** A CloudFormation JSON value with every intrinsic function {@link #render rendered} to text. */
    static Object renderDeep(Object value) {
        if (value instanceof Map<?, ?> m) {
            if (m.size() == 1 && m.keySet().stream().anyMatch(k -> k.equals("Ref") || k.toString().startsWith("Fn::"))) {
                return render(value);
            }
            Map<String, Object> rendered = new java.util.TreeMap<>();
            m.forEach((k, v) -> rendered.put(k.toString(), renderDeep(v)));
            return rendered;
        }
        if (value instanceof List<?> l) return l.stream().map(TemplateJson::renderDeep).toList();
        return value;
    }

    @SuppressWarnings("unchecked")
    /**
     * Every place in the template where CDK wrote one of our maps in its iteration order and the keys are not sorted:
     * IAM condition operators, metric dimensions, a math expression's metrics, custom resource properties. A map built
     * with {@code Map.of} lands in a different order from one JVM run to the next, so `cdk synth` would not be
     * repeatable.
     */
    List<String> unsortedMaps() {
        List<String> unsorted = new java.util.ArrayList<>();
        resources.forEach((id, resource) -> walk(id, resource, unsorted));
        resources.forEach((id, resource) -> {
            if (map(resource).get("Type") instanceof String type && type.startsWith("Custom::")) {
                List<String> keys = map(map(resource).get("Properties")).keySet().stream()
                        .filter(k -> !k.equals("ServiceToken")).toList();
                if (!isSorted(keys)) unsorted.add(id + " Properties " + keys);
            }
        });
        return unsorted;
    }

    private static void walk(String path, Object value, List<String> unsorted) {
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                String where = path + "." + k;
                if (k.equals("Condition") && v instanceof Map<?, ?> condition) {
                    List<String> operators = condition.keySet().stream().map(String::valueOf).toList();
                    if (!isSorted(operators)) unsorted.add(where + " " + operators);
                }
                if (k.equals("Dimensions") || k.equals("Metrics")) {
                    List<String> names = list(v).stream().map(e -> map(e))
                            .filter(e -> !e.containsKey("Expression"))
                            .map(e -> String.valueOf(e.containsKey("Name") ? e.get("Name") : e.get("Id"))).toList();
                    if (!isSorted(names)) unsorted.add(where + " " + names);
                }
                walk(where, v, unsorted);
            });
        } else if (value instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) walk(path + "[" + i + "]", l.get(i), unsorted);
        }
    }

    private static boolean isSorted(List<String> keys) {
        return keys.equals(keys.stream().sorted().toList());
    }

    static Map<String, Object> map(Object value) {
        if (value instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw new AssertionError("not an object: " + value);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        if (value == null) return List.of();
        return value instanceof List<?> l ? (List<Object>) l : List.of(value);
    }
}
