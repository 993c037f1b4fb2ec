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
 * as text, or with {@code --json} as the broker's document, pretty-printed.
 */
abstract class DocumentCommand<T> extends BrokerCommand {
    @Option(names = "--json", description = "Print the broker's answer as JSON.")
    boolean json;

    private final Function<T, Map<String, Object>> document;
    private final Function<T, String> text;

    /**
     * @param document the broker's answer as received
     * @param text     the answer for people, line breaks included
     */
    DocumentCommand(Services services, Function<T, Map<String, Object>> document, Function<T, String> text) {
        super(services);
        this.document = document;
        this.text = text;
    }

    /** The request, made with the user's ID token. */
    abstract Result<T> request(BrokerClient broker, String idToken);

    @Override
    protected final int run(ClientConfig config) {
        return ask(config, this::request, answer -> services.out().print(json ? Json.writePretty(document.apply(answer))
                : text.apply(answer)));
    }
}
