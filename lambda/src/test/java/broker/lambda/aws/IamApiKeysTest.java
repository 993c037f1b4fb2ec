package broker.lambda.aws;

import static broker.lambda.aws.IamWire.action;
import static broker.lambda.aws.IamWire.error;
import static broker.lambda.aws.IamWire.formOf;
import static broker.lambda.aws.IamWire.ok;
import static broker.lambda.aws.IamWire.sent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.apikeys.ApiKeyStatus;
import broker.lambda.core.apikeys.CreatedKey;
import broker.lambda.core.apikeys.IamResult;
import broker.lambda.core.apikeys.IamUser;
import broker.lambda.core.apikeys.NewIamUser;
import broker.lambda.core.apikeys.StoredKey;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.iam.IamClient;

class IamApiKeysTest {

    @RegisterExtension
    static final WireMockExtension IAM = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String USER = "00u1abcd";
    static final String BOUNDARY = "arn:aws:iam::123456789012:policy/bedrock-broker-boundary";

    IamClient client;
    IamApiKeys keys;

    @BeforeEach
    void setUp() {
        client = IamWire.client(IAM.baseUrl());
        keys = new IamApiKeys(client);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void getUser_whenUserExists_returnsPathBoundaryAndTags() {
        IAM.stubFor(action("GetUser").willReturn(ok("get-user.xml")));
        IAM.stubFor(action("ListUserTags").willReturn(ok("list-user-tags.xml")));

        IamResult<IamUser> result = keys.getUser(USER);

        assertThat(result).isEqualTo(new IamResult.Done<>(new IamUser(USER, "/bedrock-broker/users/", BOUNDARY,
                Map.of("bedrock-broker:subject", "00u1abcd", "bedrock-broker:email", "alice@example.com"))));
        assertThat(formOf(IAM.findAll(sent("GetUser")).getFirst()))
                .containsEntry("UserName", USER).containsEntry("Version", "2010-05-08");
        assertThat(formOf(IAM.findAll(sent("ListUserTags")).getFirst())).containsEntry("UserName", USER);
    }

    @Test
    void getUser_whenTagsComeInPages_readsEveryPage() {
        IAM.stubFor(action("GetUser").willReturn(ok("get-user.xml")));
        IAM.stubFor(action("ListUserTags").willReturn(ok("list-user-tags-page-1.xml")));
        IAM.stubFor(action("ListUserTags").withFormParam("Marker", equalTo("AAEAAQAAABQEXAMPLEMARKER"))
                .willReturn(ok("list-user-tags-page-2.xml")));

        IamResult<IamUser> result = keys.getUser(USER);

        assertThat(result).isInstanceOfSatisfying(IamResult.Done.class, done -> assertThat(((IamUser) done.value()).tags())
                .containsOnlyKeys("bedrock-broker:subject", "bedrock-broker:email"));
        assertThat(IAM.findAll(sent("ListUserTags"))).hasSize(2);
    }

    @Test
    void getUser_whenNoSuchEntity_returnsNotFoundWithoutReadingTags() {
        IAM.stubFor(action("GetUser").willReturn(error(404, "NoSuchEntity", "The user with name 00u1abcd cannot be found.")));

        assertThat(keys.getUser(USER)).isEqualTo(new IamResult.NotFound<>());
        assertThat(IAM.findAll(sent("ListUserTags"))).isEmpty();
    }

    @Test
    void getUser_whenTagsCannotBeRead_returnsThatFailure() {
        IAM.stubFor(action("GetUser").willReturn(ok("get-user.xml")));
        IAM.stubFor(action("ListUserTags").willReturn(error(403, "AccessDenied", "not authorized to perform: iam:ListUserTags")));

        assertThat(keys.getUser(USER)).isEqualTo(new IamResult.Refused<>("AccessDenied"));
    }

    @Test
    void createUser_sendsPathBoundaryAndTagsInOneCall() {
        IAM.stubFor(action("CreateUser").willReturn(ok("create-user.xml")));
        Map<String, String> tags = Map.of("bedrock-broker:subject", "00u1abcd", "bedrock-broker:email", "alice@example.com");

        IamResult<IamUser> result = keys.createUser(new NewIamUser(USER, "/bedrock-broker/users/", BOUNDARY, tags));

        assertThat(result).isEqualTo(new IamResult.Done<>(new IamUser(USER, "/bedrock-broker/users/", BOUNDARY, tags)));
        assertThat(formOf(IAM.findAll(sent("CreateUser")).getFirst())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Action", "CreateUser",
                "Version", "2010-05-08",
                "UserName", USER,
                "Path", "/bedrock-broker/users/",
                "PermissionsBoundary", BOUNDARY,
                "Tags.member.1.Key", "bedrock-broker:email",
                "Tags.member.1.Value", "alice@example.com",
                "Tags.member.2.Key", "bedrock-broker:subject",
                "Tags.member.2.Value", "00u1abcd"));
    }

