package broker.client.oidc;

import broker.client.config.Environment;
import broker.client.shell.SystemPrograms;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The desktop's browser, started the way each OS expects: {@code rundll32 url.dll,FileProtocolHandler} on Windows,
 * {@code open} on macOS, {@code xdg-open} (or {@code $BROWSER}) elsewhere when there is a display, each by absolute
 * path ({@link SystemPrograms}: never a program planted in the working directory). Over SSH without a display it opens
 * nothing (the URL is printed instead). AWT's {@code Desktop} is not used: it is slow to load and noisy.
 */
public final class SystemBrowser implements Browser {
    private final Environment env;

    public SystemBrowser(Environment env) {
        this.env = env;
    }

    @Override
    public boolean open(URI uri) {
        List<String> command = command(uri.toString());
        if (command.isEmpty()) {
            return false;
        }
        try {
            new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start()
                    .getOutputStream().close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    List<String> command(String url) {
        String os = env.osName().toLowerCase(Locale.ROOT);
        if (env.isWindows()) {
            return List.of(SystemPrograms.windowsSystem32(env, "rundll32.exe"), "url.dll,FileProtocolHandler", url);
        }
        if (os.contains("mac")) {
            return env.get("SSH_CONNECTION") != null ? List.of() : List.of("/usr/bin/open", url);
        }
        if (env.get("DISPLAY") == null && env.get("WAYLAND_DISPLAY") == null) {
            return List.of();
        }
        String browser = env.get("BROWSER");
        String program = SystemPrograms.onPath(env, browser != null ? browser : "xdg-open");
        return program == null ? List.of() : List.of(program, url);
    }
}
