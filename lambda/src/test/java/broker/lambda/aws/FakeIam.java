package broker.lambda.aws;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A stateful IAM behind WireMock, for flows that take many calls: users (names unique ignoring case), their tags,
 * boundary, inline policies and Bedrock service-specific credentials (at most 2), and role inline policies. It
 * answers in IAM's Query/XML protocol with the bodies of the IAM API reference and IAM's error codes, so the real
 * SDK client parses everything. Register it with {@code extensions(fakeIam)} and route requests to it with
 * {@code aResponse().withTransformers(FakeIam.NAME)}; higher-priority stubs inject faults.
 */
public final class FakeIam implements ResponseDefinitionTransformerV2 {
    public static final String NAME = "fake-iam";
    private static final String NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final String ACCOUNT = "123456789012";
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    public record Credential(String id, String secret, Instant created, Instant expiration, String status) {}

    public static final class User {
        public final String name;
        public final String path;
        public String boundary;
        public final Map<String, String> tags = new TreeMap<>();
        public final Map<String, String> policies = new TreeMap<>();
        public final List<Credential> credentials = new ArrayList<>();

        User(String name, String path) {
            this.name = name;
            this.path = path;
        }
    }

    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, String> rolePolicies = new TreeMap<>();
    /** What each role policy held before its last write: IAM's eventual consistency serves it for a while. */
    private final Map<String, String> previousRolePolicies = new TreeMap<>();
    private final Map<String, Integer> staleReadsLeft = new TreeMap<>();
    private int staleReadsPerWrite;
    private final List<String> rolePolicyWrites = new ArrayList<>();
    private final Supplier<Instant> clock;
    private int nextId = 1;
    /** IAM users of the account that are not in {@link #users()} (people's, roles' humans): GetAccountSummary counts them. */
    public int otherAccountUsers = 40;
    public int usersQuota = 5000;

