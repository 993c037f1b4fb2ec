package broker.client.awsfiles;

import java.util.ArrayList;
import java.util.List;

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
            int end = i + 1;
            while (end < lines.size() && headerName(lines.get(end)) == null) {
                end++;
            }
            int keepFrom = end;
            while (keepFrom > i + 1 && commentOrBlank(lines.get(keepFrom - 1))) {
                keepFrom--;
            }
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
