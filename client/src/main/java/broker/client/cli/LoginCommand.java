package broker.client.cli;

import broker.client.config.ClientConfig;
import broker.client.core.OidcTokens;
import broker.client.core.ProfileSettings;
import broker.client.core.Result;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code login}: signs in with the identity provider and stores the tokens (0600). */
@Command(description = {"Sign in with your identity provider (browser by default, or a device code).",
        "Afterwards the refresh token is used silently until it expires."})
public final class LoginCommand extends BrokerCommand {
    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--browser", description = "Authorization code with PKCE and a loopback redirect (default).")
        boolean browser;

        @Option(names = "--device", description = "Device code: sign in on another device (if the provider supports it).")
        boolean device;
    }

    @Option(names = "--no-browser", description = "Do not open a browser; print the URL to open (also $BEDROCK_BROKER_NO_BROWSER).")
    boolean noBrowser;

    public LoginCommand(Services services) {
        super(services);
    }

    @Override
    protected ClientConfig.Flags flags() {
        return common.flags(null, noBrowser);
    }

    @Override
    protected int run(ClientConfig config) {
        return finish(config, configured(config).flatMap(settings -> interactiveLogin(services, config, settings,
                mode.device)), tokens -> {
            String who = tokens.subject() == null ? "" : " (subject " + tokens.subject() + ")";
            services.err().println("Signed in" + who + ". Credentials will now refresh on their own.");
        });
    }

    /** Runs the login and stores its tokens; shared with {@code refresh}. */
    static Result<OidcTokens> interactiveLogin(Services services, ClientConfig config, ProfileSettings settings,
                                               boolean device) {
        var login = services.login(config, settings);
        Result<OidcTokens> result = device ? login.withDeviceCode() : login.withBrowser(config.noBrowser());
        return result.flatMap(tokens -> services.tokenFile(config).write(tokens).map(ignored -> {
            // A new sign-in may be another person: what was cached belongs to the previous one.
            services.clearCaches(config);
            return tokens;
        }));
    }
}
