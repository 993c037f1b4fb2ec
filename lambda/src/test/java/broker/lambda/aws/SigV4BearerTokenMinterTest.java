package broker.lambda.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import broker.lambda.core.issuance.BearerToken;
import broker.lambda.core.issuance.SessionCredentials;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SigV4BearerTokenMinterTest {

    private static final SessionCredentials CREDENTIALS = new SessionCredentials(
            "ASIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",
            // Real session tokens carry '/', '+' and '=': they must survive query encoding.
            "IQoJb3JpZ2luX2VjEJr//////////wEaCWV1LXdlc3QtMSJHMEUCIQD+example/token+with==",
            Instant.parse("2026-03-14T10:26:53Z"));
    private static final Instant SIGNING_TIME = Instant.parse("2026-03-14T09:26:53Z");
    private static final Duration LIFETIME = Duration.ofMinutes(45);
    private static final String REGION = "eu-west-1";

    private final SigV4BearerTokenMinter minter = new SigV4BearerTokenMinter();

    @Test
    void mint_always_prefixesBase64OfTheSchemelessPresignedUrlAndVersion() {
        String token = minter.mint(CREDENTIALS, REGION, SIGNING_TIME, LIFETIME).token();

        assertThat(token).startsWith("bedrock-api-key-");
        assertThat(decode(token))
                .startsWith("bedrock.amazonaws.com/?Action=CallWithBearerToken&")
                .matches(".*&X-Amz-Signature=[0-9a-f]{64}&Version=1");
    }

    @Test
    void mint_always_presignsForBedrockInTheGivenRegionWithTheSessionToken() {
        Map<String, String> query = query(decode(minter.mint(CREDENTIALS, REGION, SIGNING_TIME, LIFETIME).token()));

        assertThat(query).containsOnlyKeys("Action", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
                "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Security-Token", "X-Amz-Signature", "Version");
        assertThat(query).containsEntry("Action", "CallWithBearerToken")
                .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
                .containsEntry("X-Amz-Credential", "ASIAIOSFODNN7EXAMPLE/20260314/eu-west-1/bedrock/aws4_request")
                .containsEntry("X-Amz-Date", "20260314T092653Z")
                .containsEntry("X-Amz-Expires", "2700")
                .containsEntry("X-Amz-SignedHeaders", "host")
                .containsEntry("X-Amz-Security-Token", CREDENTIALS.sessionToken())
                .containsEntry("Version", "1");
    }

    @Test
    void mint_always_signsWhatAnIndependentSigV4ComputationSigns() throws GeneralSecurityException {
        String url = decode(minter.mint(CREDENTIALS, REGION, SIGNING_TIME, LIFETIME).token());
        Map<String, String> query = query(url);

        assertThat(query.get("X-Amz-Signature")).isEqualTo(expectedSignature(query, CREDENTIALS.secretAccessKey()));
    }

    @Test
    void mint_withAnotherSecret_doesNotMatchTheSignature() throws GeneralSecurityException {
        Map<String, String> query = query(decode(minter.mint(CREDENTIALS, REGION, SIGNING_TIME, LIFETIME).token()));

        assertThat(query.get("X-Amz-Signature")).isNotEqualTo(expectedSignature(query, "another-secret"));
    }

    @Test
    void mint_always_expiresAtSigningTimePlusLifetime() {
        BearerToken token = minter.mint(CREDENTIALS, REGION, SIGNING_TIME, LIFETIME);

        assertThat(token.expiration()).isEqualTo(Instant.parse("2026-03-14T10:11:53Z"));
        assertThat(token.region()).isEqualTo(REGION);
    }

    @Test
    void mint_sameInputs_sameToken() {
        assertThat(minter.mint(CREDENTIALS, REGION, SIGNING_TIME, LIFETIME))
                .isEqualTo(minter.mint(CREDENTIALS, REGION, SIGNING_TIME, LIFETIME));
    }

    @Test
    void mint_otherRegion_scopesTheSignatureToThatRegion() {
        Map<String, String> query = query(decode(minter.mint(CREDENTIALS, "us-west-2", SIGNING_TIME, LIFETIME).token()));

        assertThat(query.get("X-Amz-Credential")).isEqualTo("ASIAIOSFODNN7EXAMPLE/20260314/us-west-2/bedrock/aws4_request");
    }

    @Test
    void mint_always_keepsTheTokenOutOfToString() {
        BearerToken token = minter.mint(CREDENTIALS, REGION, SIGNING_TIME, LIFETIME);

        assertThat(token.toString()).doesNotContain(token.token()).doesNotContain("bedrock-api-key-");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -60, 43_201})
    void mint_lifetimeOutsideOneSecondToTwelveHours_throws(long seconds) {
        assertThatThrownBy(() -> minter.mint(CREDENTIALS, REGION, SIGNING_TIME, Duration.ofSeconds(seconds)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lifetime");
    }

    @Test
    void mint_twelveHourLifetime_isAccepted() {
        BearerToken token = minter.mint(CREDENTIALS, REGION, SIGNING_TIME, Duration.ofHours(12));

        assertThat(query(decode(token.token()))).containsEntry("X-Amz-Expires", "43200");
    }

    private static String decode(String token) {
        return new String(Base64.getDecoder().decode(token.substring("bedrock-api-key-".length())),
                StandardCharsets.UTF_8);
    }

    /** The query of the decoded URL, percent-decoded; fails on a repeated parameter. */
    private static Map<String, String> query(String schemelessUrl) {
        assertThat(schemelessUrl).startsWith("bedrock.amazonaws.com/?");
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : schemelessUrl.substring(schemelessUrl.indexOf('?') + 1).split("&")) {
            int eq = pair.indexOf('=');
            String name = percentDecode(pair.substring(0, eq));
            assertThat(query.put(name, percentDecode(pair.substring(eq + 1)))).as("%s once", name).isNull();
        }
        return query;
    }

    /**
     * SigV4 by hand, from the AWS documentation ("Create a signed AWS API request"): canonical request,
     * string to sign, the HMAC key chain. The AWS token generators presign a POST to {@code /} with only the
     * host header signed and the empty body's hash; {@code Version} is appended after signing.
     */
    private static String expectedSignature(Map<String, String> query, String secret) throws GeneralSecurityException {
        List<Map.Entry<String, String>> signed = new ArrayList<>();
        query.forEach((name, value) -> {
            if (!name.equals("X-Amz-Signature") && !name.equals("Version")) {
                signed.add(Map.entry(uriEncode(name), uriEncode(value)));
            }
        });
        signed.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        String canonicalQuery = signed.stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        String canonicalRequest = String.join("\n",
                "POST",
                "/",
                canonicalQuery,
                "host:bedrock.amazonaws.com",
                "",
                "host",
                hex(sha256("")));

        String amzDate = query.get("X-Amz-Date");
        String[] scope = query.get("X-Amz-Credential").split("/", 2);
        String credentialScope = scope[1];
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", amzDate, credentialScope,
                hex(sha256(canonicalRequest)));

        String[] scopeParts = credentialScope.split("/");
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scopeParts[0]);
        key = hmac(key, scopeParts[1]);
        key = hmac(key, scopeParts[2]);
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    /** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters, space as %20. */
    private static String uriEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    /** Percent-decoding that leaves a literal '+' alone (it is not a space in a URL query). */
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
