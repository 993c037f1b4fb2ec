package broker.lambda.core.identity;

/** Whether an issuer's tokens stand for people or for workloads (CI jobs, cluster service accounts). */
public enum PrincipalKind {
    /** A person signed in at the company identity provider (or the Cognito default): group profiles apply. */
    PERSON,
    /** A machine identity (GitHub Actions, GitLab, EKS): only the entitlements' {@code workloads} entries apply. */
    WORKLOAD
}
