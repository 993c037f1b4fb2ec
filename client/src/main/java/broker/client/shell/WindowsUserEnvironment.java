package broker.client.shell;

import broker.client.core.ClientFailure;
import broker.client.core.Result;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Sets variables in the Windows user environment (the {@code HKCU\Environment} registry key), as people do today in
 * Control Panel, with {@code setx NAME VALUE}: unlike {@code reg add}, setx also tells running programs (Explorer) that
 * the environment changed, so new terminals see the values. Already open terminals keep their old environment.
 */
public final class WindowsUserEnvironment {
    /** setx truncates longer values. */
    static final int MAX_VALUE = 1024;

    private final SystemCommands commands;
    private final String setx;

    /** @param setx the absolute path of {@code setx.exe} ({@link SystemPrograms#windowsSystem32}) */
    public WindowsUserEnvironment(SystemCommands commands, String setx) {
        this.commands = commands;
        this.setx = setx;
    }

    /** The command that sets one variable, as run (each argument passed as one, no shell in between). */
    List<String> setx(String name, String value) {
        return List.of(setx, name, value);
    }

    public Result<Void> set(Map<String, String> variables) {
        for (var entry : variables.entrySet()) {
            String name = entry.getKey();
            String value = entry.getValue();
            if (!Shell.validName(name)) {
                return Result.err(new ClientFailure.InvalidSetting(name, "not an environment variable name"));
            }
            if (value.length() > MAX_VALUE || Shell.CMD.cannotExpress(value) != null) {
                return Result.err(new ClientFailure.InvalidSetting(name, "its value cannot be stored with setx"));
            }
            try {
                int exit = commands.run(setx(name, value));
                if (exit != 0) {
                    return Result.err(new ClientFailure.LocalFile("HKCU\\Environment",
                            "setx " + name + " failed with exit code " + exit));
                }
            } catch (IOException e) {
                return Result.err(new ClientFailure.LocalFile("HKCU\\Environment", "cannot run setx (" + e.getMessage() + ")"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Result.err(new ClientFailure.LocalFile("HKCU\\Environment", "interrupted while running setx"));
            }
        }
        return Result.ok(null);
    }
}
