package broker.client.awsfiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces one section of an AWS-style INI file and keeps every other byte: other sections, comments, blank lines,
 * line endings and a missing final newline. The section runs from its header to its last setting: comment and blank
 * lines after that stay, as they usually describe the next section. Later duplicates of
 * the section are removed (the AWS CLI would merge them). A missing section is appended.
 */
public final class IniSections {
    private IniSections() {
    }

    /**
     * @param text    the file's content (read as ISO-8859-1 so any byte survives)
     * @param section the section name inside the brackets, e.g. {@code bedrock-broker} or {@code profile work}
     * @param body    the lines to put under the header, without line endings
     */
    public static String replace(String text, String section, List<String> body) {
        String eol = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = splitKeepingEndings(text);
        var block = new StringBuilder().append('[').append(section).append(']').append(eol);
        for (String line : body) {
            block.append(line).append(eol);
        }
        var out = new StringBuilder(text.length() + block.length());
        boolean replaced = false;
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (!section.equals(headerName(line))) {
                out.append(line);
                i++;
                continue;
            }
            SectionBounds bounds = SectionBounds.of(lines, i);
            int end = bounds.end();
            int keepFrom = bounds.keepFrom();
            if (!replaced) {
                String lastOfSection = lines.get(keepFrom - 1);
                boolean endsWithNewline = lastOfSection.endsWith("\n");
                out.append(block);
                if (!endsWithNewline && keepFrom == lines.size()) {
                    // The file had no final newline: keep it that way.
                    out.setLength(out.length() - eol.length());
                }
                replaced = true;
            }
            for (int k = keepFrom; k < end; k++) {
                out.append(lines.get(k));
            }
            i = end;
        }
        if (!replaced) {
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append(eol);
            }
            if (out.length() > 0 && !endsWithBlankLine(out)) {
                out.append(eol);
            }
            out.append(block);
        }
        return out.toString();
    }

    /**
     * Sets {@code values} in {@code section}, keeping the section's other settings, comments and order: a key that is
     * there gets its value replaced on its own line, a missing one is added after the section's last setting. A
     * missing section is appended. Keys compare as the AWS CLI compares them: exactly.
     */
    public static String setKeys(String text, String section, Map<String, String> values) {
        String eol = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = splitKeepingEndings(text);
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (section.equals(headerName(lines.get(i)))) {
                header = i;
                break;
            }
        }
        if (header < 0) {
            var body = new ArrayList<String>();
            values.forEach((key, value) -> body.add(key + " = " + value));
            return replace(text, section, body);
        }
        int end = SectionBounds.of(lines, header).end();
        int lastSetting = header;
        var remaining = new LinkedHashMap<>(values);
        var out = new ArrayList<>(lines);
        for (int i = header + 1; i < end; i++) {
            String key = keyOf(lines.get(i));
            if (key == null) {
                continue;
            }
            lastSetting = i;
            if (remaining.containsKey(key)) {
                String line = lines.get(i);
                String ending = line.endsWith("\r\n") ? "\r\n" : line.endsWith("\n") ? "\n" : "";
                out.set(i, key + " = " + remaining.remove(key) + ending);
            }
        }
        if (!remaining.isEmpty()) {
            var added = new StringBuilder();
            if (!out.get(lastSetting).endsWith("\n")) {
                added.append(eol);
            }
            var it = remaining.entrySet().iterator();
            while (it.hasNext()) {
                var entry = it.next();
                added.append(entry.getKey()).append(" = ").append(entry.getValue());
                if (it.hasNext() || out.get(lastSetting).endsWith("\n")) {
                    added.append(eol);
                }
            }
            out.set(lastSetting, out.get(lastSetting) + added);
        }
        return String.join("", out);
    }

    /** The settings of the first section called {@code section} (later duplicates ignored), or null when it is absent. */
    public static Map<String, String> read(String text, String section) {
        List<String> lines = splitKeepingEndings(text);
        Map<String, String> settings = null;
        for (String line : lines) {
            String name = headerName(line);
            if (name != null) {
                if (settings != null) {
                    return settings;
                }
                if (name.equals(section)) {
                    settings = new LinkedHashMap<>();
                }
                continue;
            }
            String key = keyOf(line);
            if (settings != null && key != null) {
                settings.putIfAbsent(key, line.substring(line.indexOf('=') + 1).strip());
            }
        }
        return settings;
    }

    /** The names of every section, in order. */
    public static List<String> sections(String text) {
        var names = new ArrayList<String>();
        for (String line : splitKeepingEndings(text)) {
            String name = headerName(line);
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Removes every section called {@code section}: its header and settings, up to the comments and blank lines that
     * precede the next section (those describe the next one). Everything else stays byte for byte.
     */
    public static String remove(String text, String section) {
        List<String> lines = splitKeepingEndings(text);
        var out = new StringBuilder(text.length());
        int i = 0;
        while (i < lines.size()) {
            if (!section.equals(headerName(lines.get(i)))) {
                out.append(lines.get(i));
                i++;
                continue;
            }
            SectionBounds bounds = SectionBounds.of(lines, i);
            int end = bounds.end();
            int keepFrom = bounds.keepFrom();
            for (int k = keepFrom; k < end; k++) {
                out.append(lines.get(k));
            }
            i = end;
        }
        return out.toString();
    }

    /**
     * Where the section whose header is at {@code header} ends.
     *
     * @param end      the index of the next header (or the line count)
     * @param keepFrom the first of the comment and blank lines before {@code end}: they describe the next section
     */
    private record SectionBounds(int end, int keepFrom) {
        static SectionBounds of(List<String> lines, int header) {
            int end = header + 1;
            while (end < lines.size() && headerName(lines.get(end)) == null) {
                end++;
            }
            int keepFrom = end;
            while (keepFrom > header + 1 && commentOrBlank(lines.get(keepFrom - 1))) {
                keepFrom--;
            }
            return new SectionBounds(end, keepFrom);
        }
    }

    /** The key of a {@code key = value} line, or null for headers, comments, blank and continuation lines. */
    static String keyOf(String line) {
        if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
            return null;
        }
        String s = line.strip();
        if (s.startsWith("#") || s.startsWith(";") || s.startsWith("[")) {
            return null;
        }
        int eq = s.indexOf('=');
        return eq <= 0 ? null : s.substring(0, eq).strip();
    }

    /** The name inside {@code [ ]} when the line is a section header, else null. */
    static String headerName(String line) {
        String s = line.strip();
        if (!s.startsWith("[")) {
            return null;
        }
        int close = s.indexOf(']');
        if (close < 0) {
            return null;
        }
        String rest = s.substring(close + 1).strip();
        if (!rest.isEmpty() && !rest.startsWith("#") && !rest.startsWith(";")) {
            return null;
        }
        return s.substring(1, close).strip();
    }

    private static boolean commentOrBlank(String line) {
        String s = line.strip();
        return s.isEmpty() || s.startsWith("#") || s.startsWith(";");
    }

    private static boolean endsWithBlankLine(CharSequence s) {
        int n = s.length();
        if (n >= 2 && s.charAt(n - 1) == '\n' && s.charAt(n - 2) == '\n') {
            return true;
        }
        return n >= 4 && s.charAt(n - 1) == '\n' && s.charAt(n - 2) == '\r' && s.charAt(n - 3) == '\n';
    }

    static List<String> splitKeepingEndings(String text) {
        var lines = new ArrayList<String>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
