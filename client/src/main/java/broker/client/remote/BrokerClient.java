package broker.client.remote;

import broker.client.core.ApiKey;
import broker.client.core.ApiKeyList;
import broker.client.core.AwsCredentials;
import broker.client.core.BearerToken;
import broker.client.core.BrokerProbe;
import broker.client.core.BrokerSettings;
import broker.client.core.BudgetStatus;
import broker.client.core.ClientFailure;
import broker.client.core.Issued;
import broker.client.core.Issuer;
import broker.client.core.Me;
import broker.client.core.Usage;
import broker.client.core.NewApiKey;
import broker.client.core.Result;
import broker.client.core.SecureUrls;
import broker.client.core.UsableModels;
import broker.client.json.Json;
import broker.client.json.JsonException;
import broker.client.json.JsonFields;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The broker's HTTP API v1: JSON and problem+json answers become core types and {@link ClientFailure}s. */
public final class BrokerClient {
    private static final String SERVICE = "the broker";

    private final URI base;
    private final HttpTransport http;
    private final String userAgent;
    private final java.util.function.Consumer<BudgetStatus> budgetWarnings;

    public BrokerClient(URI base, HttpTransport http, String userAgent) {
        this(base, http, userAgent, budget -> { });
    }

    /** @param budgetWarnings told when an issuance answer carries a {@code budget} object (above a warning threshold) */
    public BrokerClient(URI base, HttpTransport http, String userAgent,
                        java.util.function.Consumer<BudgetStatus> budgetWarnings) {
        this.base = base;
        this.http = http;
        this.userAgent = userAgent;
        this.budgetWarnings = budgetWarnings;
    }

    /** {@code GET /v1/client-config} (public). */
    public Result<BrokerSettings> clientConfig() {
        return probe().map(BrokerProbe::settings);
    }

