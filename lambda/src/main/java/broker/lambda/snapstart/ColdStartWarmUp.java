package broker.lambda.snapstart;

import broker.lambda.observability.PrimingMetrics;
import broker.lambda.wiring.BrokerConfig;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.warmup.SdkWarmUp;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * A cold start without SnapStart: while the function is being built, two background threads load what its
 * construction, its first request and the model catalog's first load need, so that these do not load it one after
 * the other: Log4j (which every SDK class waits for), the SDK's request pipeline for STS (and Bedrock when the
 * catalog is on) against the SDK's canned in-process answers ({@link SdkWarmUp}), the serialization of EMF metrics
 * (dropped, see {@link PrimingMetrics}), and the JDK's trust store and TLS context. Lambda runs a function's
 * initialization on unthrottled CPU, while its requests get the CPU share of its memory. Best effort: it logs nothing
 * and sends nothing, and a failure only costs the time it would have saved.
 */
public final class ColdStartWarmUp {
    private final Thread sdk;
    private final Thread tls;

    private ColdStartWarmUp(Thread sdk, Thread tls) {
        this.sdk = sdk;
        this.tls = tls;
    }

    /**
     * Builds a function with the warm-up running alongside: starts it, parses the configuration, builds, and waits for
     * the warm-up at the end, so that it overlaps the function's construction and never competes with the first request.
     */
    public static <T> T during(Supplier<BrokerConfig> configuration, Function<BrokerConfig, T> build) {
        var parsed = new CompletableFuture<BrokerConfig>();
        ColdStartWarmUp warmUp = start(parsed);
        BrokerConfig config;
        try {
            config = configuration.get();
            parsed.complete(config);
        } catch (RuntimeException e) {
            parsed.completeExceptionally(e);
            throw e;
        }
        T built = build.apply(config);
        warmUp.join();
        return built;
    }

    /** Starts the warm-up; the Bedrock part waits for {@code config} (and is skipped if it fails or has no catalog). */
    public static ColdStartWarmUp start(CompletableFuture<BrokerConfig> config) {
        Thread tls = Thread.ofPlatform().name("warm-up-tls").daemon().start(ColdStartWarmUp::tls);
        Thread sdk = Thread.ofPlatform().name("warm-up-sdk").daemon().start(() -> sdk(config));
        return new ColdStartWarmUp(sdk, tls);
    }

    /** Waits until the warm-up is done: before the first request, and before a SnapStart checkpoint. */
    public void join() {
        try {
            sdk.join();
            tls.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sdk(CompletableFuture<BrokerConfig> config) {
        try {
            LoggerFactory.getLogger("broker"); // starts Log4j: every SDK class's logger waits for it
            SdkWarmUp.warmUp(StsClient.class);
            PrimingMetrics.discarding().flushSingleMetric("UpstreamLatency", 1, MetricUnit.MILLISECONDS,
                    "BedrockBrokerPriming", DimensionSet.of("Service", "sts"));
            if (config.join().catalog().enabled()) SdkWarmUp.warmUp(BedrockClient.class);
        } catch (RuntimeException e) {
            // Best effort (CompletionException: the configuration is invalid, and the function's init fails anyway).
        }
    }

    private static void tls() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init((KeyStore) null);
            SSLContext.getInstance("TLS").init(null, trust.getTrustManagers(), null);
        } catch (GeneralSecurityException | RuntimeException e) {
            // Best effort.
        }
    }
}
