package broker.client.cli;

import broker.client.config.ClientConfig;
import broker.client.core.ClientFailure;
import broker.client.core.ModelChoice;
import broker.client.core.ProfileSettings;
import broker.client.core.Result;
import broker.client.core.UsableModels;

/**
 * The model ids {@code env} and {@code setup claude} write: from the signed-in user's own list ({@code GET /v1/models}),
 * else (not signed in, broker unreachable, an older broker without the route, no entitlement) the stored
 * client-config's recommendations, with one note on stderr saying so.
 */
final class CallerModels {
    private CallerModels() {
    }

    static ModelChoice choose(Services services, ClientConfig config, ProfileSettings settings) {
        Result<UsableModels> listed = services.authenticated(config, settings, (broker, idToken) -> broker.models(idToken));
        return switch (listed) {
            case Result.Ok<UsableModels>(var list) -> ModelChoice.from(list);
            case Result.Err<UsableModels>(var failure) -> {
                services.err().println("bedrock-broker: note: using the broker's default model ids, not your own list ("
                        + why(failure) + ").");
                yield ModelChoice.of(settings.broker());
            }
        };
    }

    static String why(ClientFailure failure) {
        return switch (failure) {
            case ClientFailure.NotConfigured(var profile) -> "profile " + profile + " is not configured";
            case ClientFailure.LoginRequired(var reason) -> reason;
            case ClientFailure.LoginFailed(var reason) -> reason;
            case ClientFailure.TokenRejected(var detail) -> "the broker did not accept your sign-in";
            case ClientFailure.Refused(var status, var type, var title, var detail) when status == 404 ->
                    "the broker does not serve GET /v1/models yet";
            case ClientFailure.Refused(var status, var type, var title, var detail) ->
                    "the broker refused: " + title + " (HTTP " + status + ")";
            case ClientFailure.Unavailable(var service, var status, var retryAfter, var title) ->
                    service + " is unavailable (" + title + ")";
            case ClientFailure.BudgetExhausted(var detail, var budget, var retryAfter) -> "your budget is used up";
            case ClientFailure.Unreachable(var host, var cause, var message) -> host + " is unreachable";
            case ClientFailure.InvalidResponse(var service, var what) -> service + " gave an " + what;
            case ClientFailure.Busy(var waited) -> "another bedrock-broker process held the lock";
            case ClientFailure.LocalFile(var path, var problem) -> path + ": " + problem;
            case ClientFailure.InvalidSetting(var name, var problem) -> name + ": " + problem;
        };
    }
}
