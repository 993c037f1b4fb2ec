package broker.lambda.snapstart;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The canned AWS answers of SnapStart priming, in each service's wire format: STS issues a session, IAM knows no
 * user and no revocation policy yet and accepts every change, DynamoDB holds nothing. Every value says {@code priming}; nothing is real.
 */
final class PrimingAnswers {
    static final String ACCESS_KEY_ID = "ASIAPRIMINGPRIMING00";
    static final String API_KEY_ID = "ACCAPRIMINGPRIMINGPRIM";
    /** Signs priming's in-process SDK calls: session credentials, as the function's own role has. */
    static final AwsCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsSessionCredentials.create(ACCESS_KEY_ID, "priming-secret", "priming-session-token"));
    private static final String STS_XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final String IAM_XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final String METADATA = "<ResponseMetadata><RequestId>snapstart-priming</RequestId></ResponseMetadata>";

    /** An answer: HTTP status and body (XML for the query protocol, JSON for DynamoDB). */
    record Answer(int status, String body) {}

    /** An AWS query-protocol error document. */
    static String error(String code, String message) {
        return "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message
                + "</Message></Error><RequestId>snapstart-priming</RequestId></ErrorResponse>";
    }

    private PrimingAnswers() {
    }

    /** STS: {@code AssumeRole} issues a one-hour session. */
    static Map<String, Answer> sts(Clock clock) {
        return Map.of("AssumeRole", ok("AssumeRole", STS_XMLNS, "<SourceIdentity>snapstart-priming</SourceIdentity>"
                + "<AssumedRoleUser><Arn>arn:aws:sts::000000000000:assumed-role/priming/snapstart-priming</Arn>"
                + "<AssumedRoleId>AROAPRIMINGPRIMING000:snapstart-priming</AssumedRoleId></AssumedRoleUser>"
                + "<Credentials><AccessKeyId>" + ACCESS_KEY_ID + "</AccessKeyId><SecretAccessKey>priming-secret"
                + "</SecretAccessKey><SessionToken>priming-session-token</SessionToken><Expiration>"
                + seconds(clock.instant().plus(Duration.ofHours(1))) + "</Expiration></Credentials>"
                + "<PackedPolicySize>1</PackedPolicySize>"));
    }

    /** IAM: no user and no role policy exist; creating, tagging, deleting and writing succeed. */
    static Map<String, Answer> iam(Clock clock) {
        Instant now = clock.instant();
        Map<String, Answer> answers = new LinkedHashMap<>();
        answers.put("GetUser", noSuchEntity());
        answers.put("GetRolePolicy", noSuchEntity());
        answers.put("CreateUser", ok("CreateUser", IAM_XMLNS, "<User><Path>/</Path><UserName>snapstart-priming</UserName>"
                + "<UserId>AIDAPRIMINGPRIMING000</UserId><Arn>arn:aws:iam::000000000000:user/snapstart-priming</Arn>"
                + "<CreateDate>" + seconds(now) + "</CreateDate></User>"));
        answers.put("ListServiceSpecificCredentials", ok("ListServiceSpecificCredentials", IAM_XMLNS,
                "<ServiceSpecificCredentials/><IsTruncated>false</IsTruncated>"));
        answers.put("ListUserTags", ok("ListUserTags", IAM_XMLNS, "<IsTruncated>false</IsTruncated><Tags/>"));
        answers.put("CreateServiceSpecificCredential", ok("CreateServiceSpecificCredential", IAM_XMLNS,
                "<ServiceSpecificCredential><CreateDate>" + seconds(now) + "</CreateDate><ExpirationDate>"
                        + seconds(now.plus(Duration.ofDays(1))) + "</ExpirationDate>"
                        + "<ServiceName>bedrock.amazonaws.com</ServiceName>"
                        + "<ServiceUserName>snapstart-priming-at-000000000000</ServiceUserName>"
                        + "<ServiceCredentialAlias>snapstart-priming</ServiceCredentialAlias>"
                        + "<ServiceCredentialSecret>priming-secret</ServiceCredentialSecret>"
                        + "<ServiceSpecificCredentialId>" + API_KEY_ID + "</ServiceSpecificCredentialId>"
                        + "<UserName>snapstart-priming</UserName><Status>Active</Status></ServiceSpecificCredential>"));
        for (String action : List.of("PutUserPermissionsBoundary", "TagUser", "UntagUser", "PutUserPolicy",
                "DeleteServiceSpecificCredential", "PutRolePolicy")) {
            answers.put(action, new Answer(200, "<" + action + "Response xmlns=\"" + IAM_XMLNS + "\">" + METADATA
                    + "</" + action + "Response>"));
        }
        return answers;
    }

    /**
     * DynamoDB (JSON protocol, chosen by {@code X-Amz-Target}): an empty table. Reads find nothing; the usage routes'
     * answers are then the empty ledger's. A transaction (usage ingestion's ledger write) succeeds and is forgotten.
     */
    static Map<String, Answer> dynamoDb() {
        return Map.of(
                "DynamoDB_20120810.Query", new Answer(200, "{\"Items\":[],\"Count\":0,\"ScannedCount\":0}"),
                "DynamoDB_20120810.BatchGetItem", new Answer(200, "{\"Responses\":{},\"UnprocessedKeys\":{}}"),
                "DynamoDB_20120810.GetItem", new Answer(200, "{}"),
                "DynamoDB_20120810.TransactWriteItems", new Answer(200, "{}"));
    }

    private static Answer ok(String action, String xmlns, String result) {
        return new Answer(200, "<" + action + "Response xmlns=\"" + xmlns + "\"><" + action + "Result>" + result
                + "</" + action + "Result>" + METADATA + "</" + action + "Response>");
    }

    private static Answer noSuchEntity() {
        return new Answer(404, "<ErrorResponse xmlns=\"" + IAM_XMLNS + "\">" + error("NoSuchEntity",
                "snapstart-priming").substring("<ErrorResponse>".length()));
    }

    private static String seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
