package broker.client.cli;

import broker.client.config.ClientConfig;
import broker.client.core.Result;
import broker.client.json.Json;
import broker.client.remote.BrokerClient;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The skeleton of {@code whoami} and {@code usage}: one broker request as the signed-in user, whose answer is printed
 * as text, or with {@code --json} as the broker's document, pretty-printed. A command is its request, its document and
 * its text.
 */
abstract class DocumentCommand<T> extends BrokerCommand {
    /** The request, made with the user's ID token; {@code json}: the answer will be printed as received. */
    @FunctionalInterface
    interface Request<T> {
        Result<T> send(BrokerClient broker, String idToken, boolean json);
    }

    @Option(names = "--json", description = "Print the broker's answer as JSON.")
    boolean json;

    private final Request<T> request;
    private final Function<T, Map<String, Object>> document;
    private final Function<T, String> text;

    /**
     * @param document the broker's answer as received
     * @param text     the answer for people, line breaks included
     */
    DocumentCommand(Services services, Request<T> request, Function<T, Map<String, Object>> document,
                    Function<T, String> text) {
        super(services);
        this.request = request;
        this.document = document;
        this.text = text;
    }

    @Override
    protected final int run(ClientConfig config) {
        return ask(config, (broker, idToken) -> request.send(broker, idToken, json), answer -> services.out().print(json
                ? Json.writePretty(document.apply(answer)) : text.apply(answer)));
    }
}
