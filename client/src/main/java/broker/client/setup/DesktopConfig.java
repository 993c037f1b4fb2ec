package broker.client.setup;

import broker.client.config.Environment;
import broker.client.config.HomeDirectory;
import broker.client.json.Json;
import broker.client.json.JsonEdit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Claude Desktop's third-party inference configuration for Amazon Bedrock with {@code helper desktop} as its
 * {@code inferenceCredentialHelper}, in the forms Desktop reads:
 * <ul>
 *   <li>the local configuration library that its Developer → Configure third-party inference window writes: a
 *       {@code configLibrary} directory holding one {@code <id>.json} per saved configuration and {@code _meta.json},
 *       whose {@code appliedId} names the applied one and whose {@code entries} list them ({@code id}, {@code name});</li>
 *   <li>managed preferences for MDM: a macOS configuration profile (payload type
 *       {@value #MAC_PAYLOAD_TYPE}) and a Windows registry file under {@value #WINDOWS_KEY}.</li>
 * </ul>
 * Desktop runs the helper with no arguments, so the helper is a small script that runs this launcher with the
 * profile, region and TTL. Managed values are all strings (arrays JSON-encoded); the local files keep JSON types.
 */
public final class DesktopConfig {
    public static final String MAC_PAYLOAD_TYPE = "com.anthropic.claudefordesktop";
    public static final String WINDOWS_KEY = "HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Claude";
    public static final String META = "_meta.json";
    static final String ENTRY_NAME = "Bedrock Broker";

    private DesktopConfig() {
    }

    /** What to configure. */
    public record Plan(String profile, String region, Path helper, Duration ttl, List<String> models) {
        public Plan {
            models = List.copyOf(models);
        }
    }

    /** The Desktop keys, with JSON types (the local file) or all as strings ({@code managed}: MDM). */
    public static Map<String, Object> keys(Plan plan, boolean managed) {
        var keys = new LinkedHashMap<String, Object>();
        keys.put("inferenceProvider", "bedrock");
        if (!plan.region().isEmpty()) {
            keys.put("inferenceBedrockRegion", plan.region());
        }
        // Desktop takes the first credential it finds among several kinds: name the helper explicitly.
        keys.put("inferenceCredentialKind", "helper-script");
        keys.put("inferenceCredentialHelper", plan.helper().toString());
        long ttl = plan.ttl().toSeconds();
        keys.put("inferenceCredentialHelperTtlSec", managed ? Long.toString(ttl) : (Object) ttl);
        keys.put("inferenceCredentialHelperSilentRefreshEnabled", managed ? "true" : (Object) Boolean.TRUE);
        if (!plan.models().isEmpty()) {
            keys.put("inferenceModels", managed ? Json.write(plan.models()) : plan.models());
        }
        return keys;
    }

    /** The configuration library: {@code --config-dir}, else where Desktop keeps it on this OS. */
    public static Path library(Environment env, String flag) {
        if (flag != null) {
            return Path.of(flag);
        }
        Path home = HomeDirectory.of(env);
        if (env.isWindows()) {
            String local = env.get("LOCALAPPDATA");
            return (local != null ? Path.of(local) : home.resolve("AppData").resolve("Local"))
                    .resolve("Claude-3p").resolve("configLibrary");
        }
        if (isMac(env)) {
            return home.resolve("Library").resolve("Application Support").resolve("Claude-3p").resolve("configLibrary");
        }
        // No Claude Desktop for Linux is documented: the XDG place its Electron builds would use.
        String xdg = env.get("XDG_CONFIG_HOME");
        return (xdg != null ? Path.of(xdg) : home.resolve(".config")).resolve("Claude-3p").resolve("configLibrary");
    }

    public static boolean isMac(Environment env) {
        return env.osName().toLowerCase(Locale.ROOT).startsWith("mac");
    }

    /** The saved configuration's id: stable per profile, shaped as the UUIDs Desktop itself writes. */
    public static String configId(String profile) {
        return UUID.nameUUIDFromBytes(("bedrock-broker desktop " + profile).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static String entryName(String profile) {
        return profile.equals("default") ? ENTRY_NAME : ENTRY_NAME + " (" + profile + ")";
    }

    /** The {@code <id>.json} document (owned entirely by this client). */
    public static String document(Plan plan) {
        return Json.writePretty(keys(plan, false));
    }

    /**
     * {@code _meta.json} with this configuration applied and listed, every other byte kept; {@code before} null or
     * blank means a new file.
     *
     * @throws broker.client.json.JsonException when {@code before} is not a JSON object or its {@code entries} is not an array
     */
    public static String meta(String before, String profile) {
        String text = before == null || before.isBlank() ? "{}\n" : before;
        String id = configId(profile);
        Object existing = JsonEdit.get(text, List.of("entries"));
        if (existing != null && !(existing instanceof List<?>)) {
            throw new broker.client.json.JsonException("\"entries\" is not an array");
        }
        List<Object> entries = new ArrayList<>(existing == null ? List.of() : (List<?>) existing);
        Map<String, Object> ours = new LinkedHashMap<>();
        ours.put("id", id);
        ours.put("name", entryName(profile));
        boolean found = false;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof Map<?, ?> entry && id.equals(entry.get("id"))) {
                if (!ours.get("name").equals(entry.get("name"))) {
                    Map<String, Object> renamed = new LinkedHashMap<>();
                    entry.forEach((k, v) -> renamed.put((String) k, v));
                    renamed.put("name", ours.get("name"));
                    entries.set(i, renamed);
                }
                found = true;
            }
        }
        if (!found) {
            entries.add(ours);
            text = JsonEdit.set(text, List.of("entries"), entries);
        } else if (!entries.equals(existing)) {
            text = JsonEdit.set(text, List.of("entries"), entries);
        }
        return JsonEdit.set(text, List.of("appliedId"), id);
    }

    /** The script Desktop runs (with no arguments): this launcher's {@code helper desktop} with the plan's flags. */
    public static String helperScript(Launcher launcher, Plan plan, boolean windows) {
        List<String> args = new ArrayList<>(List.of("helper", "desktop", "--profile", plan.profile(), "--ttl",
                plan.ttl().toSeconds() + "s"));
        if (!plan.region().isEmpty()) {
            args.addAll(List.of("--region", plan.region()));
        }
        String command = launcher.command(args.toArray(String[]::new));
        if (windows) {
            return "@echo off\r\nrem Claude Desktop's inferenceCredentialHelper, written by bedrock-broker setup desktop.\r\n"
                    + "call " + command + "\r\nexit /b %errorlevel%\r\n";
        }
        return "#!/bin/sh\n# Claude Desktop's inferenceCredentialHelper, written by bedrock-broker setup desktop.\n"
                + "exec " + command + "\n";
    }

    /** A macOS configuration profile with the managed keys (reproducible: its UUIDs derive from the profile). */
    public static String mobileconfig(Plan plan) {
        var out = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <plist version="1.0">
                <dict>
                \t<key>PayloadContent</key>
                \t<array>
                \t\t<dict>
                """);
        Map<String, Object> items = new LinkedHashMap<>();
        items.put("PayloadType", MAC_PAYLOAD_TYPE);
        items.put("PayloadIdentifier", MAC_PAYLOAD_TYPE + ".bedrock-broker." + plan.profile());
        items.put("PayloadUUID", uuid("payload " + plan.profile()));
        items.put("PayloadDisplayName", "Claude Desktop: Amazon Bedrock through Bedrock Broker");
        items.forEach((k, v) -> out.append("\t\t\t<key>").append(k).append("</key>\n\t\t\t<string>")
                .append(xml((String) v)).append("</string>\n"));
        out.append("\t\t\t<key>PayloadVersion</key>\n\t\t\t<integer>1</integer>\n");
        keys(plan, true).forEach((k, v) -> out.append("\t\t\t<key>").append(xml(k)).append("</key>\n\t\t\t<string>")
                .append(xml((String) v)).append("</string>\n"));
        out.append("\t\t</dict>\n\t</array>\n");
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("PayloadDisplayName", "Claude Desktop with Amazon Bedrock (Bedrock Broker)");
        outer.put("PayloadIdentifier", "bedrock-broker.claude-desktop." + plan.profile());
        outer.put("PayloadType", "Configuration");
        outer.put("PayloadUUID", uuid("profile " + plan.profile()));
        outer.forEach((k, v) -> out.append("\t<key>").append(k).append("</key>\n\t<string>").append(xml((String) v))
                .append("</string>\n"));
        out.append("\t<key>PayloadVersion</key>\n\t<integer>1</integer>\n</dict>\n</plist>\n");
        return out.toString();
    }

    /** A Windows registry file with the managed keys as REG_SZ values (CRLF line ends, as regedit writes). */
    public static String registry(Plan plan) {
        var out = new StringBuilder("Windows Registry Editor Version 5.00\r\n\r\n[" + WINDOWS_KEY + "]\r\n");
        keys(plan, true).forEach((k, v) -> out.append('"').append(regString(k)).append("\"=\"")
                .append(regString((String) v)).append("\"\r\n"));
        return out.toString();
    }

    private static String regString(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(("bedrock-broker " + seed).getBytes(StandardCharsets.UTF_8)).toString()
                .toUpperCase(Locale.ROOT);
    }
}
