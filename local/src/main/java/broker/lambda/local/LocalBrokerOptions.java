package broker.lambda.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * How to run a local broker beyond its {@link broker.lambda.wiring.BrokerConfig}.
 *
 * @param port           the loopback port; 0 for any free port
 * @param audiences      accepted JWT audiences (or Cognito {@code client_id}s); at least one
 * @param awsCredentials signs the broker's own STS and IAM calls
 * @param log            the server log (stderr in the command-line broker)
 * @param cors           the browser origins that may call the API
 * @param stateDir       where the broker keeps its state (revocations, people, sessions) across restarts, or null to
 *                       keep it in memory only
 * @param invocationLog  Bedrock invocation logs to count into the usage ledger (a JSON-lines file or a directory of
 *                       {@code .json}/{@code .json.gz} files), or null for none
 * @param keyInactiveAfter key reconciliation: deactivate the long-term keys of people not seen for this long (run at
 *                       start and daily), or null for none
 */
public record LocalBrokerOptions(int port, List<String> audiences, AwsCredentialsProvider awsCredentials,
                                 PrintStream log, Cors cors, Path stateDir, Path invocationLog,
                                 java.time.Duration keyInactiveAfter) {
    public LocalBrokerOptions {
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("port must be 0-65535: " + port);
        audiences = List.copyOf(audiences);
        if (audiences.isEmpty()) throw new IllegalArgumentException("at least one audience is required");
        Objects.requireNonNull(awsCredentials, "awsCredentials");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(cors, "cors");
    }

    /** No key reconciliation. */
    public LocalBrokerOptions(int port, List<String> audiences, AwsCredentialsProvider awsCredentials,
                              PrintStream log, Cors cors, Path stateDir, Path invocationLog) {
        this(port, audiences, awsCredentials, log, cors, stateDir, invocationLog, null);
    }

    /** No invocation log. */
    public LocalBrokerOptions(int port, List<String> audiences, AwsCredentialsProvider awsCredentials,
                              PrintStream log, Cors cors, Path stateDir) {
        this(port, audiences, awsCredentials, log, cors, stateDir, null);
    }

    /** State in memory only. */
    public LocalBrokerOptions(int port, List<String> audiences, AwsCredentialsProvider awsCredentials,
                              PrintStream log, Cors cors) {
        this(port, audiences, awsCredentials, log, cors, null);
    }

    /** No CORS. */
    public LocalBrokerOptions(int port, List<String> audiences, AwsCredentialsProvider awsCredentials,
                              PrintStream log) {
        this(port, audiences, awsCredentials, log, Cors.NONE);
    }

    /** Logs to stderr. */
    public LocalBrokerOptions(int port, List<String> audiences, AwsCredentialsProvider awsCredentials) {
        this(port, audiences, awsCredentials, System.err);
    }
}
