package broker.client.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Changes single members of a JSON document in its text, keeping every other byte: other members, their order,
 * spacing, number spellings, escapes, line endings and a byte-order mark. For files people edit by hand, such as
 * Claude Code's {@code settings.json}, where re-serialising the whole document would reformat it.
 *
 * <p>A member is addressed by a path of names from the top-level object ({@code ["env", "AWS_REGION"]}). Setting a
 * member that exists replaces its value in place; a new member goes after the object's last member, indented like
 * its siblings; objects on the path are created when missing. With duplicate names the last one counts, as in
 * JavaScript's {@code JSON.parse}. A change that would leave the value as it is returns the text unchanged.
 */
public final class JsonEdit {
    private static final char BOM = '\uFEFF';

    private final String text;
    private final String eol;

    private JsonEdit(String text) {
        this.text = text;
        this.eol = text.contains("\r\n") ? "\r\n" : "\n";
    }

    /**
     * The document with the member at {@code path} set to {@code value} (a string, number, boolean, null, list or
     * map, as {@link Json#write} takes).
     *
     * @throws JsonException when the text is not JSON, is not an object, or an object on the path is another type
     */
    public static String set(String text, List<String> path, Object value) {
        requirePath(path);
        String body = withoutBom(text);
        validate(body);
        String edited = new JsonEdit(body).setIn(skipWhitespace(body, 0), path, 0, value);
        return edited == null ? text : bom(text) + edited;
    }

    /** The document without the member at {@code path}; unchanged when there is none. */
    public static String remove(String text, List<String> path) {
        requirePath(path);
        String body = withoutBom(text);
        validate(body);
        String edited = new JsonEdit(body).removeIn(skipWhitespace(body, 0), path, 0);
        return edited == null ? text : bom(text) + edited;
    }

    /** The value at {@code path}, or null when absent (or JSON null). */
    public static Object get(String text, List<String> path) {
        Object current = Json.parse(withoutBom(text));
        for (String name : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(name);
        }
        return current;
    }

