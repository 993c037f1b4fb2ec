package broker.lambda.core.pricing;

import broker.lambda.core.entitlements.ModelId;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks a pricing document against its format and builds it; collects every problem, never throws. */
final class PricingReader {
    static final int MAX_ENTRIES = 1_000;
    private static final List<String> ROOT_FIELDS = List.of("version", "asOf", "source", "fallback", "models");
    private static final List<String> PRICE_FIELDS = List.of("input", "output", "cacheRead", "cacheWrite");
    private static final List<String> ENTRY_FIELDS =
            List.of("match", "scope", "regions", "input", "output", "cacheRead", "cacheWrite");
    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]{2,4})?-[a-z]{4,9}-[1-9][0-9]?");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final JsonMapper MAPPER = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(16).maxStringLength(10_000).maxNumberLength(40).build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * The outcome: the document's parts when there is no problem (a part the document leaves out is null), else every
     * problem and no parts. Parts, not a {@code PriceTable}, so that the table depends on its reader and not back.
     */
    record Reading(List<PricingProblem> problems, List<PriceEntry> entries, TokenPrice fallback, LocalDate asOf,
                   String source) {
        static Reading failed(List<PricingProblem> problems) {
            return new Reading(List.copyOf(problems), List.of(), null, null, null);
        }
    }

    private final List<PricingProblem> problems = new ArrayList<>();

    private PricingReader() {}

    /**
     * @param complete true for a complete table (fallback, asOf and source required); false for an operator's
     *                 override, where every field but {@code version} is optional
     */
    static Reading read(String json, boolean complete) {
        return new PricingReader().document(json, complete);
    }

    private Reading document(String json, boolean complete) {
        JsonNode root;
        if (json == null || json.isBlank()) {
            return failed("$", "The document is empty: it must be a JSON object such as {\"version\": 1, \"models\": […]}.");
        }
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            return failed("$", "The document is not valid JSON" + where + ": " + firstLine(e.getOriginalMessage()) + ".");
        }
        if (root == null || !root.isObject()) {
            return failed("$", "The document must be a JSON object such as {\"version\": 1, \"models\": […]}.");
        }
        unknownFields(root, "$", ROOT_FIELDS);
        JsonNode version = root.get("version");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() != 1) {
            problem("$.version", "\"version\" must be 1, the only format this broker reads.");
        }
        LocalDate asOf = asOf(root.get("asOf"), complete);
        String source = source(root.get("source"), complete);
        TokenPrice fallback = null;
        JsonNode fallbackNode = root.get("fallback");
        if (fallbackNode == null) {
            if (complete) problem("$.fallback", "\"fallback\" is missing: state the price of models no row matches.");
        } else if (!fallbackNode.isObject()) {
            problem("$.fallback", "\"fallback\" must be an object with input, output, cacheRead and cacheWrite prices.");
        } else {
            unknownFields(fallbackNode, "$.fallback", PRICE_FIELDS);
            fallback = price(fallbackNode, "$.fallback");
        }
        List<PriceEntry> entries = entries(root.get("models"));
        if (!problems.isEmpty()) return Reading.failed(problems);
        return new Reading(List.of(), List.copyOf(entries), fallback, asOf, source);
    }

    private LocalDate asOf(JsonNode node, boolean complete) {
        if (node == null) {
            if (complete) problem("$.asOf", "\"asOf\" is missing: give the date the prices were checked, e.g. \"2026-12-07\".");
            return null;
        }
        try {
            return node.isTextual() ? LocalDate.parse(node.textValue()) : invalidDate();
        } catch (DateTimeParseException e) {
            return invalidDate();
        }
    }

    private LocalDate invalidDate() {
        problem("$.asOf", "\"asOf\" must be a date such as \"2026-12-07\".");
        return null;
    }

    private String source(JsonNode node, boolean complete) {
        if (node == null) {
            if (complete) problem("$.source", "\"source\" is missing: say where the prices come from.");
            return null;
        }
        if (!node.isTextual() || node.textValue().isBlank() || node.textValue().length() > 1_000) {
            problem("$.source", "\"source\" must be a non-empty text of at most 1000 characters.");
            return null;
        }
        return node.textValue();
    }

    private List<PriceEntry> entries(JsonNode node) {
        List<PriceEntry> entries = new ArrayList<>();
        if (node == null) return entries;
        if (!node.isArray()) {
            problem("$.models", "\"models\" must be an array of price rows.");
            return entries;
        }
        if (node.size() > MAX_ENTRIES) {
            problem("$.models", "\"models\" has " + node.size() + " rows; at most " + MAX_ENTRIES + " are allowed.");
            return entries;
        }
        for (int i = 0; i < node.size(); i++) {
            PriceEntry entry = entry(node.get(i), "$.models[" + i + "]");
            if (entry != null) entries.add(entry);
        }
        return entries;
    }

    private PriceEntry entry(JsonNode node, String path) {
        if (!node.isObject()) {
            problem(path, "A price row must be an object such as {\"match\": \"anthropic.claude-sonnet-4-5*\","
                    + " \"input\": 3, \"output\": 15, \"cacheRead\": 0.3, \"cacheWrite\": 3.75}.");
            return null;
        }
        int before = problems.size();
        unknownFields(node, path, ENTRY_FIELDS);
        String match = match(node.get("match"), path + ".match");
        PriceScope scope = null;
        JsonNode scopeNode = node.get("scope");
        if (scopeNode != null) {
            scope = scopeNode.isTextual() ? PriceScope.ofText(scopeNode.textValue()) : null;
            if (scope == null) {
                problem(path + ".scope", "\"scope\" must be \"global\", \"geography\" or \"in-region\".");
            }
        }
        List<String> regions = regions(node.get("regions"), path + ".regions");
        TokenPrice price = price(node, path);
        return problems.size() == before ? new PriceEntry(match, scope, regions, price) : null;
    }

    private String match(JsonNode node, String path) {
        if (node == null || !node.isTextual()) {
            problem(path, "\"match\" is missing: name a foundation-model id or a family such as \"anthropic.claude-sonnet-4-5*\".");
            return null;
        }
        String text = node.textValue();
        return switch (ModelId.parse(text).orElse(null)) {
            case ModelId.FoundationModel model -> text;
            case ModelId.Family family when family.geography() == null -> text;
            case ModelId.Family family -> prefixed(path, text);
            case ModelId.InferenceProfile profile -> prefixed(path, text);
            case null -> {
                problem(path, quote(text) + " is not a foundation-model id or family such as \"anthropic.claude-sonnet-4-5*\".");
                yield null;
            }
        };
    }

    private String prefixed(String path, String text) {
        problem(path, quote(text) + " starts with an inference-profile prefix: match the foundation model and use"
                + " \"scope\" (\"global\", \"geography\", \"in-region\") to price profiles differently.");
        return null;
    }

    private List<String> regions(JsonNode node, String path) {
        List<String> regions = new ArrayList<>();
        if (node == null) return regions;
        if (!node.isArray() || node.isEmpty()) {
            problem(path, "\"regions\" must be a non-empty array of region names such as \"eu-west-1\".");
            return regions;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode region = node.get(i);
            if (!region.isTextual() || !REGION.matcher(region.textValue()).matches()) {
                problem(path + "[" + i + "]", "Not a region name such as \"eu-west-1\".");
            } else {
                regions.add(region.textValue());
            }
        }
        return regions;
    }

    private TokenPrice price(JsonNode node, String path) {
        BigDecimal[] values = new BigDecimal[PRICE_FIELDS.size()];
        for (int i = 0; i < values.length; i++) {
            String field = PRICE_FIELDS.get(i);
            values[i] = amount(node.get(field), path + "." + field, field);
        }
        for (BigDecimal value : values) {
            if (value == null) return null;
        }
        return new TokenPrice(values[0], values[1], values[2], values[3]);
    }

    private BigDecimal amount(JsonNode node, String path, String field) {
        if (node == null) {
            problem(path, "\"" + field + "\" is missing: give the USD per million tokens (0 when free).");
            return null;
        }
        if (!node.isNumber()) {
            problem(path, "\"" + field + "\" must be a number of USD per million tokens.");
            return null;
        }
        BigDecimal value = node.decimalValue();
        if (value.signum() < 0 || value.compareTo(TokenPrice.MAX_USD_PER_MILLION) > 0) {
            problem(path, "\"" + field + "\" must be between 0 and " + TokenPrice.MAX_USD_PER_MILLION
                    + " USD per million tokens.");
            return null;
        }
        if (value.stripTrailingZeros().scale() > TokenPrice.MAX_SCALE) {
            problem(path, "\"" + field + "\" has more than " + TokenPrice.MAX_SCALE + " decimal places.");
            return null;
        }
        return value;
    }

    private void unknownFields(JsonNode node, String path, List<String> known) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!known.contains(field.getKey())) {
                String name = field.getKey();
                String fieldPath = PLAIN_NAME.matcher(name).matches() ? path + "." + name : path + "[" + quote(name) + "]";
                problem(fieldPath, "Unknown field " + quote(name) + "; the fields here are " + String.join(", ", known) + ".");
            }
        }
    }

    private Reading failed(String path, String message) {
        problem(path, message);
        return Reading.failed(problems);
    }

    private void problem(String path, String message) {
        problems.add(new PricingProblem(path, message));
    }

    private static String quote(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        StringBuilder out = new StringBuilder("\"");
        shown.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\' || (c >= 0xd800 && c <= 0xdfff)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }

    private static String firstLine(String message) {
        String text = message == null ? "unknown error" : message.replaceAll("\\s+", " ").strip();
        if (text.endsWith(".")) text = text.substring(0, text.length() - 1);
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
