package broker.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The Lambda jars the lambda module builds (infra deploys each function with its own): each carries only the AWS SDK
 * models its functions call.
 *
 * @param fileName  in {@code lambda/target}
 * @param functions the functions that deploy it
 * @param smokeMode {@code InitLauncher}'s mode that runs these functions and their priming
 * @param absent    class-file prefixes its functions never use, on top of {@link PackageReport#FORBIDDEN}
 */
public record LambdaJar(String fileName, List<String> functions, String smokeMode, List<String> absent) {
    public static final LambdaJar CREDENTIALS = new LambdaJar(broker.contract.LambdaJar.CREDENTIALS.fileName(),
            List.of("credentials", "public", "authorizer"), "smoke-credentials",
            List.of("software/amazon/awssdk/services/iam/"));
    // JWT verification (nimbus) runs only in the Lambda authorizer, which deploys from the credentials jar.
    public static final LambdaJar KEYS = new LambdaJar(broker.contract.LambdaJar.KEYS.fileName(),
            List.of("api-keys", "admin"), "smoke-keys",
            List.of("software/amazon/awssdk/services/bedrock/", "com/nimbusds/"));
    public static final List<LambdaJar> ALL = List.of(CREDENTIALS, KEYS);

    /** This jar in the lambda module's {@code target} directory. */
    public Path in(Path lambdaTarget) {
        return lambdaTarget.resolve(fileName);
    }

    /** Every prefix that must not be in this jar. */
    public List<String> forbidden() {
        return java.util.stream.Stream.concat(PackageReport.FORBIDDEN.stream(), absent.stream()).toList();
    }
}
