package broker.lambda.aws;

import broker.lambda.core.issuance.BearerToken;
import broker.lambda.core.issuance.BearerTokenMinter;
import broker.lambda.core.issuance.SessionCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The short-term Bedrock API key, made as AWS's token generator libraries make it (Java, JavaScript, Python
 * agree): a SigV4 query-string presign of {@code POST https://bedrock.amazonaws.com/?Action=CallWithBearerToken}
 * for service {@code bedrock} in one region, the URL without its scheme plus {@code &Version=1}, base64 encoded,
 * prefixed with {@code bedrock-api-key-}. Bedrock rebuilds the canonical request from the token, so the method,
 * host, path and the order of these steps must not change.
 */
public final class SigV4BearerTokenMinter implements BearerTokenMinter {

    static final String PREFIX = "bedrock-api-key-";
    static final String HOST = "bedrock.amazonaws.com";
    static final String SIGNING_NAME = "bedrock";
    static final String TOKEN_VERSION = "&Version=1";
    /** Bedrock accepts short-term keys for at most 12 hours. */
    static final Duration MAX_LIFETIME = Duration.ofHours(12);
    private static final String SCHEME_PREFIX = "https://";

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    @Override
    public BearerToken mint(SessionCredentials credentials, String region, Instant signingTime, Duration lifetime) {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(signingTime, "signingTime");
        Objects.requireNonNull(lifetime, "lifetime");
        if (region.isBlank()) throw new IllegalArgumentException("region must not be blank");
        if (lifetime.toSeconds() < 1 || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("lifetime must be between 1 s and 12 h: " + lifetime);
        }

        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .protocol("https")
                .host(HOST)
                .encodedPath("/")
                .appendHeader("host", HOST)
                .putRawQueryParameter("Action", "CallWithBearerToken")
                .build();
        AwsSessionCredentialsIdentity identity = AwsSessionCredentialsIdentity.create(
                credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken());
        SignRequest<AwsSessionCredentialsIdentity> signRequest = SignRequest.builder(identity)
                .request(request)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(lifetime.toSeconds()))
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signingTime, ZoneOffset.UTC))
                .build();

        String url = signer.sign(signRequest).request().getUri().toString();
        String withoutScheme = url.startsWith(SCHEME_PREFIX) ? url.substring(SCHEME_PREFIX.length()) : url;
        String token = PREFIX + Base64.getEncoder()
                .encodeToString((withoutScheme + TOKEN_VERSION).getBytes(StandardCharsets.UTF_8));
        // X-Amz-Date has whole seconds: the token dies at that second plus X-Amz-Expires.
        Instant expiration = signingTime.truncatedTo(ChronoUnit.SECONDS).plusSeconds(lifetime.toSeconds());
        return new BearerToken(token, region, expiration);
    }
}
