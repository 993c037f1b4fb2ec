package broker.client.cli;

import broker.client.config.ClientConfig;
import broker.client.console.CredentialShape;
import broker.client.console.FailureReport;
import broker.client.core.AwsCredentials;
import broker.client.core.CacheVerdict;
import broker.client.core.CredentialKeeper;
import broker.client.core.Result;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code credential-process} and {@code export}: credentials on stdout in one {@link CredentialShape}; never prompts. */
public abstract class CredentialsCommand extends BrokerCommand {
    @Mixin
    RefreshAheadOption refreshAhead;

    private final CredentialShape shape;

    CredentialsCommand(Services services, CredentialShape shape) {
        super(services);
        this.shape = shape;
    }

    @Override
    protected ClientConfig.Flags flags() {
        // noBrowser: these commands never start a login.
        return common.flags(refreshAhead.margin, true);
    }

    @Override
    protected int run(ClientConfig config) {
        return serve(services, config, shape, null, null);
    }

    /**
     * The whole command once the configuration is resolved; {@code CredentialRequest} calls it for a plain
     * invocation, without picocli, handing over its look at the cache: what it found ({@code verdict}, null: look
     * now) and when.
     */
    static int serve(Services services, ClientConfig config, CredentialShape shape,
                     CacheVerdict<AwsCredentials> verdict, Instant lookedAt) {
        Result<AwsCredentials> result = services.configured(config).flatMap(settings -> {
            CredentialKeeper<AwsCredentials> keeper = services.credentials(config, settings,
                    shape.policy(config.refreshPolicy()));
            return verdict == null ? keeper.obtain(false) : keeper.obtainAfter(verdict, lookedAt);
        });
        return switch (result) {
            case Result.Ok<AwsCredentials>(var credentials) -> {
                services.out().println(shape.format(credentials));
                services.out().flush();
                yield FailureReport.OK;
            }
            case Result.Err<AwsCredentials>(var failure) -> services.failures(config.profile()).report(failure);
        };
    }

    /** {@code credential-process}: the AWS {@code credential_process} JSON on stdout, nothing else. */
    @Command(description = {"Print credentials for AWS credential_process (stdout: JSON only).",
            "Served from the cache while more than the refresh-ahead margin is left; never prompts."})
    public static final class CredentialProcess extends CredentialsCommand {
        public CredentialProcess(Services services) {
            super(services, CredentialShape.CREDENTIAL_PROCESS);
        }
    }

    /**
     * {@code export}: Claude Code's {@code awsCredentialExport} JSON; as {@code credential-process}, except that it
     * never prints credentials with less than {@link broker.client.core.RefreshPolicy#CLAUDE_CODE_FLOOR} left, even as
     * a fallback.
     */
    @Command(description = {"Print credentials for Claude Code's awsCredentialExport (stdout: JSON only).",
            "Same cache and refresh rules as credential-process; never prompts."})
    public static final class Export extends CredentialsCommand {
        public Export(Services services) {
            super(services, CredentialShape.EXPORT);
        }
    }
}