    public FakeIam(Supplier<Instant> clock) {
        this.clock = clock;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    /** Every user, by name. */
    public synchronized Map<String, User> users() {
        return Map.copyOf(users);
    }

    public synchronized User user(String name) {
        return users.get(name.toLowerCase(Locale.ROOT));
    }

    /** A user created outside the broker (another person's, or a human's). */
    public synchronized User addUser(String name, String path, Map<String, String> tags) {
        User user = new User(name, path);
        user.tags.putAll(tags);
        users.put(name.toLowerCase(Locale.ROOT), user);
        return user;
    }

    /** A credential created outside the broker. */
    public synchronized Credential addCredential(String userName, int ageDays) {
        return create(user(userName), ageDays);
    }

    /** A credential created at {@code created} (IAM's CreateDate), valid for {@code ageDays}. */
    public synchronized Credential addCredential(String userName, Instant created, int ageDays) {
        User user = user(userName);
        Credential c = new Credential(String.format("ACCAFAKEIAM%010d", nextId),
                String.format("ABSKRmFrZUlhbVNlY3JldA%010dSECRET", nextId++), created, created.plus(Duration.ofDays(ageDays)),
                "Active");
        user.credentials.add(c);
        return c;
    }

    public synchronized String rolePolicy(String role, String policy) {
        return rolePolicies.get(role + "/" + policy);
    }

    public synchronized void putRolePolicy(String role, String policy, String document) {
        rolePolicies.put(role + "/" + policy, document);
    }

    /**
     * IAM's eventual consistency: after each PutRolePolicy, the next {@code reads} GetRolePolicy calls of that policy
     * answer what it held before the write (nothing, when it did not exist).
     */
    public synchronized void staleRolePolicyReads(int reads) {
        staleReadsPerWrite = reads;
    }

    /** Every document PutRolePolicy received, in order. */
    public synchronized List<String> rolePolicyWrites() {
        return List.copyOf(rolePolicyWrites);
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Map<String, String> form = IamWire.form(event.getRequest().getBodyAsString());
        String action = form.get("Action");
        String userName = form.get("UserName");
        User user = userName == null ? null : users.get(userName.toLowerCase(Locale.ROOT));
        boolean needsUser = !List.of("CreateUser", "GetRolePolicy", "PutRolePolicy", "ListUsers", "GetAccountSummary")
                .contains(action);
        if (needsUser && user == null) {
            return error(404, "NoSuchEntity", "The user with name " + userName + " cannot be found.");
        }
        switch (action) {
            case "GetUser":
                return ok(action, "<User>" + userXml(user) + "</User>");
            case "CreateUser": {
                if (user != null) return error(409, "EntityAlreadyExists", "User with name " + userName + " already exists.");
                Map<String, String> tags = members(form, "Tags.member.", ".Key", ".Value");
                for (String value : tags.values()) {
                    if (!TAG_TEXT.matcher(value).matches()) return error(400, "InvalidInput", "Tag value is invalid.");
                }
                User created = new User(userName, form.getOrDefault("Path", "/"));
                created.boundary = form.get("PermissionsBoundary");
                created.tags.putAll(tags);
                users.put(userName.toLowerCase(Locale.ROOT), created);
                return ok(action, "<User>" + userXml(created) + "</User>");
            }
            case "ListUserTags": {
                StringBuilder xml = new StringBuilder("<IsTruncated>false</IsTruncated><Tags>");
                user.tags.forEach((k, v) -> xml.append("<member><Key>").append(esc(k)).append("</Key><Value>")
                        .append(esc(v)).append("</Value></member>"));
                return ok(action, xml.append("</Tags>").toString());
            }
            case "TagUser": {
                Map<String, String> tags = members(form, "Tags.member.", ".Key", ".Value");
                for (String value : tags.values()) {
                    if (!TAG_TEXT.matcher(value).matches()) return error(400, "InvalidInput", "Tag value is invalid.");
                }
                user.tags.putAll(tags);
                if (user.tags.size() > 50) return error(409, "LimitExceeded", "Tag limit exceeded.");
                return empty(action);
            }
            case "UntagUser":
                form.forEach((k, v) -> {
                    if (k.startsWith("TagKeys.member.")) user.tags.remove(v);
                });
                return empty(action);
            case "PutUserPermissionsBoundary":
                user.boundary = form.get("PermissionsBoundary");
                return empty(action);
            case "PutUserPolicy": {
                String document = form.get("PolicyDocument");
                if (document.replaceAll("\\s", "").length() > 2048) {
                    return error(409, "LimitExceeded", "Maximum policy size of 2048 bytes exceeded for user " + userName);
                }
                user.policies.put(form.get("PolicyName"), document);
                return empty(action);
            }
            case "CreateServiceSpecificCredential": {
                if (!"bedrock.amazonaws.com".equals(form.get("ServiceName"))) {
                    return error(400, "NotSupportedService", "The specified service is not supported.");
                }
                if (user.credentials.size() >= 2) {
                    return error(409, "LimitExceeded", "Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: 2");
                }
                Credential c = create(user, Integer.parseInt(form.get("CredentialAgeDays")));
                return ok(action, "<ServiceSpecificCredential>" + credentialXml(user, c)
                        + "<ServiceCredentialSecret>" + c.secret() + "</ServiceCredentialSecret>"
                        + "</ServiceSpecificCredential>");
            }
            case "ListServiceSpecificCredentials": {
                StringBuilder xml = new StringBuilder("<ServiceSpecificCredentials>");
                user.credentials.forEach(c -> xml.append("<member>").append(credentialXml(user, c)).append("</member>"));
                return ok(action, xml.append("</ServiceSpecificCredentials><IsTruncated>false</IsTruncated>").toString());
            }
            case "DeleteServiceSpecificCredential": {
                String id = form.get("ServiceSpecificCredentialId");
                if (!user.credentials.removeIf(c -> c.id().equals(id))) {
                    return error(404, "NoSuchEntity", "No such credential " + id + " exists for user " + userName);
                }
                return empty(action);
            }
            case "ListUsers": {
                String prefix = form.getOrDefault("PathPrefix", "/");
                StringBuilder xml = new StringBuilder("<Users>");
                users.values().stream().filter(u -> u.path.startsWith(prefix))
                        .forEach(u -> xml.append("<member>").append(userXml(u)).append("</member>"));
                return ok(action, xml.append("</Users><IsTruncated>false</IsTruncated>").toString());
            }
            case "UpdateServiceSpecificCredential": {
                String id = form.get("ServiceSpecificCredentialId");
                for (int i = 0; i < user.credentials.size(); i++) {
                    Credential c = user.credentials.get(i);
                    if (c.id().equals(id)) {
                        user.credentials.set(i, new Credential(c.id(), c.secret(), c.created(), c.expiration(),
                                form.get("Status")));
                        return empty(action);
                    }
                }
                return error(404, "NoSuchEntity", "No such credential " + id + " exists for user " + userName);
            }
            case "ListUserPolicies": {
                StringBuilder xml = new StringBuilder("<PolicyNames>");
                user.policies.keySet().forEach(p -> xml.append("<member>").append(esc(p)).append("</member>"));
                return ok(action, xml.append("</PolicyNames><IsTruncated>false</IsTruncated>").toString());
            }
            case "DeleteUserPolicy":
                if (user.policies.remove(form.get("PolicyName")) == null) {
                    return error(404, "NoSuchEntity", "The user policy with name " + form.get("PolicyName") + " cannot be found.");
                }
                return empty(action);
            case "DeleteUser":
                if (!user.policies.isEmpty() || !user.credentials.isEmpty()) {
                    return error(409, "DeleteConflict", "Cannot delete entity, must delete policies first.");
                }
                users.remove(userName.toLowerCase(Locale.ROOT));
                return empty(action);
            case "GetAccountSummary":
                return ok(action, "<SummaryMap><entry><key>Users</key><value>" + (users.size() + otherAccountUsers)
                        + "</value></entry><entry><key>UsersQuota</key><value>" + usersQuota
                        + "</value></entry><entry><key>Roles</key><value>12</value></entry></SummaryMap>");
            case "GetRolePolicy": {
                String key = form.get("RoleName") + "/" + form.get("PolicyName");
                int stale = staleReadsLeft.getOrDefault(key, 0);
                if (stale > 0) staleReadsLeft.put(key, stale - 1);
                String document = stale > 0 ? previousRolePolicies.get(key) : rolePolicies.get(key);
                if (document == null) {
                    return error(404, "NoSuchEntity", "The role policy with name " + form.get("PolicyName") + " cannot be found.");
                }
                // IAM sends policy documents URL-encoded (RFC 3986).
                return ok(action, "<PolicyName>" + esc(form.get("PolicyName")) + "</PolicyName><RoleName>"
                        + esc(form.get("RoleName")) + "</RoleName><PolicyDocument>"
                        + URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20") + "</PolicyDocument>");
            }
            case "PutRolePolicy": {
                String document = form.get("PolicyDocument");
                if (document.replaceAll("\\s", "").length() > 10_240) {
                    return error(409, "LimitExceeded", "Maximum policy size of 10240 bytes exceeded for role " + form.get("RoleName"));
                }
                String key = form.get("RoleName") + "/" + form.get("PolicyName");
                String before = rolePolicies.put(key, document);
                if (before == null) previousRolePolicies.remove(key);
                else previousRolePolicies.put(key, before);
                staleReadsLeft.put(key, staleReadsPerWrite);
                rolePolicyWrites.add(document);
                return empty(action);
            }
            default:
                return error(400, "InvalidAction", "Could not find operation " + action);
        }
    }

    private Credential create(User user, int ageDays) {
        Instant now = clock.get();
        String id = String.format("ACCAFAKEIAM%010d", nextId);
        String secret = String.format("ABSKRmFrZUlhbVNlY3JldA%010dSECRET", nextId++);
        Credential c = new Credential(id, secret, now, now.plus(Duration.ofDays(ageDays)), "Active");
        user.credentials.add(c);
        return c;
    }

    private static String userXml(User u) {
        StringBuilder xml = new StringBuilder()
                .append("<Path>").append(esc(u.path)).append("</Path>")
                .append("<UserName>").append(esc(u.name)).append("</UserName>")
                .append("<UserId>AIDA").append(Integer.toHexString(u.name.hashCode()).toUpperCase(Locale.ROOT)).append("</UserId>")
                .append("<Arn>arn:aws:iam::").append(ACCOUNT).append(":user").append(esc(u.path)).append(esc(u.name)).append("</Arn>")
                .append("<CreateDate>2026-11-20T09:00:00Z</CreateDate>");
        if (u.boundary != null) {
            xml.append("<PermissionsBoundary><PermissionsBoundaryType>Policy</PermissionsBoundaryType><PermissionsBoundaryArn>")
                    .append(esc(u.boundary)).append("</PermissionsBoundaryArn></PermissionsBoundary>");
        }
        return xml.toString();
    }

    private static String credentialXml(User u, Credential c) {
        return "<CreateDate>" + c.created() + "</CreateDate>"
                + "<ExpirationDate>" + c.expiration() + "</ExpirationDate>"
                + "<ServiceName>bedrock.amazonaws.com</ServiceName>"
                + "<ServiceUserName>" + esc(u.name) + "-at-" + ACCOUNT + "</ServiceUserName>"
                + "<ServiceCredentialAlias>BedrockAPIKey-" + esc(u.name) + "-at-" + ACCOUNT + "</ServiceCredentialAlias>"
                + "<ServiceSpecificCredentialId>" + c.id() + "</ServiceSpecificCredentialId>"
                + "<UserName>" + esc(u.name) + "</UserName>"
                + "<Status>" + c.status() + "</Status>";
    }

    private static Map<String, String> members(Map<String, String> form, String prefix, String keySuffix, String valueSuffix) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 1; form.containsKey(prefix + i + keySuffix); i++) {
            out.put(form.get(prefix + i + keySuffix), form.getOrDefault(prefix + i + valueSuffix, ""));
        }
        return out;
    }

    private static ResponseDefinition ok(String action, String result) {
        return response(200, "<" + action + "Response xmlns=\"" + NS + "\"><" + action + "Result>" + result + "</"
                + action + "Result><ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>"
                + "</ResponseMetadata></" + action + "Response>");
    }

    private static ResponseDefinition empty(String action) {
        return response(200, "<" + action + "Response xmlns=\"" + NS + "\"><ResponseMetadata><RequestId>"
                + "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata></" + action + "Response>");
    }

    private static ResponseDefinition error(int status, String code, String message) {
        return response(status, IamWire.errorBody(status, code, esc(message)));
    }

    private static ResponseDefinition response(int status, String body) {
        return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status).withHeader("Content-Type", "text/xml").withBody(body).build();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
