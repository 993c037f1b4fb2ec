package broker.client.shell;

import java.util.Locale;

/**
 * The shells {@code env} writes for, and how each one reads a value back exactly: POSIX single quotes for bash and
 * zsh ({@code '} written as {@code '\''}), fish single quotes ({@code \} and {@code '} escaped with a backslash),
 * PowerShell single quotes (every kind of single quote PowerShell knows, {@code ' ‘ ’ ‚ ‛}, doubled), and cmd's
 * {@code set "NAME=value"}, which cannot express {@code "} or {@code %} and so refuses them.
 */
public enum Shell {
    BASH("~/.bashrc"),
    ZSH("~/.zshrc"),
    FISH("~/.config/fish/config.fish"),
    POWERSHELL("$PROFILE"),
    CMD("the user environment (bedrock-broker env --persist)");

    private static final String SAFE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-";
    private static final String POWERSHELL_QUOTES = "'\u2018\u2019\u201A\u201B";

    private final String profileFile;

    Shell(String profileFile) {
        this.profileFile = profileFile;
    }

    /** The name {@code --shell} takes: the constant's name in lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Where this shell's per-user start-up lines go, for the {@code --persist} hint on Unix. */
    public String profileFile() {
        return profileFile;
    }

    public static Shell parse(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Shell shell : values()) {
            if (shell.id().equals(n)) {
                return shell;
            }
        }
        if (n.equals("pwsh") || n.equals("ps")) {
            return POWERSHELL;
        }
        throw new IllegalArgumentException("unknown shell '" + name + "' (use bash, zsh, fish, powershell or cmd)");
    }

    /** The user's shell: PowerShell on Windows, else the one {@code $SHELL} names (bash if it is none of ours). */
    public static Shell detect(String shellVariable, boolean windows) {
        if (windows) {
            return POWERSHELL;
        }
        if (shellVariable != null) {
            String base = shellVariable.substring(shellVariable.lastIndexOf('/') + 1);
            for (Shell shell : new Shell[] {ZSH, FISH, BASH}) {
                if (base.equals(shell.id())) {
                    return shell;
                }
            }
        }
        return BASH;
    }

    /** Environment variable names all five shells accept unquoted. */
    public static boolean validName(String name) {
        if (name == null || name.isEmpty() || Character.isDigit(name.charAt(0))) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Why this shell cannot set {@code value}, or null when it can. */
    public String cannotExpress(String value) {
        if (value.indexOf('\0') >= 0) {
            return "contains a NUL character";
        }
        if (this == CMD) {
            for (char c : new char[] {'"', '%', '!', '\n', '\r'}) {
                if (value.indexOf(c) >= 0) {
                    return "contains " + (c == '\n' ? "a line break" : c == '\r' ? "a carriage return" : "'" + c + "'")
                            + ", which cmd cannot set literally";
                }
            }
        }
        return null;
    }

    /** The line that sets {@code name} to {@code value} in this shell. */
    public String assignment(String name, String value) {
        if (!validName(name)) {
            throw new IllegalArgumentException("not a variable name: " + name);
        }
        String problem = cannotExpress(value);
        if (problem != null) {
            throw new IllegalArgumentException("the value of " + name + " " + problem);
        }
        return switch (this) {
            case BASH, ZSH -> "export " + name + "=" + quote(value);
            case FISH -> "set -gx " + name + " " + quote(value);
            case POWERSHELL -> "$env:" + name + " = " + quote(value);
            case CMD -> "set \"" + name + "=" + value + "\"";
        };
    }

    /** A comment line. */
    public String comment(String text) {
        return (this == CMD ? "rem " : "# ") + text;
    }

    /** {@code value} as one word of this shell that reads back as exactly {@code value}. */
    public String quote(String value) {
        return switch (this) {
            case BASH, ZSH -> "'" + value.replace("'", "'\\''") + "'";
            case FISH -> "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
            case POWERSHELL -> {
                var out = new StringBuilder("'");
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    out.append(c);
                    if (POWERSHELL_QUOTES.indexOf(c) >= 0) {
                        out.append(c);
                    }
                }
                yield out.append('\'').toString();
            }
            case CMD -> "\"" + value + "\"";
        };
    }

    /** {@link #quote}, but a value of only safe characters stays bare (for readable command lines). */
    public String quoteIfNeeded(String value) {
        if (!value.isEmpty() && value.chars().allMatch(c -> SAFE.indexOf(c) >= 0)) {
            return value;
        }
        return quote(value);
    }
}
