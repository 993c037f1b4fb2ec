package broker.lambda.core.budget;

import broker.lambda.core.entitlements.Budget;
import broker.lambda.core.entitlements.BudgetReader;
import broker.lambda.core.entitlements.EntitlementsProblem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The body of {@code PUT /v1/admin/users/{user}/budget}: a budget as the entitlements write it, or
 * {@code "unlimited": true}, and when the override ends. Checked as the entitlements validator checks a profile's
 * budget, plus the expiry: in the future and at most {@value #MAX_DAYS} days away (an override is an exception, not a
 * second entitlements document).
 * <pre>
 * {"dailyUsd": 50, "monthlyUsd": 500, "warnAtPercent": [80, 90], "expiresAt": "2026-12-31T00:00:00Z"}
 * {"unlimited": true, "expiresAt": "2026-12-09T00:00:00Z"}
 * </pre>
 */
public final class OverrideRequest {
    /** The longest an override may last. */
    public static final int MAX_DAYS = 92;

    private OverrideRequest() {}

    /** What the body says. */
    public sealed interface Parsed {
        /** A valid override. */
        record Ok(BudgetOverride override) implements Parsed {}

        /** Why it is not one: one sentence per problem, with the field's path. */
        record Bad(String detail) implements Parsed {}
    }

    public static Parsed parse(JsonNode body, Instant now) {
        if (body == null || !body.isObject()) {
            return new Parsed.Bad("Send a JSON object such as {\"dailyUsd\": 50, \"expiresAt\": \"2026-12-31T00:00:00Z\"}.");
        }
        List<String> problems = new ArrayList<>();
        Instant expiresAt = expiry(body.get("expiresAt"), now, problems);
        ObjectNode budgetFields = body.deepCopy();
        budgetFields.remove(List.of("expiresAt", "unlimited"));
        JsonNode unlimited = body.get("unlimited");
        Budget budget = null;
        if (unlimited != null && !unlimited.isBoolean()) {
            problems.add("$.unlimited: must be true or absent.");
        } else if (unlimited != null && unlimited.booleanValue()) {
            if (!budgetFields.isEmpty()) problems.add("$: \"unlimited\" lifts every cap: send no other budget field with it.");
            budget = Budget.UNLIMITED;
        } else {
            List<EntitlementsProblem> found = new ArrayList<>();
            budget = BudgetReader.read(budgetFields, "$", found);
            found.forEach(p -> problems.add(p.path() + ": " + p.message()));
        }
        if (!problems.isEmpty() || budget == null || expiresAt == null) {
            return new Parsed.Bad(problems.stream().collect(Collectors.joining(" ")));
        }
        return new Parsed.Ok(new BudgetOverride(budget, expiresAt));
    }

    private static Instant expiry(JsonNode node, Instant now, List<String> problems) {
        if (node == null || !node.isTextual()) {
            problems.add("$.expiresAt: required, an ISO-8601 UTC instant such as \"2026-12-31T00:00:00Z\".");
            return null;
        }
        Instant expiresAt;
        try {
            expiresAt = Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            problems.add("$.expiresAt: not an ISO-8601 UTC instant such as \"2026-12-31T00:00:00Z\".");
            return null;
        }
        if (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(Duration.ofDays(MAX_DAYS)))) {
            problems.add("$.expiresAt: must be in the future and at most " + MAX_DAYS + " days away.");
            return null;
        }
        return expiresAt;
    }
}
