package broker.client.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unified diff of two small texts (configuration files), for {@code --dry-run}. Lines that look like they hold a
 * secret ({@code "…TOKEN": "…"}, {@code aws_secret_access_key = …}) show their name only: the files are the user's
 * and may hold keys from before.
 */
public final class LineDiff {
    private static final int CONTEXT = 2;
    private static final Pattern SECRET = Pattern.compile(
            "^(\\s*\"?[^\"=:]*(?i:token|secret|password|api_key|apikey|access_key)[^\"=:]*\"?\\s*[:=]\\s*).+?(,?)\\s*$");

    private LineDiff() {
    }

    /** The diff, with {@code ---}/{@code +++} headers naming {@code label}; empty when the texts are equal. */
    public static String unified(String label, String before, String after) {
        List<String> allA = lines(before);
        List<String> allB = lines(after);
        // The common head and tail need no alignment: only the changed middle goes through the quadratic LCS.
        int head = 0;
        while (head < allA.size() && head < allB.size() && allA.get(head).equals(allB.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < allA.size() - head && tail < allB.size() - head
                && allA.get(allA.size() - 1 - tail).equals(allB.get(allB.size() - 1 - tail))) {
            tail++;
        }
        List<String> a = allA.subList(head, allA.size() - tail);
        List<String> b = allB.subList(head, allB.size() - tail);
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        // Every line as ' ', '-' or '+', in order.
        var ops = new ArrayList<String>();
        for (String line : allA.subList(0, head)) {
            ops.add(" " + line);
        }
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                ops.add(" " + a.get(i++));
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add("-" + a.get(i++));
            } else {
                ops.add("+" + b.get(j++));
            }
        }
        for (String line : allA.subList(allA.size() - tail, allA.size())) {
            ops.add(" " + line);
        }
        if (ops.stream().allMatch(op -> op.startsWith(" "))) {
            return "";
        }
        var out = new StringBuilder();
        out.append("--- ").append(label).append(before == null ? " (does not exist)" : "").append('\n');
        out.append("+++ ").append(label).append(" (after)\n");
        int lastPrinted = -1;
        for (int k = 0; k < ops.size(); k++) {
            if (!near(ops, k)) {
                continue;
            }
            if (lastPrinted >= 0 && k > lastPrinted + 1 || lastPrinted < 0 && k > 0) {
                out.append("@@\n");
            }
            out.append(ops.get(k).charAt(0)).append(redact(ops.get(k).substring(1))).append('\n');
            lastPrinted = k;
        }
        return out.toString();
    }

    private static boolean near(List<String> ops, int k) {
        for (int d = Math.max(0, k - CONTEXT); d <= Math.min(ops.size() - 1, k + CONTEXT); d++) {
            if (!ops.get(d).startsWith(" ")) {
                return true;
            }
        }
        return false;
    }

    static String redact(String line) {
        Matcher m = SECRET.matcher(line);
        return m.matches() ? m.group(1) + "<redacted>" + m.group(2) : line;
    }

    private static List<String> lines(String text) {
        var lines = new ArrayList<String>();
        if (text == null || text.isEmpty()) {
            return lines;
        }
        for (String line : text.split("\n", -1)) {
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
        if (text.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
