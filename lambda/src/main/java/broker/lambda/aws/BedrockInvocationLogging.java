package broker.lambda.aws;

import broker.lambda.core.invocationlogging.InvocationLoggingConfig;
import broker.lambda.core.invocationlogging.LoggingSetting;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.CloudWatchConfig;
import software.amazon.awssdk.services.bedrock.model.LoggingConfig;

/**
 * {@link InvocationLoggingConfig} on Bedrock's control plane ({@code GET}, {@code PUT}, {@code DELETE}
 * {@code /logging/modelinvocations}). SDK errors end here as an error code.
 */
public final class BedrockInvocationLogging implements InvocationLoggingConfig {
    private final BedrockClient bedrock;

    /** @param bedrock a client from {@link AwsClients#client} for the broker's region */
    public BedrockInvocationLogging(BedrockClient bedrock) {
        this.bedrock = Objects.requireNonNull(bedrock, "bedrock");
    }

    @Override
    public Current read() {
        try {
            LoggingConfig config = bedrock.getModelInvocationLoggingConfiguration(r -> { }).loggingConfig();
            if (config == null || (config.cloudWatchConfig() == null && config.s3Config() == null)) {
                return new Current.NotConfigured();
            }
            CloudWatchConfig cw = config.cloudWatchConfig();
            return new Current.Configured(new LoggingSetting(cw == null ? null : cw.logGroupName(),
                    cw == null ? null : cw.roleArn(), config.s3Config() == null ? null : config.s3Config().bucketName(),
                    on(config.textDataDeliveryEnabled()), on(config.imageDataDeliveryEnabled()),
                    on(config.embeddingDataDeliveryEnabled()), on(config.videoDataDeliveryEnabled()),
                    on(config.audioDataDeliveryEnabled())));
        } catch (AwsServiceException e) {
            return new Current.Failed(code(e));
        } catch (SdkException e) {
            return new Current.Failed("unreachable");
        }
    }

    @Override
    public Optional<String> put(LoggingSetting setting) {
        return call(() -> bedrock.putModelInvocationLoggingConfiguration(r -> r.loggingConfig(LoggingConfig.builder()
                .cloudWatchConfig(CloudWatchConfig.builder().logGroupName(setting.logGroupName())
                        .roleArn(setting.roleArn()).build())
                .textDataDeliveryEnabled(setting.textDelivery())
                .imageDataDeliveryEnabled(setting.imageDelivery())
                .embeddingDataDeliveryEnabled(setting.embeddingDelivery())
                .videoDataDeliveryEnabled(setting.videoDelivery())
                .audioDataDeliveryEnabled(setting.audioDelivery())
                .build())));
    }

    @Override
    public Optional<String> delete() {
        return call(() -> bedrock.deleteModelInvocationLoggingConfiguration(r -> { }));
    }

    private static Optional<String> call(Supplier<?> call) {
        try {
            call.get();
            return Optional.empty();
        } catch (AwsServiceException e) {
            return Optional.of(code(e));
        } catch (SdkException e) {
            return Optional.of("unreachable");
        }
    }

    private static String code(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code == null || code.isBlank() ? "HTTP" + e.statusCode() : code;
    }

    private static boolean on(Boolean flag) {
        return Boolean.TRUE.equals(flag);
    }
}
