package broker.lambda.core.invocationlogging;

import java.util.Objects;
import java.util.Optional;

/**
 * The opt-in custom resource's decisions (issue 18): turn Bedrock's model invocation logging on with the broker's
 * metadata-only setting ({@link LoggingSetting#metadataOnly}), but never replace or remove a configuration the broker
 * did not make. Invocation logging is one setting per account and region, shared with everyone else's tools: it reads
 * the current configuration first, every time.
 */
public final class InvocationLoggingSetup {
    private final InvocationLoggingConfig bedrock;

    public InvocationLoggingSetup(InvocationLoggingConfig bedrock) {
        this.bedrock = Objects.requireNonNull(bedrock, "bedrock");
    }

    /** How a request ended: the custom resource answers SUCCESS or FAILED with this reason. */
    public sealed interface Outcome {
        /** Done (or nothing to do); {@code detail} says which, for the stack events. */
        record Succeeded(String detail) implements Outcome {}

        /** Not done: the reason names what is in the way, never an AWS message. */
        record Refused(String reason) implements Outcome {}
    }

    /** Stack creation: turn logging on unless someone else's configuration is there. */
    public Outcome create(LoggingSetting ours) {
        return switch (bedrock.read()) {
            case InvocationLoggingConfig.Current.Failed(var cause) -> unavailable("read", cause);
            case InvocationLoggingConfig.Current.NotConfigured n -> put(ours, "invocation logging turned on");
            case InvocationLoggingConfig.Current.Configured(var current) when current.sameDestinationAs(ours) ->
                    put(ours, "invocation logging already went to this stack's log group; content delivery set off");
            case InvocationLoggingConfig.Current.Configured(var current) -> new Outcome.Refused(
                    "Bedrock model invocation logging in this region is already configured by someone else (to "
                            + current.destination() + "); the stack does not replace it. Deploy with usageLogGroup "
                            + "naming that group instead, or remove that configuration first.");
        };
    }

    /**
     * A stack update (the group or role changed): replace the configuration only while it is still the one the broker
     * made ({@code previous}) or the new one, or logging is off.
     */
    public Outcome update(LoggingSetting ours, LoggingSetting previous) {
        return switch (bedrock.read()) {
            case InvocationLoggingConfig.Current.Failed(var cause) -> unavailable("read", cause);
            case InvocationLoggingConfig.Current.NotConfigured n -> put(ours, "invocation logging turned on again");
            case InvocationLoggingConfig.Current.Configured(var current)
                    when current.sameDestinationAs(ours) || current.sameDestinationAs(previous) ->
                    put(ours, "invocation logging updated");
            case InvocationLoggingConfig.Current.Configured(var current) -> new Outcome.Refused(
                    "Bedrock model invocation logging in this region was changed by someone else (to "
                            + current.destination() + "); the stack does not replace it.");
        };
    }

    /** Stack deletion (or a rollback): turn logging off only while it is still the broker's own configuration. */
    public Outcome delete(LoggingSetting ours) {
        return switch (bedrock.read()) {
            case InvocationLoggingConfig.Current.Failed(var cause) -> unavailable("read", cause);
            case InvocationLoggingConfig.Current.NotConfigured n -> new Outcome.Succeeded("invocation logging was off");
            case InvocationLoggingConfig.Current.Configured(var current) when current.sameDestinationAs(ours) -> {
                Optional<String> failed = bedrock.delete();
                yield failed.isPresent() ? unavailable("delete", failed.get())
                        : new Outcome.Succeeded("invocation logging turned off");
            }
            case InvocationLoggingConfig.Current.Configured(var current) -> new Outcome.Succeeded(
                    "invocation logging belongs to someone else (" + current.destination() + "); left as it is");
        };
    }

    private Outcome put(LoggingSetting ours, String done) {
        Optional<String> failed = bedrock.put(ours);
        return failed.isPresent() ? unavailable("put", failed.get()) : new Outcome.Succeeded(done);
    }

    private static Outcome unavailable(String call, String cause) {
        return new Outcome.Refused("Bedrock's invocation logging configuration could not be " + switch (call) {
            case "read" -> "read";
            case "put" -> "written";
            default -> "deleted";
        } + " (" + cause + ")");
    }
}
