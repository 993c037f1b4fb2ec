package broker.client.cli.helper;

import broker.client.cli.BrokerCommand;
import broker.client.cli.Services;
import broker.client.config.ClientConfig;
import broker.client.core.OidcTokens;
import broker.client.core.TelemetryIdentity;
import broker.client.json.Json;
import broker.client.json.JsonException;
import broker.client.json.JsonFields;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code helper otel-headers}: Claude Code's {@code otelHeadersHelper}. Prints a JSON object of headers naming the
 * signed-in person ({@link TelemetryIdentity}) from the cached sign-in: no broker call, no network. Claude Code runs it
 * at start-up and then every {@code CLAUDE_CODE_OTEL_HEADERS_HELPER_DEBOUNCE_MS} (29 min by default) and drops the
 * batch when the answer is not a JSON object, so without a sign-in it prints {@code {}} (exit 0) and says why on
 * stderr: telemetry flows, unattributed.
 */
@Command(name = "otel-headers", description = {"Claude Code's otelHeadersHelper: JSON headers naming the signed-in person.",
        "Read from the cached sign-in (no broker call); {} when nobody is signed in."})
public final class OtelHeadersHelperCommand extends BrokerCommand {
    @Option(names = "--user-name-claim", paramLabel = "CLAIM",
            description = "ID-token claim with the user name (default: preferred_username, cognito:username, verified email).")
    String userNameClaim;

    @Option(names = "--groups-claim", paramLabel = "CLAIM",
            description = "ID-token claim with the groups (default: groups, then cognito:groups).")
    String groupsClaim;

    @Option(names = "--cost-centre-claim", paramLabel = "CLAIM",
            description = "ID-token claim with the cost centre, sent as x-cost-center (default: none).")
    String costCentreClaim;

    public OtelHeadersHelperCommand(Services services) {
        super(services);
    }

    @Override
    protected int run(ClientConfig config) {
        Optional<OidcTokens> tokens = services.tokenFile(config).read();
        Map<String, Object> claims = tokens.map(t -> claims(t.idToken())).orElse(Map.of());
        Map<String, String> headers = new TelemetryIdentity(userNameClaim, groupsClaim, costCentreClaim).headers(claims);
        if (headers.isEmpty()) {
            services.err().println("bedrock-broker: note: nobody is signed in to profile '" + config.profile()
                    + "', so telemetry is not attributed to a person. Run: bedrock-broker login");
        }
        services.out().println(Json.write(headers));
        services.out().flush();
        return HelperRuns.OK;
    }

    /** The ID token's payload, unverified: it only labels telemetry, and the issuer sent it to this user over TLS. */
    private static Map<String, Object> claims(String jwt) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            return Map.of();
        }
        try {
            return JsonFields.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)).object();
        } catch (IllegalArgumentException | JsonException e) {
            return Map.of();
        }
    }
}
