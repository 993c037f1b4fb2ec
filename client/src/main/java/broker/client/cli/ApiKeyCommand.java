package broker.client.cli;

import broker.client.config.ClientConfig;
import broker.client.core.ApiKey;
import broker.client.core.ApiKeyList;
import broker.client.core.ClientFailure;
import broker.client.core.NewApiKey;
import broker.client.json.Json;
import broker.client.remote.BrokerClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code api-key}: the signed-in user's long-term Bedrock API keys ({@code /v1/api-keys}), for tools that only take a
 * static key. The secret is printed once, when the key is created.
 */
@Command(name = "api-key", description = {"Create, list and revoke your long-term Bedrock API keys.",
        "Each key expires (your entitlement sets the limit); prefer 'token' or credentials where a tool allows."})
public final class ApiKeyCommand extends GroupCommand {

    /** {@code api-key create}. */
    @Command(name = "create", description = {"Create a key; its secret is printed once, on stdout.",
            "Use the secret as AWS_BEARER_TOKEN_BEDROCK (or Authorization: Bearer)."})
    public static final class Create extends BrokerCommand {
        @Option(names = "--label", paramLabel = "TEXT", description = "A label to recognise the key by (up to 64 characters).")
        String label;

        @Option(names = "--days", paramLabel = "N", description = "Days until it expires (default: your entitlement's).")
        int days;

        @Option(names = "--json", description = "Print {id, secret, label, createdAt, expiration, status}.")
        boolean json;

        public Create(Services services) {
            super(services);
        }

        @Override
        protected int run(ClientConfig config) {
            if (days < 0) {
                return fail(config, new ClientFailure.InvalidSetting("--days", "must be 1 or more"));
            }
            return ask(config, (broker, idToken) -> broker.createApiKey(idToken, days, label), this::print);
        }

        private void print(NewApiKey created) {
            ApiKey key = created.key();
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("id", key.id());
                out.put("secret", created.secret());
                out.put("label", key.label());
                out.put("createdAt", key.createdAt());
                out.put("expiration", key.expiration());
                out.put("status", key.status());
                services.out().println(Json.write(out));
            } else {
                services.out().println("Secret:   " + created.secret());
                services.out().println("Key id:   " + key.id());
                if (!key.label().isEmpty()) {
                    services.out().println("Label:    " + key.label());
                }
                services.out().println("Expires:  " + (key.expiration() == null ? "never" : key.expiration()));
            }
            services.out().flush();
            services.err().println("Store the secret now: it is shown only this once. Use it as AWS_BEARER_TOKEN_BEDROCK;"
                    + " revoke it with: bedrock-broker api-key revoke " + key.id());
        }
    }

    /** {@code api-key list}. */
    @Command(name = "list", description = "List your keys (never their secrets).")
    public static final class ListKeys extends BrokerCommand {
        @Option(names = "--json", description = "Print {apiKeys: [{id, label, createdAt, expiration, status}], maxKeys}.")
        boolean json;

        public ListKeys(Services services) {
            super(services);
        }

        @Override
        protected int run(ClientConfig config) {
            return ask(config, BrokerClient::listApiKeys, list -> services.out().print(json ? json(list) : table(list)));
        }

        static String json(ApiKeyList list) {
            var keys = new ArrayList<Object>();
            for (ApiKey key : list.keys()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", key.id());
                item.put("label", key.label());
                item.put("createdAt", key.createdAt());
                item.put("expiration", key.expiration());
                item.put("status", key.status());
                keys.add(item);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("apiKeys", keys);
            if (list.maxKeys() > 0) {
                out.put("maxKeys", (long) list.maxKeys());
            }
            return Json.write(out) + "\n";
        }

        static String table(ApiKeyList list) {
            if (list.keys().isEmpty()) {
                return "No API keys." + (list.maxKeys() > 0 ? " You may hold up to " + list.maxKeys() + "." : "") + "\n";
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "LABEL", "CREATED", "EXPIRES", "STATUS"});
            for (ApiKey key : list.keys()) {
                rows.add(new String[] {key.id(), key.label(), key.createdAt(),
                        key.expiration() == null ? "never" : key.expiration(), key.status()});
            }
            int[] widths = new int[5];
            for (String[] row : rows) {
                for (int i = 0; i < 5; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            var out = new StringBuilder();
            for (String[] row : rows) {
                var line = new StringBuilder();
                for (int i = 0; i < 5; i++) {
                    line.append(row[i]).append(i < 4 ? " ".repeat(widths[i] - row[i].length() + 2) : "");
                }
                out.append(line.toString().stripTrailing()).append('\n');
            }
            if (list.maxKeys() > 0) {
                out.append(list.keys().size()).append(" of at most ").append(list.maxKeys()).append(" keys.\n");
            }
            return out.toString();
        }
    }

    /** {@code api-key revoke ID}. */
    @Command(name = "revoke", description = "Delete one of your keys; it stops working at once.")
    public static final class Revoke extends BrokerCommand {
        @Parameters(paramLabel = "ID", description = "The key id (see: bedrock-broker api-key list).")
        String id;

        public Revoke(Services services) {
            super(services);
        }

        @Override
        protected int run(ClientConfig config) {
            return ask(config, (broker, idToken) -> broker.deleteApiKey(idToken, id),
                    ignored -> services.out().println("Revoked API key " + id + "."));
        }
    }
}
