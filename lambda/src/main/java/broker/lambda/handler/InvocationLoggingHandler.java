package broker.lambda.handler;

import broker.lambda.aws.CloudFormationResponder;
import broker.lambda.core.invocationlogging.InvocationLoggingSetup;
import broker.lambda.wiring.CredentialsWiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * The opt-in invocation logging custom resource: turns Bedrock's model invocation logging on (metadata only) at stack
 * creation and off at deletion, never touching a configuration the broker did not make ({@link InvocationLoggingSetup}).
 * Every request is answered, a failure too, so a stack never waits an hour for a silent resource. Adapts; never decides.
 */
public class InvocationLoggingHandler implements RequestHandler<Map<String, Object>, String> {
    private final InvocationLoggingSetup setup;
    private final CloudFormationResponder responder;

    /** Lambda runtime: the function's region, credentials from its role. */
    public InvocationLoggingHandler() {
        this(CredentialsWiring.invocationLoggingSetup(System.getenv(), EnvironmentVariableCredentialsProvider.create()),
                new CloudFormationResponder());
    }

    /** Tests. */
    public InvocationLoggingHandler(InvocationLoggingSetup setup, CloudFormationResponder responder) {
        this.setup = setup;
        this.responder = responder;
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        CustomResourceEvent request = CustomResourceEvent.of(event);
        InvocationLoggingSetup.Outcome outcome;
        try {
            outcome = request.decide(setup);
        } catch (RuntimeException e) {
            // A bug, not an AWS answer: the stack must still hear back (the log has the request id).
            outcome = new InvocationLoggingSetup.Outcome.Refused("internal error, see the function's log for request "
                    + (context == null ? "" : context.getAwsRequestId()));
        }
        String response = request.response(outcome);
        responder.send(request.responseUrl(), response);
        return response;
    }
}
