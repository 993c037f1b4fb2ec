package broker.client.cli;

import broker.client.config.ClientConfig;
import broker.client.console.FailureReport;
import broker.client.core.OidcTokens;
import broker.client.core.ProfileSettings;
import broker.client.core.Result;
import broker.client.oidc.TokenRevocation;
import java.util.Optional;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code logout}: revokes the refresh token at the identity provider where it supports RFC 7009, forgets the profile's
 * tokens and cached credentials, and removes the sections of the shared credentials file that {@code refresh} wrote for
 * this profile (issued credentials stay valid until they expire: STS cannot revoke them one by one). A revocation that
 * fails is reported, and the local sign-out still happens.
 */
@Command(description = {"Forget this profile's sign-in and cached credentials (also those 'refresh' wrote to ~/.aws/credentials).",
        "The refresh token is revoked at the identity provider when it offers revocation (RFC 7009)."})
public final class LogoutCommand extends BrokerCommand {
    public LogoutCommand(Services services) {
        super(services);
    }

    @Override
    protected int run(ClientConfig config) {
        revokeAtTheIssuer(config);
        if (services.tokenFile(config).delete() instanceof Result.Err<Void>(var failure)) {
            return fail(config, failure);
        }
        services.clearCaches(config);
        var file = services.awsCredentialsFile();
        switch (file.removeWrittenFor(config.profile())) {
            case Result.Ok<List<String>>(var removed) -> {
                if (!removed.isEmpty()) {
                    services.err().println("Removed " + String.join(", ", removed.stream().map(s -> "[" + s + "]")
                            .toList()) + " from " + file.path() + ".");
                }
            }
            case Result.Err<List<String>>(var failure) -> {
                return fail(config, failure);
            }
        }
        services.err().println("Signed out of profile '" + config.profile() + "'.");
        return FailureReport.OK;
    }

    private void revokeAtTheIssuer(ClientConfig config) {
        Optional<OidcTokens> tokens = services.tokenFile(config).read();
        if (tokens.isEmpty() || !tokens.get().canRefresh()
                || !(configured(config) instanceof Result.Ok<ProfileSettings>(var settings))) {
            return;
        }
        switch (TokenRevocation.revoke(settings.broker(), tokens.get(), services.http(config))) {
            case Result.Ok<TokenRevocation.Outcome>(var outcome) -> {
                switch (outcome) {
                    case REVOKED -> services.err().println("Revoked your refresh token at the identity provider.");
                    case NOT_OFFERED -> services.err().println("bedrock-broker: note: the identity provider offers no"
                            + " token revocation; the refresh token deleted here stays valid there until it expires.");
                    case NOTHING_TO_REVOKE -> { }
                }
            }
            case Result.Err<TokenRevocation.Outcome>(var failure) -> services.err().println("bedrock-broker: warning:"
                    + " could not revoke your refresh token at the identity provider (" + services.failures(config.profile())
                    .sentence(failure) + ") It is deleted here; it stays valid there until it expires.");
        }
    }
}
