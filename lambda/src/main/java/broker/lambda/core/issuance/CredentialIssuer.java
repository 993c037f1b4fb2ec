package broker.lambda.core.issuance;

/** Port: assumes the Bedrock user role. Implementations never throw for AWS errors; they return an outcome. */
public interface CredentialIssuer {
    StsOutcome assumeRole(AssumeRoleCommand command);
}
