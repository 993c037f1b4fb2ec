package broker.lambda.core.invocationlogging;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.invocationlogging.InvocationLoggingSetup.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvocationLoggingSetupTest {
    static final LoggingSetting OURS = LoggingSetting.metadataOnly("/bedrock-broker/BedrockBroker/model-invocations",
            "arn:aws:iam::123456789012:role/BedrockBroker-InvocationLoggingRole");
    static final LoggingSetting THEIRS = new LoggingSetting("/org/bedrock", "arn:aws:iam::123456789012:role/org-logs",
            null, true, true, true, false, false);

    private final FakeBedrock bedrock = new FakeBedrock();
    private final InvocationLoggingSetup setup = new InvocationLoggingSetup(bedrock);

    @Test
    void create_whenLoggingIsOff_turnsItOnWithEveryContentDeliveryOff() {
        assertThat(setup.create(OURS)).isInstanceOf(Outcome.Succeeded.class);

        assertThat(bedrock.current).isEqualTo(OURS);
        assertThat(bedrock.current.textDelivery() || bedrock.current.imageDelivery()
                || bedrock.current.embeddingDelivery() || bedrock.current.videoDelivery()
                || bedrock.current.audioDelivery()).isFalse();
    }

    @Test
    void create_whenSomeoneElsesConfigurationExists_refusesAndLeavesItAlone() {
        bedrock.current = THEIRS;

        Outcome outcome = setup.create(OURS);

        assertThat(outcome).isInstanceOf(Outcome.Refused.class);
        assertThat(((Outcome.Refused) outcome).reason()).contains("already configured by someone else")
                .contains("/org/bedrock").contains("usageLogGroup").doesNotContain("org-logs");
        assertThat(bedrock.current).isEqualTo(THEIRS);
        assertThat(bedrock.calls).containsExactly("read");
    }

    @Test
    void create_whenAnS3OnlyConfigurationExists_refuses() {
        bedrock.current = new LoggingSetting(null, null, "org-bedrock-logs", false, false, false, false, false);

        assertThat(setup.create(OURS)).isInstanceOf(Outcome.Refused.class);
        assertThat(bedrock.calls).containsExactly("read");
    }

    @Test
    void create_whenItsOwnGroupIsAlreadyConfigured_rewritesItMetadataOnly() {
        bedrock.current = new LoggingSetting(OURS.logGroupName(), OURS.roleArn(), null, true, false, false, false, false);

        assertThat(setup.create(OURS)).isInstanceOf(Outcome.Succeeded.class);
        assertThat(bedrock.current).isEqualTo(OURS);
    }

    @Test
    void create_whenBedrockCannotBeRead_refusesWithoutWriting() {
        bedrock.readFailure = "AccessDeniedException";

        Outcome outcome = setup.create(OURS);

        assertThat(outcome).isEqualTo(new Outcome.Refused(
                "Bedrock's invocation logging configuration could not be read (AccessDeniedException)"));
        assertThat(bedrock.calls).containsExactly("read");
    }

    @Test
    void create_whenThePutFails_refusesWithTheCode() {
        bedrock.writeFailure = "ValidationException";

        assertThat(setup.create(OURS)).isEqualTo(new Outcome.Refused(
                "Bedrock's invocation logging configuration could not be written (ValidationException)"));
    }

    @Test
    void update_fromItsPreviousSetting_writesTheNewOne() {
        LoggingSetting previous = LoggingSetting.metadataOnly("/old/group", OURS.roleArn());
        bedrock.current = previous;

        assertThat(setup.update(OURS, previous)).isInstanceOf(Outcome.Succeeded.class);
        assertThat(bedrock.current).isEqualTo(OURS);
    }

    @Test
    void update_whenSomeoneReplacedIt_refuses() {
        bedrock.current = THEIRS;

        assertThat(setup.update(OURS, OURS)).isInstanceOf(Outcome.Refused.class);
        assertThat(bedrock.current).isEqualTo(THEIRS);
    }

    @Test
    void delete_ofItsOwnConfiguration_turnsLoggingOff() {
        bedrock.current = OURS;

        assertThat(setup.delete(OURS)).isEqualTo(new Outcome.Succeeded("invocation logging turned off"));
        assertThat(bedrock.current).isNull();
    }

    @Test
    void delete_ofSomeoneElsesConfiguration_succeedsWithoutDeletingIt() {
        bedrock.current = THEIRS;

        assertThat(setup.delete(OURS)).isInstanceOf(Outcome.Succeeded.class);
        assertThat(bedrock.current).isEqualTo(THEIRS);
        assertThat(bedrock.calls).containsExactly("read");
    }

    @Test
    void delete_whenLoggingIsOff_succeeds() {
        assertThat(setup.delete(OURS)).isEqualTo(new Outcome.Succeeded("invocation logging was off"));
        assertThat(bedrock.calls).containsExactly("read");
    }

    /** Bedrock's one setting per region, in memory. */
    static final class FakeBedrock implements InvocationLoggingConfig {
        LoggingSetting current;
        String readFailure;
        String writeFailure;
        final List<String> calls = new ArrayList<>();

        @Override
        public Current read() {
            calls.add("read");
            if (readFailure != null) return new Current.Failed(readFailure);
            return current == null ? new Current.NotConfigured() : new Current.Configured(current);
        }

        @Override
        public Optional<String> put(LoggingSetting setting) {
            calls.add("put");
            if (writeFailure != null) return Optional.of(writeFailure);
            current = setting;
            return Optional.empty();
        }

        @Override
        public Optional<String> delete() {
            calls.add("delete");
            if (writeFailure != null) return Optional.of(writeFailure);
            current = null;
            return Optional.empty();
        }
    }
}
