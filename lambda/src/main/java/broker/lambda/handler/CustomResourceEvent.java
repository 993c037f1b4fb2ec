package broker.lambda.handler;

import broker.lambda.core.invocationlogging.InvocationLoggingSetup;
import broker.lambda.core.invocationlogging.LoggingSetting;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CloudFormation custom resource request for the invocation logging resource, and its response document. The
 * resource's properties are {@code LogGroupName} and {@code RoleArn}; its physical id never changes, so an update is
 * never followed by a delete of the "old" resource.
 *
 * @param requestType {@code Create}, {@code Update} or {@code Delete}
 */
record CustomResourceEvent(String requestType, String responseUrl, String stackId, String requestId,
                           String logicalResourceId, LoggingSetting ours, LoggingSetting previous) {
    static final String PHYSICAL_ID = "BedrockModelInvocationLogging";
    private static final ObjectMapper JSON = new ObjectMapper();

    static CustomResourceEvent of(Map<String, Object> event) {
        if (event == null || !(event.get("ResponseURL") instanceof String url) || !(event.get("RequestType") instanceof String type)) {
            throw new IllegalArgumentException("not a CloudFormation custom resource request");
        }
        return new CustomResourceEvent(type, url, text(event, "StackId"), text(event, "RequestId"),
                text(event, "LogicalResourceId"), setting(event.get("ResourceProperties")),
                event.get("OldResourceProperties") == null ? null : setting(event.get("OldResourceProperties")));
    }

    /** What the setup decides for this request. */
    InvocationLoggingSetup.Outcome decide(InvocationLoggingSetup setup) {
        return switch (requestType) {
            case "Create" -> setup.create(ours);
            case "Update" -> setup.update(ours, previous == null ? ours : previous);
            case "Delete" -> setup.delete(ours);
            default -> new InvocationLoggingSetup.Outcome.Refused("unknown request type " + requestType);
        };
    }

    /** The response document for this outcome. */
    String response(InvocationLoggingSetup.Outcome outcome) {
        Map<String, Object> response = new LinkedHashMap<>();
        boolean ok = outcome instanceof InvocationLoggingSetup.Outcome.Succeeded;
        response.put("Status", ok ? "SUCCESS" : "FAILED");
        response.put("Reason", switch (outcome) {
            case InvocationLoggingSetup.Outcome.Succeeded(var detail) -> detail;
            case InvocationLoggingSetup.Outcome.Refused(var reason) -> reason;
        });
        response.put("PhysicalResourceId", PHYSICAL_ID);
        response.put("StackId", stackId);
        response.put("RequestId", requestId);
        response.put("LogicalResourceId", logicalResourceId);
        response.put("NoEcho", false);
        response.put("Data", Map.of());
        try {
            return JSON.writeValueAsString(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LoggingSetting setting(Object properties) {
        if (!(properties instanceof Map<?, ?> map) || !(map.get("LogGroupName") instanceof String group)
                || !(map.get("RoleArn") instanceof String role)) {
            throw new IllegalArgumentException("the resource needs LogGroupName and RoleArn");
        }
        return LoggingSetting.metadataOnly(group, role);
    }

    private static String text(Map<String, Object> event, String key) {
        return event.get(key) instanceof String s ? s : "";
    }
}
