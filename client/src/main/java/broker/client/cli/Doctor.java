package broker.client.cli;

import broker.client.awsfiles.AwsFiles;
import broker.client.config.ClientConfig;
import broker.client.console.FailureReport;
import broker.client.core.AwsCredentials;
import broker.client.core.BrokerProbe;
import broker.client.core.ClientFailure;
import broker.client.core.ProfileSettings;
import broker.client.core.Result;
import broker.client.json.Json;
import broker.client.json.JsonException;
import broker.client.setup.AwsConfig;
import broker.client.setup.AwsProfiles;
import broker.client.setup.BedrockVariables;
import broker.client.setup.ClaudeSettings;
import broker.client.setup.CompetingCredentials;
import broker.client.setup.FileChange;
import broker.client.setup.Launcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checks of {@code doctor}, one per link of the chain from this machine to Bedrock credentials, each failure with
 * its fix. A link that cannot be checked because an earlier one failed is skipped, not failed.
 */
final class Doctor {
    /** Beyond this, JWT {@code nbf}/{@code exp} checks and AWS request signatures start to fail. */
    static final Duration SKEW_FAIL = Duration.ofMinutes(5);
    /** Beyond this the client corrects expiries, but other tools on this machine do not. */
    static final Duration SKEW_WARN = Duration.ofSeconds(30);
    static final int MIN_JAVA = 21;

    enum Status { OK, WARN, FAIL, SKIP }

    /** One check's outcome; {@code fix} is empty when there is nothing to do, {@code exitCode} matters for FAIL. */
    record Check(String name, Status status, String detail, String fix, int exitCode) {
        static Check ok(String name, String detail) {
            return new Check(name, Status.OK, detail, "", FailureReport.OK);
        }

        static Check warn(String name, String detail, String fix) {
            return new Check(name, Status.WARN, detail, fix, FailureReport.OK);
        }

        static Check fail(String name, String detail, String fix, int exitCode) {
            return new Check(name, Status.FAIL, detail, fix, exitCode);
        }

        static Check skip(String name, String why) {
            return new Check(name, Status.SKIP, why, "", FailureReport.OK);
        }
    }

    private final Services services;
    private final ClientConfig.Flags flags;
    private final int javaVersion;

    Doctor(Services services, ClientConfig.Flags flags, int javaVersion) {
        this.services = services;
        this.flags = flags;
        this.javaVersion = javaVersion;
    }

