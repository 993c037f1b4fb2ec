package broker.client;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-term Bedrock API keys taken apart: {@code bedrock-api-key-} + base64 of a schemeless presigned URL, and its
 * SigV4 signature recomputed by hand (the AWS documentation's "Create a signed AWS API request"), independently of
 * the broker's {@code AwsV4HttpSigner}, as the lambda module's {@code SigV4BearerTokenMinterTest} does.
 */
final class BearerTokens {
    static final String PREFIX = "bedrock-api-key-";

    private BearerTokens() {
    }

    /** The presigned URL without its scheme. */
    static String decode(String token) {
        if (!token.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a Bedrock API key");
        }
        return new String(Base64.getDecoder().decode(token.substring(PREFIX.length())), StandardCharsets.UTF_8);
    }

    /** The query of a decoded URL, percent-decoded; fails on a repeated parameter. */
    static Map<String, String> query(String schemelessUrl) {
        if (!schemelessUrl.startsWith("bedrock.amazonaws.com/?")) {
            throw new IllegalArgumentException("not a presigned Bedrock URL: " + schemelessUrl);
        }
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : schemelessUrl.substring(schemelessUrl.indexOf('?') + 1).split("&")) {
            int eq = pair.indexOf('=');
            String name = percentDecode(pair.substring(0, eq));
            if (query.put(name, percentDecode(pair.substring(eq + 1))) != null) {
                throw new IllegalArgumentException(name + " appears twice");
            }
        }
        return query;
    }

    /** The signature SigV4 gives this query with {@code secret}: POST to {@code /}, host header only, empty body. */
    static String expectedSignature(Map<String, String> query, String secret) throws GeneralSecurityException {
        List<Map.Entry<String, String>> signed = new ArrayList<>();
        query.forEach((name, value) -> {
            if (!name.equals("X-Amz-Signature") && !name.equals("Version")) {
                signed.add(Map.entry(uriEncode(name), uriEncode(value)));
            }
        });
        signed.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        String canonicalQuery = signed.stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        String canonicalRequest = String.join("\n", "POST", "/", canonicalQuery, "host:bedrock.amazonaws.com", "",
                "host", hex(sha256("")));
        String credentialScope = query.get("X-Amz-Credential").split("/", 2)[1];
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", query.get("X-Amz-Date"), credentialScope,
                hex(sha256(canonicalRequest)));
        String[] scope = credentialScope.split("/");
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope[0]);
        key = hmac(key, scope[1]);
        key = hmac(key, scope[2]);
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    private static String uriEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static String percentDecode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static byte[] sha256(String text) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