    private static void requirePath(List<String> path) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("empty path");
        }
    }

    private static void validate(String body) {
        if (!(Json.parse(body) instanceof Map<?, ?>)) {
            throw new JsonException("the document is not a JSON object", skipWhitespace(body, 0));
        }
    }

    private static String withoutBom(String text) {
        return !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
    }

    private static String bom(String text) {
        return !text.isEmpty() && text.charAt(0) == BOM ? String.valueOf(BOM) : "";
    }

    /** One member of an object: where its name starts, its value's span. */
    private record Member(String name, int nameStart, int valueStart, int valueEnd) {}

    /** An object's members and the position of its closing brace. */
    private record ObjectSpan(int open, List<Member> members, int close) {}

    /** Returns the edited document, or null when nothing changes. */
    private String setIn(int objectStart, List<String> path, int depth, Object value) {
        ObjectSpan object = object(objectStart);
        Member member = last(object, path.get(depth));
        boolean leaf = depth == path.size() - 1;
        if (member == null) {
            Object inserted = leaf ? value : nest(path.subList(depth + 1, path.size()), value);
            return insert(object, path.get(depth), inserted);
        }
        if (leaf) {
            Object current = Json.parse(text.substring(member.valueStart(), member.valueEnd()));
            if (Objects.equals(current, normalise(value))) {
                return null;
            }
            String indent = lineIndent(member.nameStart());
            return text.substring(0, member.valueStart()) + render(value, indent, indentUnit())
                    + text.substring(member.valueEnd());
        }
        if (text.startsWith("null", member.valueStart())) {
            // An object that is explicitly absent: it becomes one holding the new member.
            return text.substring(0, member.valueStart())
                    + render(nest(path.subList(depth + 1, path.size()), value), lineIndent(member.nameStart()), indentUnit())
                    + text.substring(member.valueEnd());
        }
        if (text.charAt(member.valueStart()) != '{') {
            throw new JsonException("\"" + String.join(".", path.subList(0, depth + 1)) + "\" is not a JSON object",
                    member.valueStart());
        }
        return setIn(member.valueStart(), path, depth + 1, value);
    }

    private String removeIn(int objectStart, List<String> path, int depth) {
        ObjectSpan object = object(objectStart);
        Member member = last(object, path.get(depth));
        if (member == null) {
            return null;
        }
        if (depth < path.size() - 1) {
            return text.charAt(member.valueStart()) == '{' ? removeIn(member.valueStart(), path, depth + 1) : null;
        }
        List<Member> members = object.members();
        int index = members.indexOf(member);
        if (members.size() == 1) {
            return text.substring(0, object.open() + 1) + text.substring(object.close());
        }
        if (index > 0) {
            // From the end of the previous value: the separating comma and this member go.
            return text.substring(0, members.get(index - 1).valueEnd()) + text.substring(member.valueEnd());
        }
        return text.substring(0, member.nameStart()) + text.substring(members.get(1).nameStart());
    }

    private String insert(ObjectSpan object, String name, Object value) {
        List<Member> members = object.members();
        String unit = indentUnit();
        if (members.isEmpty()) {
            if (object.open() != skipWhitespace(text, 0) && !multiLineDocument()) {
                return text.substring(0, object.open() + 1) + quoted(name) + ':' + Json.write(value)
                        + text.substring(object.close());
            }
            String outer = lineIndent(object.open());
            return text.substring(0, object.open() + 1) + eol + outer + unit + quoted(name) + ": "
                    + render(value, outer + unit, unit) + eol + outer + text.substring(object.close());
        }
        Member first = members.get(0);
        Member last = members.get(members.size() - 1);
        // Copy the document's own style: the separator before the last member, the colon of the first.
        String separator = members.size() > 1
                ? text.substring(members.get(members.size() - 2).valueEnd(), last.nameStart())
                : "," + text.substring(object.open() + 1, first.nameStart());
        String colon = text.substring(skipString(first.nameStart()), first.valueStart());
        String rendered = separator.contains("\n") ? render(value, lineIndent(last.nameStart()), unit) : Json.write(value);
        return text.substring(0, last.valueEnd()) + separator + quoted(name) + colon + rendered
                + text.substring(last.valueEnd());
    }

    private boolean multiLineDocument() {
        return text.strip().contains("\n");
    }

    /** The whitespace that starts the line holding {@code pos}. */
    private String lineIndent(int pos) {
        int lineStart = text.lastIndexOf('\n', pos - 1) + 1;
        int end = lineStart;
        while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
            end++;
        }
        return text.substring(lineStart, end);
    }

    /** The indentation step the document uses (that of the top-level members), two spaces when it has none. */
    private String indentUnit() {
        int open = skipWhitespace(text, 0);
        ObjectSpan top = object(open);
        if (!top.members().isEmpty() && text.substring(open, top.members().get(0).nameStart()).contains("\n")) {
            String indent = lineIndent(top.members().get(0).nameStart()).substring(lineIndent(open).length());
            if (!indent.isEmpty()) {
                return indent;
            }
        }
        return "  ";
    }

    private String render(Object value, String indent, String unit) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            var out = new StringBuilder("{");
            boolean first = true;
            for (var entry : map.entrySet()) {
                out.append(first ? "" : ",").append(eol).append(indent).append(unit)
                        .append(quoted(String.valueOf(entry.getKey()))).append(": ")
                        .append(render(entry.getValue(), indent + unit, unit));
                first = false;
            }
            return out.append(eol).append(indent).append('}').toString();
        }
        return Json.write(value);
    }

    private static Object nest(List<String> path, Object value) {
        Object nested = value;
        for (int i = path.size() - 1; i >= 0; i--) {
            nested = Map.of(path.get(i), nested);
        }
        return nested;
    }

    /** The value as {@link Json#parse} would return it, to compare with what the document holds. */
    private static Object normalise(Object value) {
        return Json.parse(Json.write(value));
    }

    private static String quoted(String name) {
        var out = new StringBuilder();
        Json.quote(out, name);
        return out.toString();
    }

    private static Member last(ObjectSpan object, String name) {
        Member found = null;
        for (Member m : object.members()) {
            if (m.name().equals(name)) {
                found = m;
            }
        }
        return found;
    }

    // A scanner over text already validated by Json.parse: it only needs to find spans.

    private ObjectSpan object(int open) {
        var members = new ArrayList<Member>();
        int pos = skipWhitespace(text, open + 1);
        if (text.charAt(pos) == '}') {
            return new ObjectSpan(open, members, pos);
        }
        while (true) {
            int nameStart = pos;
            int nameEnd = skipString(pos);
            String name = (String) Json.parse(text.substring(nameStart, nameEnd));
            pos = skipWhitespace(text, nameEnd) + 1;
            int valueStart = skipWhitespace(text, pos);
            int valueEnd = skipValue(valueStart);
            members.add(new Member(name, nameStart, valueStart, valueEnd));
            pos = skipWhitespace(text, valueEnd);
            if (text.charAt(pos) == '}') {
                return new ObjectSpan(open, members, pos);
            }
            pos = skipWhitespace(text, pos + 1);
        }
    }

    private int skipValue(int pos) {
        char c = text.charAt(pos);
        if (c == '"') {
            return skipString(pos);
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            int i = pos;
            while (true) {
                char d = text.charAt(i);
                if (d == '"') {
                    i = skipString(i);
                    continue;
                }
                if (d == '{' || d == '[') {
                    depth++;
                } else if (d == '}' || d == ']') {
                    depth--;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
                i++;
            }
        }
        int i = pos;
        while (i < text.length() && ",}] \t\r\n".indexOf(text.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    private int skipString(int pos) {
        int i = pos + 1;
        while (text.charAt(i) != '"') {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static int skipWhitespace(String text, int pos) {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        return pos;
    }
}