    @Test
    void createUser_whenNameIsTaken_returnsAlreadyExists() {
        IAM.stubFor(action("CreateUser").willReturn(error(409, "EntityAlreadyExists", "User with name 00u1abcd already exists.")));

        assertThat(keys.createUser(new NewIamUser(USER, "/bedrock-broker/users/", BOUNDARY, Map.of())))
                .isEqualTo(new IamResult.AlreadyExists<>());
        assertThat(IAM.findAll(sent("CreateUser"))).hasSize(1);
    }

    @Test
    void putPermissionsBoundary_sendsUserAndBoundary() {
        IAM.stubFor(action("PutUserPermissionsBoundary").willReturn(ok("put-user-permissions-boundary.xml")));

        assertThat(keys.putPermissionsBoundary(USER, BOUNDARY)).isEqualTo(IamResult.done());
        assertThat(formOf(IAM.findAll(sent("PutUserPermissionsBoundary")).getFirst()))
                .containsEntry("UserName", USER).containsEntry("PermissionsBoundary", BOUNDARY);
    }

    @Test
    void tagUser_sendsEveryTag() {
        IAM.stubFor(action("TagUser").willReturn(ok("tag-user.xml")));

        assertThat(keys.tagUser(USER, Map.of("bedrock-broker:label/ACCAQFODXMPL4YFHP7DZE", "laptop")))
                .isEqualTo(IamResult.done());
        assertThat(formOf(IAM.findAll(sent("TagUser")).getFirst()))
                .containsEntry("UserName", USER)
                .containsEntry("Tags.member.1.Key", "bedrock-broker:label/ACCAQFODXMPL4YFHP7DZE")
                .containsEntry("Tags.member.1.Value", "laptop");
    }

    @Test
    void untagUser_sendsTheTagKeys() {
        IAM.stubFor(action("UntagUser").willReturn(ok("untag-user.xml")));

        assertThat(keys.untagUser(USER, List.of("bedrock-broker:label/ACCAQFODXMPL4YFHP7DZE"))).isEqualTo(IamResult.done());
        assertThat(formOf(IAM.findAll(sent("UntagUser")).getFirst()))
                .containsEntry("TagKeys.member.1", "bedrock-broker:label/ACCAQFODXMPL4YFHP7DZE");
    }

    @Test
    void putUserPolicy_sendsTheDocument() {
        IAM.stubFor(action("PutUserPolicy").willReturn(ok("put-user-policy.xml")));
        String document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"bedrock:CallWithBearerToken\",\"Resource\":\"*\"}]}";

        assertThat(keys.putUserPolicy(USER, "bedrock-broker", document)).isEqualTo(IamResult.done());
        assertThat(formOf(IAM.findAll(sent("PutUserPolicy")).getFirst()))
                .containsEntry("UserName", USER).containsEntry("PolicyName", "bedrock-broker")
                .containsEntry("PolicyDocument", document);
    }

    @Test
    void putUserPolicy_whenPolicyTooLarge_returnsLimitExceeded() {
        IAM.stubFor(action("PutUserPolicy").willReturn(error(409, "LimitExceeded", "Maximum policy size of 2048 bytes exceeded for user 00u1abcd")));

        assertThat(keys.putUserPolicy(USER, "bedrock-broker", "{}")).isEqualTo(new IamResult.LimitExceeded<>());
    }

    @Test
    void listKeys_returnsEveryBedrockKeyWithStatusAndExpiration() {
        IAM.stubFor(action("ListServiceSpecificCredentials").willReturn(ok("list-service-specific-credentials.xml")));

        IamResult<List<StoredKey>> result = keys.listKeys(USER);

        assertThat(result).isEqualTo(new IamResult.Done<>(List.of(
                new StoredKey("ACCAQFODXMPL4YFHP7DZE", Instant.parse("2026-11-25T12:00:01Z"),
                        Instant.parse("2026-12-25T12:00:01Z"), ApiKeyStatus.ACTIVE),
                new StoredKey("ACCAQFODXMPL4YOLDKEY1", Instant.parse("2026-10-01T08:00:00Z"),
                        Instant.parse("2026-10-31T08:00:00Z"), ApiKeyStatus.EXPIRED))));
        assertThat(formOf(IAM.findAll(sent("ListServiceSpecificCredentials")).getFirst()))
                .containsEntry("UserName", USER).containsEntry("ServiceName", "bedrock.amazonaws.com");
    }