    /** {@code POST /v1/credentials}; {@code durationSeconds} 0 and a null region mean "the broker's default". */
    public Issuer<AwsCredentials> credentials(int durationSeconds, String region) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (durationSeconds > 0) {
            body.put("durationSeconds", (long) durationSeconds);
        }
        return issuer("/v1/credentials", body, region, fields -> new AwsCredentials(fields.string("accessKeyId"),
                fields.string("secretAccessKey"), fields.string("sessionToken"), fields.string("expiration"),
                fields.optionalString("region")));
    }

    /** {@code POST /v1/bearer-tokens}; a null region means "the broker's default". */
    public Issuer<BearerToken> bearerToken(String region) {
        return issuer("/v1/bearer-tokens", new LinkedHashMap<>(), region, fields -> new BearerToken(
                fields.string("token"), fields.string("expiration"), fields.optionalString("region")));
    }

    /**
     * An issuing route: POSTs {@code body} (plus {@code region} unless null) and reads what it issues, its
     * {@code expiration} and any budget warning from the answer.
     */
    private <T> Issuer<T> issuer(String path, Map<String, Object> body, String region,
                                 Function<JsonFields, T> issued) {
        if (region != null) {
            body.put("region", region);
        }
        return idToken -> http.send(HttpCall.post(route(path), headers(idToken), Json.write(body)))
                .flatMap(reply -> parse(reply, fields -> {
                    Instant expiration = instant(fields.string("expiration"));
                    warnAboutBudget(fields);
                    return new Issued<>(issued.apply(fields), expiration, date(reply));
                }));
    }

    /** {@code GET /v1/client-config} with the broker's clock, for {@code status} and {@code doctor}. */
    public Result<BrokerProbe> probe() {
        return http.send(HttpCall.get(route("/v1/client-config"), headers(null)))
                .flatMap(reply -> parse(reply, fields -> {
                    JsonFields models = fields.objectOrEmpty("models");
                    if (!SecureUrls.allowed(fields.string("issuer"))) {
                        throw new IllegalArgumentException("its issuer " + fields.string("issuer") + " is not an https URL");
                    }
                    return new BrokerProbe(new BrokerSettings(fields.string("issuer"), fields.string("clientId"),
                            fields.strings("scopes"), fields.ints("redirectPorts"), fields.optionalString("region"),
                            models.optionalString("primary"), models.optionalString("fast")), date(reply));
                }));
    }

    /** {@code GET /v1/me}. */
    public Result<Me> me(String idToken) {
        return http.send(HttpCall.get(route("/v1/me"), headers(idToken)))
                .flatMap(reply -> parse(reply, fields -> {
                    Me.Entitlement entitlement = null;
                    if (fields.has("entitlement")) {
                        JsonFields e = fields.objectOrEmpty("entitlement");
                        JsonFields keys = e.objectOrEmpty("longTermKeys");
                        boolean longTerm = bool(keys, "allowed");
                        entitlement = new Me.Entitlement(e.strings("models"), e.strings("regions"),
                                e.longValue("maxSessionSeconds", 0), bool(e, "shortTermKeys"), longTerm,
                                longTerm ? keys.longValue("maxKeys", 0) : 0, longTerm ? keys.longValue("maxAgeDays", 0) : 0,
                                bool(e, "admin"));
                    }
                    return new Me(fields.string("subject"), fields.optionalString("userName"),
                            fields.optionalString("email"), fields.strings("groups"), entitlement, fields.object());
                }));
    }

    /** {@code GET /v1/usage}: the caller's usage today and this month. */
    public Result<Usage> usage(String idToken) {
        return http.send(HttpCall.get(route("/v1/usage"), headers(idToken)))
                .flatMap(reply -> parse(reply, fields -> new Usage(period(fields.objectOrEmpty("today"), "period"),
                        period(fields.objectOrEmpty("month"), "period"), fields.optionalString("updatedAt"),
                        fields.object())));
    }

    private static Usage.Period period(JsonFields fields, String nameField) {
        var models = new ArrayList<Usage.Period>();
        for (JsonFields model : objects(fields, "byModel")) models.add(period(model, "model"));
        Object cost = fields.object().get("costUsd");
        return new Usage.Period(fields.optionalString(nameField),
                cost instanceof Number n ? new java.math.BigDecimal(n.toString()) : java.math.BigDecimal.ZERO,
                fields.longValue("requests", 0), fields.longValue("inputTokens", 0), fields.longValue("outputTokens", 0),
                fields.longValue("cacheReadTokens", 0), fields.longValue("cacheWriteTokens", 0), models);
    }

    /** {@code GET /v1/models}: the caller's usable models and the recommended primary and fast ones. */
    public Result<UsableModels> models(String idToken) {
        return http.send(HttpCall.get(route("/v1/models"), headers(idToken)))
                .flatMap(reply -> parse(reply, fields -> {
                    var models = new ArrayList<UsableModels.Model>();
                    for (JsonFields model : objects(fields, "models")) {
                        models.add(new UsableModels.Model(model.string("id"), model.optionalString("foundationModel"),
                                model.optionalString("name"), model.optionalString("provider"), bool(model, "streaming"),
                                model.strings("regions")));
                    }
                    JsonFields recommended = fields.objectOrEmpty("recommended");
                    return new UsableModels(models, recommended.optionalString("primary"),
                            recommended.optionalString("fast"), fields.optionalString("source"));
                }));
    }

    /**
     * {@code POST /v1/api-keys}.
     *
     * @param ageDays days until the key expires, or 0 for the entitlement's default
     * @param label   a label, or null for none
     */
    public Result<NewApiKey> createApiKey(String idToken, int ageDays, String label) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (ageDays > 0) {
            body.put("ageDays", (long) ageDays);
        }
        if (label != null) {
            body.put("label", label);
        }
        return http.send(HttpCall.post(route("/v1/api-keys"), headers(idToken), Json.write(body)))
                .flatMap(reply -> parse(reply, fields -> new NewApiKey(apiKey(fields), fields.string("secret"))));
    }

    /** {@code GET /v1/api-keys}. */
    public Result<ApiKeyList> listApiKeys(String idToken) {
        return http.send(HttpCall.get(route("/v1/api-keys"), headers(idToken)))
                .flatMap(reply -> parse(reply, fields -> {
                    Object listed = fields.object().get("apiKeys");
                    if (!(listed instanceof List<?> items)) {
                        throw new JsonException("missing \"apiKeys\"");
                    }
                    var keys = new ArrayList<ApiKey>();
                    for (Object item : items) {
                        if (!(item instanceof Map<?, ?> map)) {
                            throw new JsonException("\"apiKeys\" holds a non-object");
                        }
                        @SuppressWarnings("unchecked")
                        var key = apiKey(JsonFields.of((Map<String, Object>) map));
                        keys.add(key);
                    }
                    return new ApiKeyList(keys, (int) fields.longValue("maxKeys", 0));
                }));
    }

    /** {@code DELETE /v1/api-keys/{id}}. */
    public Result<Void> deleteApiKey(String idToken, String id) {
        return http.send(HttpCall.delete(route("/v1/api-keys/" + pathSegment(id)), headers(idToken)))
                .flatMap(reply -> reply.successful() ? Result.<Void>ok(null) : Result.<Void>err(failure(reply)));
    }

    @SuppressWarnings("unchecked")
    private static List<JsonFields> objects(JsonFields fields, String name) {
        if (!(fields.object().get(name) instanceof List<?> items)) {
            throw new JsonException("missing \"" + name + "\"");
        }
        var objects = new ArrayList<JsonFields>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> map)) {
                throw new JsonException("\"" + name + "\" holds a non-object");
            }
            objects.add(JsonFields.of((Map<String, Object>) map));
        }
        return objects;
    }

    private static ApiKey apiKey(JsonFields fields) {
        return new ApiKey(fields.string("id"), fields.optionalString("label"), fields.optionalString("createdAt"),
                fields.optionalString("expiration"), fields.optionalString("status"));
    }

    private static boolean bool(JsonFields fields, String name) {
        return Boolean.TRUE.equals(fields.object().get(name));
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters, so an id can never change the route. */
    static String pathSegment(String text) {
        var out = new StringBuilder();
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private URI route(String path) {
        return URI.create(base + path);
    }

    private Map<String, String> headers(String idToken) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json, application/problem+json");
        headers.put("User-Agent", userAgent);
        if (idToken != null) {
            headers.put("Authorization", "Bearer " + idToken);
            headers.put("Content-Type", "application/json");
        }
        return headers;
    }

    private static <T> Result<T> parse(HttpReply reply, Function<JsonFields, T> reader) {
        if (!reply.successful()) {
            return Result.err(failure(reply));
        }
        try {
            return Result.ok(reader.apply(JsonFields.parse(reply.body())));
        } catch (JsonException | IllegalArgumentException | DateTimeParseException e) {
            return Result.err(new ClientFailure.InvalidResponse(SERVICE, "unexpected answer (" + e.getMessage() + ")"));
        }
    }

    private void warnAboutBudget(JsonFields fields) {
        BudgetStatus budget = budget(fields);
        if (budget != null) {
            budgetWarnings.accept(budget);
        }
    }

    /** The answer's {@code budget} object ({@code used}, {@code limit}, {@code resetsAt}, {@code period}), or null. */
    static BudgetStatus budget(JsonFields fields) {
        if (!(fields.object().get("budget") instanceof Map<?, ?>)) {
            return null;
        }
        Map<String, Object> budget = fields.objectOrEmpty("budget").object();
        if (budget.get("used") instanceof Number used && budget.get("limit") instanceof Number limit
                && budget.get("resetsAt") instanceof String resetsAt) {
            try {
                return new BudgetStatus(budget.get("period") instanceof String p ? p : null,
                        new java.math.BigDecimal(used.toString()), new java.math.BigDecimal(limit.toString()),
                        Instant.parse(resetsAt));
            } catch (DateTimeParseException | NumberFormatException e) {
                return null; // a malformed budget object never costs the credentials
            }
        }
        return null;
    }

    /** The broker's refusal, from its problem+json body when it has one. */
    static ClientFailure failure(HttpReply reply) {
        String type = null;
        String title = null;
        String detail = null;
        BudgetStatus budget = null;
        String gatewayMessage = null;
        if (reply.mediaType().endsWith("json")) {
            try {
                JsonFields problem = JsonFields.parse(reply.body());
                type = problem.optionalString("type");
                gatewayMessage = problem.optionalString("message");
                title = problem.optionalString("title");
                detail = problem.optionalString("detail");
                budget = budget(problem);
            } catch (JsonException e) {
                // fall back on the status alone
            }
        }
        int status = reply.status();
        if (status == 401) {
            return new ClientFailure.TokenRejected(detail);
        }
        // API Gateway's own denial by the broker's Lambda authorizer (a stack with several issuers): the broker's 403s
        // are always problem+json with a type, so this one is about the token, as a 401 from the JWT authorizer is.
        if (status == 403 && type == null && "Forbidden".equals(gatewayMessage)) {
            return new ClientFailure.TokenRejected(null);
        }
        if (type != null && type.endsWith("/budget-exhausted")) {
            return new ClientFailure.BudgetExhausted(detail, budget, retryAfter(reply.header("retry-after")));
        }
        if (status == 429 || status >= 500) {
            return new ClientFailure.Unavailable(SERVICE, status, retryAfter(reply.header("retry-after")),
                    title != null ? title : "HTTP " + status);
        }
        return new ClientFailure.Refused(status, type, title != null ? title : "HTTP " + status, detail);
    }

    static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(Instant.now(),
                        ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"expiration\" is not an ISO-8601 instant");
        }
    }

    /** The answer's {@code Date} header: the broker's clock, to correct for skew. */
    private static Instant date(HttpReply reply) {
        String date = reply.header("date");
        if (date == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
