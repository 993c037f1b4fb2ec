package broker.lambda.core.entitlements;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Checks an entitlements document against its format and builds it; collects every problem, never throws. */
final class EntitlementsReader {
    static final int MIN_SESSION_SECONDS = 900;
    static final int MAX_SESSION_SECONDS = 3600; // STS caps role-chained sessions at 1 h
    static final int MAX_KEY_AGE_DAYS = 36600;   // IAM's CredentialAgeDays bound
    static final int DEFAULT_MAX_KEY_AGE_DAYS = 30;
    /** Above this, maxAgeDays needs "allowOverOneYear": true: a key should not outlive a yearly access review. */
    static final int MAX_KEY_AGE_DAYS_WITHOUT_OPT_IN = 365;
    static final int DEFAULT_KEY_AGE_DAYS = 7;
    static final int MAX_KEYS_PER_USER = 2;      // IAM's limit of Bedrock credentials per user
    static final int MAX_GROUP_NAME_LENGTH = 256;

    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]{2,4})?-[a-z]{4,9}-[1-9][0-9]?");
    private static final List<String> ROOT_FIELDS = List.of("version", "default", "groups", "adminGroups", "workloads");
    private static final List<String> WORKLOAD_FIELDS =
            List.of("name", "issuer", "match", "models", "regions", "maxSessionSeconds", "shortTermKeys");
    private static final Pattern WORKLOAD_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern CLAIM_NAME = Pattern.compile("[A-Za-z0-9_:.\\-/]{1,128}");
    private static final int MAX_MATCH_VALUE = 512;
    private static final List<String> PROFILE_FIELDS =
            List.of("models", "regions", "maxSessionSeconds", "shortTermKeys", "longTermKeys");
    private static final List<String> LONG_TERM_KEY_FIELDS =
            List.of("allowed", "maxAgeDays", "defaultAgeDays", "maxKeys", "allowOverOneYear");

    /**
     * The outcome of reading: the document's parts when there is no problem, else every problem and no parts. Parts,
     * not an {@code EntitlementsDocument}, so that the document depends on its reader and not back.
     *
     * @param defaultProfile null when the document has none
     */
    record Reading(List<EntitlementsProblem> problems, Profile defaultProfile, Map<String, Profile> groups,
                   Set<String> adminGroups, List<Workload> workloads) {
        private static Reading failed(List<EntitlementsProblem> problems) {
            return new Reading(List.copyOf(problems), null, Map.of(), Set.of(), List.of());
        }
    }

    private final List<EntitlementsProblem> problems;

    private EntitlementsReader(List<EntitlementsProblem> problems) {
        this.problems = problems;
    }

    static Reading read(String json) {
        var problems = new ArrayList<EntitlementsProblem>();
        JsonNode root = JsonTree.read(json, problems);
        Reading document = root == null ? null : new EntitlementsReader(problems).document(root);
        return problems.isEmpty() && document != null ? document : Reading.failed(problems);
    }

    private Reading document(JsonNode root) {
        String path = JsonPaths.ROOT;
        if (!root.isObject()) {
            problem(path, "The document must be a JSON object such as {\"version\": 1, \"groups\": {…}}; found "
                    + DocumentFields.describe(root) + ".");
            return null;
        }
        unknownFields(root, path, ROOT_FIELDS, "the document");
        version(root.get("version"), JsonPaths.field(path, "version"));
        JsonNode defaultNode = root.get("default");
        Profile defaultProfile = defaultNode == null ? null : profile(defaultNode, JsonPaths.field(path, "default"));
        Map<String, Profile> groups = groups(root.get("groups"), JsonPaths.field(path, "groups"));
        Set<String> adminGroups = adminGroups(root.get("adminGroups"), JsonPaths.field(path, "adminGroups"));
        List<Workload> workloads = workloads(root.get("workloads"), JsonPaths.field(path, "workloads"));
        JsonNode groupsNode = root.get("groups");
        JsonNode workloadsNode = root.get("workloads");
        if (defaultNode == null && (groupsNode == null || groupsNode.isEmpty() && groupsNode.isObject())
                && (workloadsNode == null || workloadsNode.isEmpty() && workloadsNode.isArray())) {
            problem(path, "The document grants nothing: add a \"default\" profile for every signed-in user"
                    + " or at least one profile under \"groups\".");
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new Reading(List.of(), defaultProfile, groups, adminGroups, workloads);
    }

    private void version(JsonNode node, String path) {
        if (node == null) {
            problem(path, "\"version\" is missing: set it to 1.");
        } else if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() != 1) {
            problem(path, "\"version\" must be 1, the only format this broker reads; found " + DocumentFields.describe(node) + ".");
        }
    }

    static final String AMBIGUOUS_GROUP_NAME = "Group names must not hold white space, [, ], \" or ,: API Gateway"
            + " hands the groups claim over as \"[a b]\", where such a name cannot be told from several groups (a group"
            + " \"x admins\" would read as \"x\" and \"admins\"). Use the group's slug or id, as your identity provider"
            + " sends it.";

    /** True when the name holds no character that separates or quotes names in a flattened groups claim. */
    static boolean isUnambiguousGroupName(String name) {
        return name.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || "[]\",".indexOf(c) >= 0);
    }

    private Map<String, Profile> groups(JsonNode node, String path) {
        Map<String, Profile> groups = new LinkedHashMap<>();
        if (node == null) {
            return groups;
        }
        if (!node.isObject()) {
            problem(path, "\"groups\" must be an object from group name to profile; found " + DocumentFields.describe(node) + ".");
            return groups;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String name = entry.getKey();
            String groupPath = JsonPaths.field(path, name);
            if (name.isBlank()) {
                problem(groupPath, "Group names must not be empty or blank: use the group name as your identity provider sends it.");
            } else if (name.length() > MAX_GROUP_NAME_LENGTH) {
                problem(groupPath, "Group names must be at most " + MAX_GROUP_NAME_LENGTH + " characters long.");
            } else if (!isUnambiguousGroupName(name)) {
                problem(groupPath, AMBIGUOUS_GROUP_NAME);
            }
            Profile profile = profile(entry.getValue(), groupPath);
            if (profile != null) {
                groups.put(name, profile);
            }
        }
        return groups;
    }

    /** The {@code workloads} array: each entry an issuer, claims to match and a profile without long-term keys. */
    private List<Workload> workloads(JsonNode node, String path) {
        List<Workload> workloads = new ArrayList<>();
        List<JsonNode> entries = optionalArray(node, path, "\"workloads\" must be an array of entries such as"
                + " {\"name\": \"deploy\", \"issuer\": \"https://token.actions.githubusercontent.com\", \"match\":"
                + " {\"repository\": \"acme/app\"}, \"models\": […], \"regions\": […]}");
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String entryPath = JsonPaths.index(path, i);
            if (!entry.isObject()) {
                problem(entryPath, "A workload entry must be an object with name, issuer, match, models and regions; found "
                        + DocumentFields.describe(entry) + ".");
                continue;
            }
            if (entry.has("longTermKeys")) {
                problem(JsonPaths.field(entryPath, "longTermKeys"), "Workloads never get long-term keys: they sign in"
                        + " with a fresh token on every run. Remove \"longTermKeys\".");
            }
            ObjectNode rest = ((ObjectNode) entry).deepCopy();
            rest.remove("longTermKeys");
            unknownFields(rest, entryPath, WORKLOAD_FIELDS, "a workload entry");
            String name = text(entry, "name", entryPath);
            if (name != null && !WORKLOAD_NAME.matcher(name).matches()) {
                problem(JsonPaths.field(entryPath, "name"), "A workload name is 1-64 letters, digits, '.', '_' or '-',"
                        + " starting with a letter or digit; found " + JsonPaths.quote(name) + ".");
                name = null;
            } else if (name != null && names.containsKey(name)) {
                problem(JsonPaths.field(entryPath, "name"), JsonPaths.quote(name) + " repeats workloads["
                        + names.get(name) + "].name; give each entry its own name.");
                name = null;
            } else if (name != null) {
                names.put(name, i);
            }
            String issuer = text(entry, "issuer", entryPath);
            if (issuer != null && !broker.lambda.core.identity.TrustedIssuers.isIssuerUrl(issuer)) {
                problem(JsonPaths.field(entryPath, "issuer"), "\"issuer\" must be an https URL without query or"
                        + " fragment (http only for localhost), exactly as the workload tokens' iss claim; found "
                        + JsonPaths.quote(issuer) + ".");
                issuer = null;
            }
            Map<String, String> match = match(entry.get("match"), JsonPaths.field(entryPath, "match"));
            ObjectNode profileFields = ((ObjectNode) entry).deepCopy();
            profileFields.retain(List.of("models", "regions", "maxSessionSeconds", "shortTermKeys"));
            Profile profile = profile(profileFields, entryPath);
            if (name != null && issuer != null && match != null && profile != null) {
                workloads.add(new Workload(name, issuer, match, profile));
            }
        }
        return workloads;
    }

    /**
     * The elements of an optional array: none when it is absent, and none with a problem ({@code expected}, then what
     * was found) when it is not an array.
     */
    private List<JsonNode> optionalArray(JsonNode node, String path, String expected) {
        if (node == null) return List.of();
        if (!node.isArray()) {
            problem(path, expected + "; found " + DocumentFields.describe(node) + ".");
            return List.of();
        }
        List<JsonNode> elements = new ArrayList<>(node.size());
        node.forEach(elements::add);
        return elements;
    }

    private Map<String, String> match(JsonNode node, String path) {
        if (node == null) {
            problem(path, "\"match\" is missing: name the claims a token must carry, such as {\"repository\":"
                    + " \"acme/app\", \"ref\": \"refs/heads/main\"}.");
            return null;
        }
        if (!node.isObject() || node.isEmpty()) {
            problem(path, "\"match\" must be an object from claim name to an exact value or a glob with *, with at"
                    + " least one claim; found " + DocumentFields.describe(node) + ".");
            return null;
        }
        Map<String, String> match = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<String, JsonNode> condition : node.properties()) {
            String conditionPath = JsonPaths.field(path, condition.getKey());
            JsonNode value = condition.getValue();
            if (!CLAIM_NAME.matcher(condition.getKey()).matches()) {
                problem(conditionPath, "A claim name is 1-128 letters, digits and _ : . - /.");
                ok = false;
            } else if (!value.isTextual() || value.textValue().isEmpty() || value.textValue().length() > MAX_MATCH_VALUE) {
                problem(conditionPath, "Each claim must match a non-empty string of at most " + MAX_MATCH_VALUE
                        + " characters (an exact value, or a glob with *); found " + DocumentFields.describe(value) + ".");
                ok = false;
            } else if (value.textValue().chars().allMatch(c -> c == '*')) {
                problem(conditionPath, "A pattern of only * matches every token of the issuer: name the value.");
                ok = false;
            } else {
                match.put(condition.getKey(), value.textValue());
            }
        }
        return ok ? match : null;
    }

    private String text(JsonNode parent, String field, String parentPath) {
        JsonNode node = parent.get(field);
        String path = JsonPaths.field(parentPath, field);
        if (node == null) {
            problem(path, "\"" + field + "\" is missing.");
            return null;
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            problem(path, "\"" + field + "\" must be a non-empty string; found " + DocumentFields.describe(node) + ".");
            return null;
        }
        return node.textValue();
    }

    private Set<String> adminGroups(JsonNode node, String path) {
        Set<String> admins = new LinkedHashSet<>();
        List<JsonNode> elements = optionalArray(node, path, "\"adminGroups\" must be an array of group names");
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < elements.size(); i++) {
            JsonNode element = elements.get(i);
            String elementPath = JsonPaths.index(path, i);
            if (!element.isTextual()) {
                problem(elementPath, "Each admin group must be a string (a group name); found " + DocumentFields.describe(element) + ".");
            } else if (element.textValue().isBlank()) {
                problem(elementPath, "Admin group names must not be empty or blank.");
            } else if (!isUnambiguousGroupName(element.textValue())) {
                problem(elementPath, AMBIGUOUS_GROUP_NAME);
            } else if (seen.containsKey(element.textValue())) {
                problem(elementPath, JsonPaths.quote(element.textValue()) + " repeats adminGroups["
                        + seen.get(element.textValue()) + "]; list it once.");
            } else {
                seen.put(element.textValue(), i);
                admins.add(element.textValue());
            }
        }
        return admins;
    }

    private static final List<String> PROFILE_AND_BUDGET_FIELDS =
            java.util.stream.Stream.concat(PROFILE_FIELDS.stream(), java.util.stream.Stream.of("budget")).toList();

    private Profile profile(JsonNode node, String path) {
        if (!node.isObject()) {
            problem(path, "A profile must be an object with \"models\" and \"regions\"; found " + DocumentFields.describe(node) + ".");
            return null;
        }
        unknownFields(node, path, PROFILE_AND_BUDGET_FIELDS, "a profile");
        List<String> models = strings(node, "models", path, "model id", EntitlementsReader::isModelId,
                EntitlementsReader::modelIdProblem);
        List<String> regions = strings(node, "regions", path, "region name", r -> REGION.matcher(r).matches(),
                EntitlementsReader::regionProblem);
        Integer maxSessionSeconds = integer(node, "maxSessionSeconds", path, MIN_SESSION_SECONDS, MAX_SESSION_SECONDS,
                MAX_SESSION_SECONDS, "seconds: STS sessions last at least 15 minutes and role-chained ones at most 1 hour");
        Boolean shortTermKeys = bool(node, "shortTermKeys", path, false);
        LongTermKeys longTermKeys = longTermKeys(node.get("longTermKeys"), JsonPaths.field(path, "longTermKeys"));
        Budget budget = BudgetReader.read(node.get("budget"), JsonPaths.field(path, "budget"), problems);
        if (models == null || regions == null || maxSessionSeconds == null || shortTermKeys == null
                || longTermKeys == null || budget == null) {
            return null;
        }
        return new Profile(new Grant(models, regions), maxSessionSeconds, shortTermKeys, longTermKeys, budget);
    }

    private LongTermKeys longTermKeys(JsonNode node, String path) {
        if (node == null) {
            return LongTermKeys.NONE;
        }
        if (!node.isObject()) {
            problem(path, "\"longTermKeys\" must be an object such as {\"allowed\": true, \"maxAgeDays\": 30}; found "
                    + DocumentFields.describe(node) + ".");
            return null;
        }
        unknownFields(node, path, LONG_TERM_KEY_FIELDS, "\"longTermKeys\"");
        Boolean allowed = null;
        if (node.get("allowed") == null) {
            problem(JsonPaths.field(path, "allowed"), "\"allowed\" is missing: set it to true or false.");
        } else {
            allowed = bool(node, "allowed", path, false);
        }
        Integer maxAgeDays = integer(node, "maxAgeDays", path, 1, MAX_KEY_AGE_DAYS, DEFAULT_MAX_KEY_AGE_DAYS,
                "days: IAM needs an expiry, and never more than 100 years");
        Integer defaultAgeDays = maxAgeDays == null
                ? integer(node, "defaultAgeDays", path, 1, MAX_KEY_AGE_DAYS, DEFAULT_KEY_AGE_DAYS, "days")
                : integer(node, "defaultAgeDays", path, 1, maxAgeDays, Math.min(DEFAULT_KEY_AGE_DAYS, maxAgeDays),
                        "days: at most maxAgeDays");
        Integer maxKeys = integer(node, "maxKeys", path, 1, MAX_KEYS_PER_USER, 1,
                "keys: IAM allows 2 Bedrock API keys per user");
        Boolean overOneYear = bool(node, "allowOverOneYear", path, false);
        if (maxAgeDays != null && overOneYear != null && maxAgeDays > MAX_KEY_AGE_DAYS_WITHOUT_OPT_IN && !overOneYear) {
            problem(JsonPaths.field(path, "maxAgeDays"), "\"maxAgeDays\" above " + MAX_KEY_AGE_DAYS_WITHOUT_OPT_IN
                    + " days needs \"allowOverOneYear\": true in the same object (a key that old outlives most access"
                    + " reviews and often the person's access); found " + maxAgeDays + ".");
            maxAgeDays = null;
        }
        if (allowed == null || maxAgeDays == null || defaultAgeDays == null || maxKeys == null || overOneYear == null) {
            return null;
        }
        return allowed ? new LongTermKeys(true, maxAgeDays, defaultAgeDays, maxKeys) : LongTermKeys.NONE;
    }

    /** A required, non-empty array of distinct valid strings; null when it has a problem. */
    private List<String> strings(JsonNode parent, String field, String parentPath, String what,
                                 Predicate<String> valid, Function<String, String> invalidMessage) {
        String path = JsonPaths.field(parentPath, field);
        JsonNode node = parent.get(field);
        if (node == null) {
            problem(path, "\"" + field + "\" is missing: list at least one " + what + ".");
            return null;
        }
        if (!node.isArray()) {
            problem(path, "\"" + field + "\" must be an array of " + what + "s; found " + DocumentFields.describe(node) + ".");
            return null;
        }
        if (node.isEmpty()) {
            problem(path, "\"" + field + "\" is empty: list at least one " + what + ".");
            return null;
        }
        List<String> values = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean ok = true;
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            String elementPath = JsonPaths.index(path, i);
            if (!element.isTextual()) {
                problem(elementPath, "Each entry must be a string (a " + what + "); found " + DocumentFields.describe(element) + ".");
                ok = false;
            } else if (!valid.test(element.textValue())) {
                problem(elementPath, invalidMessage.apply(element.textValue()));
                ok = false;
            } else if (seen.containsKey(element.textValue())) {
                problem(elementPath, JsonPaths.quote(element.textValue()) + " repeats " + field + "["
                        + seen.get(element.textValue()) + "]; list it once.");
                ok = false;
            } else {
                seen.put(element.textValue(), i);
                values.add(element.textValue());
            }
        }
        return ok ? values : null;
    }

    /** An optional whole number in {@code min..max}, else {@code fallback}; null when it has a problem. */
    private Integer integer(JsonNode parent, String field, String parentPath, int min, int max, int fallback,
                            String unit) {
        JsonNode node = parent.get(field);
        if (node == null) {
            return fallback;
        }
        String path = JsonPaths.field(parentPath, field);
        if (!node.isIntegralNumber()) {
            problem(path, "\"" + field + "\" must be a whole number from " + min + " to " + max + "; found "
                    + DocumentFields.describe(node) + ".");
            return null;
        }
        if (!node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            problem(path, "\"" + field + "\" must be from " + min + " to " + max + " " + unit + "; found "
                    + DocumentFields.describe(node) + ".");
            return null;
        }
        return node.intValue();
    }

    /** An optional boolean, else {@code fallback}; null when it has a problem. */
    private Boolean bool(JsonNode parent, String field, String parentPath, boolean fallback) {
        JsonNode node = parent.get(field);
        if (node == null) {
            return fallback;
        }
        if (!node.isBoolean()) {
            problem(JsonPaths.field(parentPath, field), "\"" + field + "\" must be true or false; found "
                    + DocumentFields.describe(node) + ".");
            return null;
        }
        return node.booleanValue();
    }

    private void unknownFields(JsonNode node, String path, List<String> known, String owner) {
        DocumentFields.unknownFields(node, path, known, owner, problems);
    }

    private void problem(String path, String message) {
        problems.add(new EntitlementsProblem(path, message));
    }

    private static boolean isModelId(String text) {
        return ModelId.parse(text).isPresent();
    }

    private static String modelIdProblem(String text) {
        String shown = JsonPaths.quote(text);
        if (text.startsWith("arn:")) {
            return shown + " is an ARN: name the model id, the part after foundation-model/ or inference-profile/.";
        }
        if (text.contains("?")) {
            return shown + " contains ?: only * is a wildcard, in a family pattern such as anthropic.claude-sonnet-4-5*.";
        }
        if (text.contains("*")) {
            return shown + " is not a model family: put * only in the model name after the provider, as in"
                    + " anthropic.claude-sonnet-4-5* or eu.anthropic.claude-haiku-*, never two in a row.";
        }
        return shown + " is not a Bedrock model id: use a foundation-model id such as"
                + " anthropic.claude-sonnet-4-5-20250929-v1:0, an inference-profile id with a us., eu., apac.,"
                + " jp., au., us-gov. or global. prefix, or a family such as anthropic.claude-sonnet-4-5*, in lower case.";
    }

    private static String regionProblem(String text) {
        String shown = JsonPaths.quote(text);
        if (text.contains("*") || text.contains("?")) {
            return shown + " contains a wildcard: name every region exactly, wildcards are not supported.";
        }
        return shown + " is not an AWS region name such as us-east-1 or eu-central-1.";
    }
}
