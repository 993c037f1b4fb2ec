package broker.client.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typed reads of members of a parsed JSON object, failing with the member's name (never its value). */
public final class JsonFields {
    private final Map<String, Object> object;

    private JsonFields(Map<String, Object> object) {
        this.object = object;
    }

    public static JsonFields of(Map<String, Object> object) {
        return new JsonFields(object);
    }

    public static JsonFields parse(String text) {
        return new JsonFields(Json.parseObject(text));
    }

    public Map<String, Object> object() {
        return object;
    }

    public boolean has(String name) {
        return object.get(name) != null;
    }

    /** A non-empty string member. */
    public String string(String name) {
        String value = optionalString(name);
        if (value == null || value.isEmpty()) {
            throw new JsonException("missing or empty \"" + name + "\"");
        }
        return value;
    }

    /** A string member, or null when absent or JSON null. */
    public String optionalString(String name) {
        Object value = object.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        throw new JsonException("\"" + name + "\" is not a string");
    }

    public long longValue(String name) {
        Object value = object.get(name);
        if (value instanceof Long n) {
            return n;
        }
        throw new JsonException("missing or non-integer \"" + name + "\"");
    }

    /** A whole-number member, or {@code fallback} when absent. */
    public long longValue(String name, long fallback) {
        return object.get(name) == null ? fallback : longValue(name);
    }

    public List<String> strings(String name) {
        List<?> array = array(name);
        var out = new ArrayList<String>(array.size());
        for (Object item : array) {
            if (!(item instanceof String s)) {
                throw new JsonException("\"" + name + "\" holds a non-string");
            }
            out.add(s);
        }
        return out;
    }

    public List<Integer> ints(String name) {
        List<?> array = array(name);
        var out = new ArrayList<Integer>(array.size());
        for (Object item : array) {
            if (!(item instanceof Long n) || n < 0 || n > 65535) {
                throw new JsonException("\"" + name + "\" holds a non-port");
            }
            out.add(n.intValue());
        }
        return out;
    }

    /** An array member, empty when absent. (Plain code, no lambdas: the cache-hit path reads the settings.) */
    private List<?> array(String name) {
        Object value = object.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new JsonException("\"" + name + "\" is not an array");
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    public JsonFields objectOrEmpty(String name) {
        Object value = object.get(name);
        if (value == null) {
            return new JsonFields(Map.of());
        }
        if (value instanceof Map<?, ?> map) {
            return new JsonFields((Map<String, Object>) map);
        }
        throw new JsonException("\"" + name + "\" is not an object");
    }
}