    List<Check> run() {
        var checks = new ArrayList<Check>();
        checks.add(java());
        Result<ClientConfig> loaded = services.config(flags);
        if (!(loaded instanceof Result.Ok<ClientConfig>(var config))) {
            ClientFailure failure = ((Result.Err<ClientConfig>) loaded).failure();
            checks.add(failed("Configuration", failure, flags.profile()));
            return checks;
        }
        String p = config.profile().equals(ClientConfig.DEFAULT_PROFILE) ? "" : " --profile " + config.profile();
        ProfileSettings settings = config.configured().orElse(null);
        if (settings == null) {
            checks.add(Check.fail("Configuration", "profile '" + config.profile() + "' is not configured",
                    "bedrock-broker configure --url <broker URL>" + p, FailureReport.NOT_CONFIGURED));
        } else {
            checks.add(Check.ok("Configuration", "profile '" + config.profile() + "': " + settings.brokerUrl()
                    + (settings.broker().region().isEmpty() ? "" : ", region " + settings.broker().region())));
        }
        BrokerProbe probe = null;
        if (settings == null) {
            checks.add(Check.skip("Broker", "not configured"));
            checks.add(Check.skip("Clock", "not configured"));
        } else {
            switch (services.broker(config, settings.brokerUrl()).probe()) {
                case Result.Ok<BrokerProbe>(var answer) -> {
                    probe = answer;
                    checks.add(broker(settings, answer, p));
                    checks.add(clock(answer));
                }
                case Result.Err<BrokerProbe>(var failure) -> {
                    checks.add(failed("Broker", failure, config.profile()));
                    checks.add(Check.skip("Clock", "the broker did not answer"));
                }
            }
        }
        boolean signedIn = false;
        if (settings == null) {
            checks.add(Check.skip("Sign-in", "not configured"));
        } else {
            switch (services.idTokens(config, settings).idToken(false)) {
                case Result.Ok<String> ok -> {
                    signedIn = true;
                    var tokens = services.tokenFile(config).read();
                    checks.add(Check.ok("Sign-in", tokens.map(t -> (t.subject() == null ? "signed in" : "signed in as "
                            + t.subject()) + "; ID token valid until " + t.idTokenExpiresAt()).orElse("signed in")));
                }
                case Result.Err<String>(var failure) -> checks.add(failed("Sign-in", failure, config.profile()));
            }
        }
        if (!signedIn || probe == null) {
            checks.add(Check.skip("Credentials", signedIn ? "the broker did not answer" : "not signed in"));
        } else {
            switch (services.credentials(config, settings).obtain(false)) {
                case Result.Ok<AwsCredentials>(var credentials) -> checks.add(Check.ok("Credentials",
                        "obtained; access key " + credentials.accessKeyId() + " valid until " + credentials.expiration()));
                case Result.Err<AwsCredentials>(var failure) -> checks.add(failed("Credentials", failure, config.profile()));
            }
            budget(config, settings).ifPresent(checks::add);
        }
        Launcher launcher = Launcher.resolve(null, services.env()) instanceof Result.Ok<Launcher>(var l) ? l : null;
        ClaudeSettings.Mode mode = null;
        Map<String, Object> settingsEnv = Map.of();
        Path settingsFile = ClaudeSettings.locate(services.env());
        try {
            String text = FileChange.read(settingsFile, StandardCharsets.UTF_8);
            Map<String, Object> document = text == null ? null : Json.parseObject(text.startsWith("\uFEFF") ? text.substring(1) : text);
            if (document != null && document.get(ClaudeSettings.ENV) instanceof Map<?, ?> env) {
                @SuppressWarnings("unchecked")
                var typed = (Map<String, Object>) env;
                settingsEnv = typed;
            }
            mode = modeOf(document, config.profile());
            checks.add(claude(settingsFile, document, launcher, mode, config.profile(), p));
        } catch (IOException | JsonException e) {
            checks.add(Check.fail("Claude Code", settingsFile + " cannot be read as JSON ("
                    + (e instanceof JsonException j ? j.getMessage() : e.getMessage()) + "); Claude Code ignores it",
                    "fix the file, or move it away and run: bedrock-broker setup claude" + p, FailureReport.LOCAL_FILE));
        }
        checks.add(awsConfig(launcher, config.profile(), mode == ClaudeSettings.Mode.PROCESS, p));
        checks.add(competing(settingsEnv));
        return checks;
    }

    /**
     * The caller's budget from {@code GET /v1/me}: a warning when near or over a cap, ok otherwise; nothing when the
     * broker shows no budget or cannot be asked.
     */
    private java.util.Optional<Check> budget(ClientConfig config, ProfileSettings settings) {
        if (!(services.idTokens(config, settings).idToken(false) instanceof Result.Ok<String>(var idToken))
                || !(services.broker(config, settings.brokerUrl()).me(idToken) instanceof Result.Ok<broker.client.core.Me>(var me))) {
            return java.util.Optional.empty();
        }
        return broker.client.core.MyBudget.of(me.document()).map(budget -> switch (budget.state()) {
            case "exhausted" -> Check.warn("Budget", budget.summary(),
                    "wait for the reset, or ask an admin for an override (PUT /v1/admin/users/{user}/budget)");
            case "shortened", "warned" -> Check.warn("Budget", budget.summary(), "mind your spend: bedrock-broker usage");
            default -> Check.ok("Budget", budget.summary());
        });
    }

    private Check java() {
        if (javaVersion < MIN_JAVA) {
            return Check.fail("Java", "Java " + javaVersion + " is too old", "install Java " + MIN_JAVA
                    + " or newer, and point JAVA_HOME at it", FailureReport.USAGE);
        }
        return Check.ok("Java", "Java " + javaVersion);
    }

