package broker.lambda.core.policy;

import java.util.Collection;

/**
 * The AWS partition a region belongs to, by its name: a deployment's entitlements name regions of the partition it
 * runs in (a region of another partition cannot be called with its credentials), so the partition of a document's
 * regions is the one its ARNs will carry.
 */
final class Partitions {
    /** The longest partition name: for a region this class does not recognise. */
    static final String LONGEST = "aws-us-gov";

    private Partitions() {}

    /** The partition of this region; {@link #LONGEST} for an unknown prefix, so a size check errs long. */
    static String of(String region) {
        if (region.startsWith("us-gov-")) return "aws-us-gov";
        if (region.startsWith("cn-")) return "aws-cn";
        if (region.startsWith("us-isob-")) return "aws-iso-b";
        if (region.startsWith("us-iso-")) return "aws-iso";
        if (region.startsWith("eu-isoe-")) return "aws-iso-e";
        if (region.startsWith("eusc-")) return "aws-eusc";
        String prefix = region.substring(0, Math.max(0, region.indexOf('-')));
        return switch (prefix) {
            case "us", "eu", "ap", "ca", "sa", "me", "af", "il", "mx" -> "aws";
            default -> LONGEST;
        };
    }

    /** The longest partition name among these regions' partitions; {@link #LONGEST} when there are none. */
    static String longestOf(Collection<String> regions) {
        return regions.stream().map(Partitions::of)
                .reduce((a, b) -> a.length() >= b.length() ? a : b)
                .orElse(LONGEST);
    }
}
