package broker.client.remote;

import broker.client.core.AwsCredentials;
import broker.client.core.BearerToken;
import broker.client.core.BrokerSettings;
import broker.client.core.ClientFailure;
import broker.client.core.Issued;
import broker.client.core.Issuer;
import broker.client.core.Result;
import broker.client.json.Json;
import broker.client.json.JsonException;
import broker.client.json.JsonFields;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** The broker's HTTP API v1: JSON and problem+json answers become core types and {@link ClientFailure}s. */
public final class BrokerClient {
    private static final String SERVICE = "the broker";

    private final URI base;
    private final HttpTransport http;
    private final String userAgent;

    public BrokerClient(URI base, HttpTransport http, String userAgent) {
        this.base = base;
        this.http = http;
        this.userAgent = userAgent;
    }

    /** {@code GET /v1/client-config} (public). */
    public Result<BrokerSettings> clientConfig() {
        return http.send(HttpCall.get(route("/v1/client-config"), headers(null)))
                .flatMap(reply -> parse(reply, fields -> {
                    JsonFields models = fields.objectOrEmpty("models");
                    return new BrokerSettings(fields.string("issuer"), fields.string("clientId"), fields.strings("scopes"),
                            fields.ints("redirectPorts"), fields.optionalString("region"),
                            models.optionalString("primary"), models.optionalString("fast"));
                }));
    }

    /** {@code POST /v1/credentials}; {@code durationSeconds} 0 and a null region mean "the broker's default". */
    public Issuer<AwsCredentials> credentials(int durationSeconds, String region) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (durationSeconds > 0) {
            body.put("durationSeconds", (long) durationSeconds);
        }
        if (region != null) {
            body.put("region", region);
        }
        return idToken -> http.send(HttpCall.post(route("/v1/credentials"), headers(idToken), Json.write(body)))
                .flatMap(reply -> parse(reply, fields -> {
                    Instant expiration = instant(fields.string("expiration"));
                    var credentials = new AwsCredentials(fields.string("accessKeyId"), fields.string("secretAccessKey"),
                            fields.string("sessionToken"), fields.string("expiration"), fields.optionalString("region"));
                    return new Issued<>(credentials, expiration, date(reply));
                }));
    }

    /** {@code POST /v1/bearer-tokens}; a null region means "the broker's default". */
    public Issuer<BearerToken> bearerToken(String region) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (region != null) {
            body.put("region", region);
        }
        return idToken -> http.send(HttpCall.post(route("/v1/bearer-tokens"), headers(idToken), Json.write(body)))
                .flatMap(reply -> parse(reply, fields -> {
                    Instant expiration = instant(fields.string("expiration"));
                    var token = new BearerToken(fields.string("token"), fields.string("expiration"),
                            fields.optionalString("region"));
                    return new Issued<>(token, expiration, date(reply));
                }));
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

    /** The broker's refusal, from its problem+json body when it has one. */
    static ClientFailure failure(HttpReply reply) {
        String type = null;
        String title = null;
        String detail = null;
        if (reply.mediaType().endsWith("json")) {
            try {
                JsonFields problem = JsonFields.parse(reply.body());
                type = problem.optionalString("type");
                title = problem.optionalString("title");
                detail = problem.optionalString("detail");
            } catch (JsonException e) {
                // fall back on the status alone
            }
        }
        int status = reply.status();
        if (status == 401) {
            return new ClientFailure.TokenRejected(detail);
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