    private Check broker(ProfileSettings settings, BrokerProbe probe, String p) {
        boolean sameIssuer = probe.settings().issuer().equals(settings.broker().issuer())
                && probe.settings().clientId().equals(settings.broker().clientId());
        if (!sameIssuer) {
            return Check.warn("Broker", "reachable, but its sign-in settings changed since 'configure'",
                    "bedrock-broker configure --url " + settings.brokerUrl() + p);
        }
        return Check.ok("Broker", "reachable at " + settings.brokerUrl());
    }

    private Check clock(BrokerProbe probe) {
        if (probe.brokerNow() == null) {
            return Check.warn("Clock", "the broker's answer had no Date header, so the clock cannot be compared", "");
        }
        Instant now = services.clock().instant();
        Duration skew = Duration.between(probe.brokerNow(), now);
        String text = "this machine's clock is " + Math.abs(skew.toSeconds()) + " s "
                + (skew.isNegative() ? "behind" : "ahead of") + " the broker's";
        if (skew.abs().compareTo(SKEW_FAIL) > 0) {
            return Check.fail("Clock", text, "set the clock right (turn on automatic time / NTP): sign-in tokens and AWS"
                    + " request signatures fail with a clock this far off", FailureReport.USAGE);
        }
        if (skew.abs().compareTo(SKEW_WARN) > 0) {
            return Check.warn("Clock", text, "turn on automatic time (NTP); bedrock-broker corrects for it, other tools do not");
        }
        return Check.ok("Clock", skew.abs().compareTo(Duration.ofSeconds(2)) <= 0 ? "in step with the broker's" : text);
    }

    /** The mode the settings were set up in for this broker profile, or null when they do not use this client. */
    private static ClaudeSettings.Mode modeOf(Map<String, Object> document, String brokerProfile) {
        if (document == null) {
            return null;
        }
        if (ClaudeSettings.ours(document.get(ClaudeSettings.EXPORT_HOOK))) {
            return ClaudeSettings.Mode.EXPORT;
        }
        Object refresh = document.get(ClaudeSettings.REFRESH_HOOK);
        if (refresh instanceof String s && ClaudeSettings.ours(s) && s.contains(" refresh ")) {
            return ClaudeSettings.Mode.REFRESH;
        }
        if (document.get(ClaudeSettings.ENV) instanceof Map<?, ?> env
                && AwsProfiles.processProfile(brokerProfile).equals(env.get(BedrockVariables.PROFILE))) {
            return ClaudeSettings.Mode.PROCESS;
        }
        return null;
    }

    private Check claude(Path file, Map<String, Object> document, Launcher launcher, ClaudeSettings.Mode mode,
                         String brokerProfile, String p) {
        String fix = "bedrock-broker setup claude" + p;
        if (document == null) {
            return Check.warn("Claude Code", file + " does not exist: Claude Code is not set up", fix);
        }
        if (mode == null) {
            return Check.fail("Claude Code", file + " does not use bedrock-broker for profile '" + brokerProfile + "'",
                    fix, FailureReport.NOT_CONFIGURED);
        }
        Object env = document.get(ClaudeSettings.ENV);
        Map<?, ?> variables = env instanceof Map<?, ?> m ? m : Map.of();
        if (!"1".equals(variables.get(BedrockVariables.USE_BEDROCK))) {
            return Check.fail("Claude Code", BedrockVariables.USE_BEDROCK + " is not \"1\" in the env of " + file,
                    fix, FailureReport.NOT_CONFIGURED);
        }
        if (!(variables.get(BedrockVariables.REGION) instanceof String region) || region.isEmpty()) {
            return Check.fail("Claude Code", BedrockVariables.REGION + " is not set in the env of " + file
                    + " (Claude Code needs it)", fix, FailureReport.NOT_CONFIGURED);
        }
        String hook = mode == ClaudeSettings.Mode.EXPORT ? ClaudeSettings.EXPORT_HOOK : ClaudeSettings.REFRESH_HOOK;
        Check wired = wiredTo("Claude Code", hook + " in " + file, (String) document.get(hook), launcher, brokerProfile, fix);
        if (wired.status() != Status.OK) {
            return wired;
        }
        return Check.ok("Claude Code", mode.id() + " mode, " + hook + " runs this launcher");
    }

