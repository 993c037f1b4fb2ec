package broker.lambda.core.usage;

import broker.lambda.core.identity.PrincipalKind;
import broker.lambda.core.identity.TrustedIssuer;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What attribution knows of the trusted issuers: which issuers stand for workloads, and whose records carry no issuer
 * (issuance records and IAM users written before issuer-keyed names).
 *
 * @param unnamedIssuer   the issuer of records without one: the issuer marked {@code legacySubjectKeys}, else the first
 *                        people issuer
 * @param workloadIssuers the issuers of kind workload
 */
public record OwnerIssuers(String unnamedIssuer, Set<String> workloadIssuers) {
    public OwnerIssuers {
        Objects.requireNonNull(unnamedIssuer, "unnamedIssuer");
        workloadIssuers = Set.copyOf(workloadIssuers);
    }

    /** The owner issuers of a deployment's issuers list (the people issuer first, as the config keeps it). */
    public static OwnerIssuers of(List<TrustedIssuer> issuers) {
        String unnamed = issuers.stream().filter(TrustedIssuer::legacySubjectKeys).findFirst()
                .or(() -> issuers.stream().filter(i -> i.kind() == PrincipalKind.PERSON).findFirst())
                .orElseThrow(() -> new IllegalArgumentException("no people issuer"))
                .issuer();
        return new OwnerIssuers(unnamed, issuers.stream().filter(i -> i.kind() == PrincipalKind.WORKLOAD)
                .map(TrustedIssuer::issuer).collect(Collectors.toUnmodifiableSet()));
    }

    /** The owner with this issuer (empty: {@link #unnamedIssuer}) and subject; a workload when its issuer is one. */
    public Owner owner(String issuer, String subject, String userName, List<String> groups) {
        String at = issuer.isEmpty() ? unnamedIssuer : issuer;
        return new Owner(at, subject, userName, groups,
                workloadIssuers.contains(at) ? Owner.Kind.WORKLOAD : Owner.Kind.PERSON);
    }
}