    @Test
    void createKey_sendsBedrockAndTheAgeAndReturnsTheSecret() {
        IAM.stubFor(action("CreateServiceSpecificCredential").willReturn(ok("create-service-specific-credential.xml")));

        IamResult<CreatedKey> result = keys.createKey(USER, 30);

        assertThat(result).isEqualTo(new IamResult.Done<>(new CreatedKey(new StoredKey("ACCAQFODXMPL4YFHP7DZE",
                Instant.parse("2026-11-25T12:00:01Z"), Instant.parse("2026-12-25T12:00:01Z"), ApiKeyStatus.ACTIVE),
                "ABSKQmVkcm9ja0FQSUtleS1EXAMPLESECRETc2VjcmV0")));
        assertThat(formOf(IAM.findAll(sent("CreateServiceSpecificCredential")).getFirst())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Action", "CreateServiceSpecificCredential",
                "Version", "2010-05-08",
                "UserName", USER,
                "ServiceName", "bedrock.amazonaws.com",
                "CredentialAgeDays", "30"));
        assertThat(result.toString()).doesNotContain("EXAMPLESECRET");
    }

    @Test
    void createKey_whenUserHoldsTwoKeys_returnsLimitExceeded() {
        IAM.stubFor(action("CreateServiceSpecificCredential").willReturn(error(409, "LimitExceeded",
                "Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: 2")));

        assertThat(keys.createKey(USER, 30)).isEqualTo(new IamResult.LimitExceeded<>());
        assertThat(IAM.findAll(sent("CreateServiceSpecificCredential"))).hasSize(1);
    }

    @Test
    void deleteKey_sendsUserAndKeyId() {
        IAM.stubFor(action("DeleteServiceSpecificCredential").willReturn(ok("delete-service-specific-credential.xml")));

        assertThat(keys.deleteKey(USER, "ACCAQFODXMPL4YFHP7DZE")).isEqualTo(IamResult.done());
        assertThat(formOf(IAM.findAll(sent("DeleteServiceSpecificCredential")).getFirst()))
                .containsEntry("UserName", USER).containsEntry("ServiceSpecificCredentialId", "ACCAQFODXMPL4YFHP7DZE");
    }

    @Test
    void deleteKey_whenNoSuchEntity_returnsNotFound() {
        IAM.stubFor(action("DeleteServiceSpecificCredential").willReturn(error(404, "NoSuchEntity",
                "No such credential ACCAQFODXMPL4YFHP7DZE exists for user 00u1abcd")));

        assertThat(keys.deleteKey(USER, "ACCAQFODXMPL4YFHP7DZE")).isEqualTo(new IamResult.NotFound<>());
    }

    @ParameterizedTest
    @CsvSource({"400, Throttling", "400, ThrottlingException", "400, RequestLimitExceeded"})
    void anyCall_whenIamKeepsThrottling_returnsThrottledAfterSdkRetries(int status, String code) {
        IAM.stubFor(post(urlEqualTo("/")).willReturn(error(status, code, "Rate exceeded")));

        assertThat(keys.listKeys(USER)).isEqualTo(new IamResult.Throttled<>(IamErrors.THROTTLED_RETRY_AFTER));
        assertThat(IAM.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(IamWire.FAST.maxAttempts());
    }

    @Test
    void anyCall_whenThrottledOnce_succeedsOnTheSdkRetry() {
        IAM.stubFor(action("DeleteServiceSpecificCredential").inScenario("once").whenScenarioStateIs("Started")
                .willReturn(error(400, "Throttling", "Rate exceeded")).willSetStateTo("throttled"));
        IAM.stubFor(action("DeleteServiceSpecificCredential").inScenario("once").whenScenarioStateIs("throttled")
                .willReturn(ok("delete-service-specific-credential.xml")));

        assertThat(keys.deleteKey(USER, "ACCAQFODXMPL4YFHP7DZE")).isEqualTo(IamResult.done());
        assertThat(IAM.findAll(sent("DeleteServiceSpecificCredential"))).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource({"500, ServiceFailure", "409, ConcurrentModification", "409, EntityTemporarilyUnmodifiable"})
    void anyCall_whenIamFailsTransiently_returnsUnavailable(int status, String code) {
        IAM.stubFor(post(urlEqualTo("/")).willReturn(error(status, code, "Request processing has failed")));

        assertThat(keys.tagUser(USER, Map.of("k", "v"))).isEqualTo(new IamResult.Unavailable<>(IamErrors.UNAVAILABLE_RETRY_AFTER));
    }

    @ParameterizedTest
    @CsvSource({
            "403, AccessDenied, User: arn:aws:sts::123456789012:assumed-role/api-keys/fn is not authorized to perform: iam:CreateUser",
            "400, InvalidInput, Tag value contains invalid characters",
            "400, MalformedPolicyDocument, Syntax errors in policy."})
    void anyCall_whenIamRefuses_returnsRefusedWithTheCodeWithoutRetrying(int status, String code, String message) {
        IAM.stubFor(post(urlEqualTo("/")).willReturn(error(status, code, message)));

        assertThat(keys.createUser(new NewIamUser(USER, "/bedrock-broker/users/", BOUNDARY, Map.of())))
                .isEqualTo(new IamResult.Refused<>(code));
        assertThat(IAM.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(1);
    }

    @Test
    void anyCall_whenConnectionIsReset_returnsUnavailable() {
        IAM.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(keys.getUser(USER)).isEqualTo(new IamResult.Unavailable<>(IamErrors.UNAVAILABLE_RETRY_AFTER));
    }

    @Test
    void anyCall_always_signsForIamInUsEast1() {
        IAM.stubFor(action("GetUser").willReturn(error(404, "NoSuchEntity", "no")));

        keys.getUser(USER);

        assertThat(IAM.findAll(sent("GetUser")).getFirst().getHeader("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=" + IamWire.BROKER_KEY_ID + "/")
                .contains("/us-east-1/iam/aws4_request");
        IAM.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=GetUser")));
    }
}
