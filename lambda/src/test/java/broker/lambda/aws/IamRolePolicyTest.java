package broker.lambda.aws;

import static broker.lambda.aws.IamWire.action;
import static broker.lambda.aws.IamWire.error;
import static broker.lambda.aws.IamWire.formOf;
import static broker.lambda.aws.IamWire.ok;
import static broker.lambda.aws.IamWire.sent;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import broker.lambda.core.apikeys.IamResult;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;

class IamRolePolicyTest {

    @RegisterExtension
    static final WireMockExtension IAM = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    IamClient client;
    IamRolePolicy policy;

    @BeforeEach
    void setUp() {
        client = IamWire.client(IAM.baseUrl());
        policy = new IamRolePolicy(client, "bedrock-broker-users", "bedrock-broker-revocations");
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void read_whenIamSendsTheDocumentUrlEncoded_returnsPlainJson() {
        IAM.stubFor(action("GetRolePolicy").willReturn(ok("get-role-policy.xml")));

        assertThat(policy.read()).isEqualTo(new IamResult.Done<>("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringLike\":{\"aws:SourceIdentity\":"
                + "\"*-abcdefghijkl\"}}}]}"));
        assertThat(formOf(IAM.findAll(sent("GetRolePolicy")).getFirst()))
                .containsEntry("RoleName", "bedrock-broker-users").containsEntry("PolicyName", "bedrock-broker-revocations");
    }

    @Test
    void read_whenTheDocumentIsAlreadyJson_returnsItTrimmed() {
        IAM.stubFor(action("GetRolePolicy").willReturn(ok("get-role-policy-plain.xml")));

        assertThat(policy.read()).isEqualTo(new IamResult.Done<>(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}"));
    }

    @Test
    void read_whenThePolicyDoesNotExistYet_returnsNotFound() {
        IAM.stubFor(action("GetRolePolicy").willReturn(error(404, "NoSuchEntity",
                "The role policy with name bedrock-broker-revocations cannot be found.")));

        assertThat(policy.read()).isEqualTo(new IamResult.NotFound<>());
    }

    @Test
    void write_sendsRolePolicyNameAndDocument() {
        IAM.stubFor(action("PutRolePolicy").willReturn(ok("put-role-policy.xml")));

        assertThat(policy.write("{\"Version\":\"2012-10-17\",\"Statement\":[]}")).isEqualTo(IamResult.done());
        assertThat(formOf(IAM.findAll(sent("PutRolePolicy")).getFirst()))
                .containsEntry("RoleName", "bedrock-broker-users")
                .containsEntry("PolicyName", "bedrock-broker-revocations")
                .containsEntry("PolicyDocument", "{\"Version\":\"2012-10-17\",\"Statement\":[]}");
    }

    @Test
    void write_whenThrottled_returnsThrottled() {
        IAM.stubFor(action("PutRolePolicy").willReturn(error(400, "Throttling", "Rate exceeded")));

        assertThat(policy.write("{}")).isEqualTo(new IamResult.Throttled<>(IamErrors.THROTTLED_RETRY_AFTER));
    }

    @Test
    void roleName_ofAnArnWithPath_isTheLastSegment() {
        assertThat(IamRolePolicy.roleName("arn:aws:iam::123456789012:role/service/bedrock-broker-users"))
                .isEqualTo("bedrock-broker-users");
        assertThatThrownBy(() -> IamRolePolicy.roleName("arn:aws:iam::123456789012:user/alice"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
