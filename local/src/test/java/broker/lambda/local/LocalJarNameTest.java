package broker.lambda.local;

import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.LambdaJar;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The local broker's jar keeps the name the docs, the client tests and the benchmarks use. */
class LocalJarNameTest {

    @Test
    void shadedJar_isNamedAsTheContractSays() throws Exception {
        assertThat(Files.readString(Path.of("pom.xml")))
                .contains("<finalName>" + LambdaJar.LOCAL_BROKER.replace(".jar", "") + "</finalName>");
    }
}
