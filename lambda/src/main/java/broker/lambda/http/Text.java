package broker.lambda.http;

/** Echoing caller-supplied text back in a problem's detail: printable ASCII only, bounded. */
final class Text {
    private Text() {}

    static String printable(String s) {
        if (s == null) return "";
        return s.codePoints().filter(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\').limit(100)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
