package broker.client.console;

import broker.client.core.AwsCredentials;
import broker.client.core.BearerToken;
import broker.client.json.Json;

/** The exact stdout shapes the consumers parse. */
public final class CredentialOutput {
    private CredentialOutput() {
    }

    /** AWS {@code credential_process}: {@code {"Version":1,"AccessKeyId",...,"Expiration"}}. */
    public static String credentialProcess(AwsCredentials c) {
        var out = new StringBuilder(1400).append("{\"Version\":1,");
        members(out, c);
        return out.append('}').toString();
    }

    /** Claude Code {@code awsCredentialExport}: {@code {"Credentials":{"AccessKeyId",...,"Expiration"}}}. */
    public static String export(AwsCredentials c) {
        var out = new StringBuilder(1400).append("{\"Credentials\":{");
        members(out, c);
        return out.append("}}").toString();
    }

    /** {@code token --json}. */
    public static String bearerToken(BearerToken t) {
        var out = new StringBuilder(1600).append("{\"token\":");
        Json.quote(out, t.token());
        out.append(",\"expiration\":");
        Json.quote(out, t.expiration());
        out.append(",\"region\":");
        Json.quote(out, t.region());
        return out.append('}').toString();
    }

    private static void members(StringBuilder out, AwsCredentials c) {
        out.append("\"AccessKeyId\":");
        Json.quote(out, c.accessKeyId());
        out.append(",\"SecretAccessKey\":");
        Json.quote(out, c.secretAccessKey());
        out.append(",\"SessionToken\":");
        Json.quote(out, c.sessionToken());
        out.append(",\"Expiration\":");
        Json.quote(out, c.expiration());
    }
}
