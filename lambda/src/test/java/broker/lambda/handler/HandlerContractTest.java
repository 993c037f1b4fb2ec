package broker.lambda.handler;

import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.BrokerFunction;
import broker.contract.LambdaJar;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The contract's functions and jars are what this module builds: the handler classes exist, the jars are named so. */
class HandlerContractTest {

    @Test
    void everyContractFunction_namesAHandlerOfThisModule() throws ClassNotFoundException {
        for (BrokerFunction function : BrokerFunction.values()) {
            assertThat(RequestHandler.class.isAssignableFrom(Class.forName(function.handlerClass())))
                    .as(function.handlerClass()).isTrue();
        }
    }

    @Test
    void everyLambdaJar_isAShadeExecutionOfThisModule() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        var finalNames = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom).results()
                .map(match -> match.group(1) + ".jar").toList();
        assertThat(finalNames).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(LambdaJar.values()).map(LambdaJar::fileName).toList());
    }
}
