package broker.lambda.core.identity;

import java.util.Map;

/**
 * What STS is told about the caller: values derived from untrusted claims that always satisfy STS's
 * character sets and lengths, and differ for distinct subjects.
 *
 * @param roleSessionName 2-64 chars of {@code [\w+=,.@-]}
 * @param sourceIdentity  2-64 chars of {@code [\w+=,.@-]}, never starting with {@code aws:}
 * @param sessionTags     at most 50 tags; keys 1-128, values 0-256 chars of {@code [\p{L}\p{Z}\p{N}_.:/=+\-@]}
 */
public record StsSessionIdentity(String roleSessionName, String sourceIdentity, Map<String, String> sessionTags) {
    public StsSessionIdentity {
        sessionTags = Map.copyOf(sessionTags);
    }

    /** TEMPORARY STUB (the identity work replaces it). */
    public static StsSessionIdentity of(Identity identity) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
