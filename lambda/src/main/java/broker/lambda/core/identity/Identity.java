package broker.lambda.core.identity;

import java.util.List;
import java.util.Objects;

/**
 * The signed-in caller, as read from the JWT claims that the authorizer verified.
 *
 * @param subject  the issuer's stable subject ({@code sub}); never blank
 * @param userName a human-readable name (the configured claim, else {@code sub}); never blank
 * @param email    the {@code email} claim, or the empty string when the token has none
 * @param groups   group names from the configured groups claim, in token order, without duplicates
 */
public record Identity(String subject, String userName, String email, List<String> groups) {
    public Identity {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(email, "email");
        if (subject.isBlank()) throw new IllegalArgumentException("subject is blank");
        if (userName.isBlank()) throw new IllegalArgumentException("userName is blank");
        groups = List.copyOf(groups);
    }
}