    private Check awsConfig(Launcher launcher, String brokerProfile, boolean required, String p) {
        String name = AwsProfiles.processProfile(brokerProfile);
        Path file = AwsFiles.config(services.env());
        String fix = "bedrock-broker setup aws" + p;
        Map<String, String> profile;
        try {
            profile = AwsConfig.profile(FileChange.read(file, StandardCharsets.ISO_8859_1), name);
        } catch (IOException e) {
            return Check.fail("AWS config", file + " cannot be read (" + e.getMessage() + ")", "check its permissions",
                    FailureReport.LOCAL_FILE);
        }
        if (profile == null) {
            return required
                    ? Check.fail("AWS config", "profile '" + name + "' is missing from " + file + ", and Claude Code uses it",
                            fix, FailureReport.NOT_CONFIGURED)
                    : Check.skip("AWS config", "no '" + name + "' profile in " + file + " (optional, for the AWS CLI and"
                            + " SDKs: " + fix + ")");
        }
        Check wired = wiredTo("AWS config", "credential_process of profile '" + name + "' in " + file,
                profile.get(AwsConfig.CREDENTIAL_PROCESS), launcher, brokerProfile, fix);
        return wired.status() == Status.OK ? Check.ok("AWS config", "profile '" + name + "' runs this launcher") : wired;
    }

    /** Whether {@code command} runs this launcher (or at least an existing one) for this broker profile. */
    private static Check wiredTo(String name, String what, String command, Launcher launcher, String brokerProfile,
                                 String fix) {
        if (command == null || command.isBlank()) {
            return Check.fail(name, what + " is not set", fix, FailureReport.NOT_CONFIGURED);
        }
        String program = program(command);
        boolean exists;
        try {
            exists = Files.exists(Path.of(program));
        } catch (java.nio.file.InvalidPathException e) {
            exists = false;
        }
        if (!exists) {
            return Check.fail(name, what + " runs " + program + ", which does not exist", fix, FailureReport.NOT_CONFIGURED);
        }
        if (launcher != null && launcher.argumentsOf(command) == null) {
            return Check.warn(name, what + " runs another launcher (" + program + ") than this one (" + launcher.path() + ")",
                    fix);
        }
        if (!(command + " ").contains(" --profile " + brokerProfile + " ")) {
            return Check.warn(name, what + " does not name --profile " + brokerProfile, fix);
        }
        return Check.ok(name, what);
    }

    /** The program a command line runs: its first word, without the quotes {@link Launcher} adds. */
    static String program(String command) {
        String c = command.strip();
        if (c.startsWith("'") || c.startsWith("\"")) {
            int close = c.indexOf(c.charAt(0), 1);
            return close < 0 ? c.substring(1) : c.substring(1, close).replace("'\\''", "'");
        }
        int space = c.indexOf(' ');
        return space < 0 ? c : c.substring(0, space);
    }

    private Check competing(Map<String, Object> settingsEnv) {
        try {
            List<String> findings = CompetingCredentials.find(services.env(),
                    FileChange.read(AwsFiles.credentials(services.env()), StandardCharsets.ISO_8859_1),
                    FileChange.read(AwsFiles.config(services.env()), StandardCharsets.ISO_8859_1), settingsEnv);
            if (findings.isEmpty()) {
                return Check.ok("Other credentials", "none that could silently take over");
            }
            return Check.warn("Other credentials", String.join("; ", findings), "");
        } catch (IOException e) {
            return Check.skip("Other credentials", "the AWS files cannot be read (" + e.getMessage() + ")");
        }
    }

    private Check failed(String name, ClientFailure failure, String profile) {
        return Check.fail(name, services.failures(profile).sentence(failure), "", FailureReport.exitCode(failure));
    }
}
