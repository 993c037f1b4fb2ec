package broker.lambda.core.entitlements;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Reads a {@code budget} object (a profile's, an admin's override); every problem goes to the list with its JSON path. */
public final class BudgetReader {
    /** The largest cap: a billion dollars keeps every sum of micro-USD far inside a long. */
    static final BigDecimal MAX_USD = BigDecimal.valueOf(1_000_000_000L);
    static final int MAX_THRESHOLDS = 5;
    private static final List<String> FIELDS = List.of("dailyUsd", "monthlyUsd", "warnAtPercent");

    private BudgetReader() {}

    /**
     * Reads a {@code budget} object as the entitlements validator does ({@code dailyUsd}, {@code monthlyUsd},
     * {@code warnAtPercent}): {@link Budget#UNLIMITED} when the node is absent; null when it has a problem, each one
     * added to {@code problems} with its JSON path.
     */
    public static Budget read(JsonNode node, String path, List<EntitlementsProblem> problems) {
        if (node == null) {
            return Budget.UNLIMITED;
        }
        if (!node.isObject()) {
            problems.add(new EntitlementsProblem(path, "\"budget\" must be an object such as {\"dailyUsd\": 20,"
                    + " \"monthlyUsd\": 300}; found " + DocumentFields.describe(node) + "."));
            return null;
        }
        int before = problems.size();
        DocumentFields.unknownFields(node, path, FIELDS, "\"budget\"", problems);
        OptionalLong daily = usd(node, "dailyUsd", path, problems);
        OptionalLong monthly = usd(node, "monthlyUsd", path, problems);
        List<Integer> thresholds = thresholds(node.get("warnAtPercent"), JsonPaths.field(path, "warnAtPercent"), problems);
        if (node.get("dailyUsd") == null && node.get("monthlyUsd") == null) {
            problems.add(new EntitlementsProblem(path, "\"budget\" caps nothing: set \"dailyUsd\", \"monthlyUsd\" or"
                    + " both (leave \"budget\" out for no cap)."));
        }
        if (problems.size() > before || daily == null || monthly == null || thresholds == null) {
            return null;
        }
        return new Budget(daily, monthly, thresholds);
    }

    /** An optional amount in USD, converted to micro-USD; null when it has a problem. */
    private static OptionalLong usd(JsonNode parent, String field, String parentPath, List<EntitlementsProblem> problems) {
        JsonNode node = parent.get(field);
        if (node == null) {
            return OptionalLong.empty();
        }
        String path = JsonPaths.field(parentPath, field);
        if (!node.isNumber()) {
            problems.add(new EntitlementsProblem(path, "\"" + field + "\" must be an amount in USD such as 25 or 12.50;"
                    + " found " + DocumentFields.describe(node) + "."));
            return null;
        }
        BigDecimal usd = node.decimalValue();
        if (usd.signum() <= 0 || usd.compareTo(MAX_USD) > 0) {
            problems.add(new EntitlementsProblem(path, "\"" + field + "\" must be more than 0 and at most "
                    + MAX_USD.toPlainString() + " USD; found " + usd.toPlainString() + "."));
            return null;
        }
        if (usd.stripTrailingZeros().scale() > 6) {
            problems.add(new EntitlementsProblem(path, "\"" + field + "\" has more than 6 decimals; the ledger counts"
                    + " micro-USD; found " + usd.toPlainString() + "."));
            return null;
        }
        return OptionalLong.of(usd.movePointRight(6).longValueExact());
    }

    private static List<Integer> thresholds(JsonNode node, String path, List<EntitlementsProblem> problems) {
        if (node == null) {
            return Budget.DEFAULT_WARN_AT_PERCENT;
        }
        if (!node.isArray() || node.isEmpty() || node.size() > MAX_THRESHOLDS) {
            problems.add(new EntitlementsProblem(path, "\"warnAtPercent\" must be an array of 1 to " + MAX_THRESHOLDS
                    + " percentages such as [80, 90]; found " + DocumentFields.describe(node)
                    + (node.isArray() ? " of " + node.size() : "") + "."));
            return null;
        }
        List<Integer> thresholds = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            String elementPath = JsonPaths.index(path, i);
            if (!element.isIntegralNumber() || !element.canConvertToInt() || element.intValue() <= 0
                    || element.intValue() >= 100) {
                problems.add(new EntitlementsProblem(elementPath, "Each threshold must be a whole percentage from 1 to 99;"
                        + " found " + DocumentFields.describe(element) + "."));
                ok = false;
            } else if (!thresholds.isEmpty() && element.intValue() <= thresholds.getLast()) {
                problems.add(new EntitlementsProblem(elementPath, "Thresholds must ascend: " + element.intValue()
                        + " is not above " + thresholds.getLast() + "."));
                ok = false;
            } else {
                thresholds.add(element.intValue());
            }
        }
        return ok ? thresholds : null;
    }
}
