package broker.lambda.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {
    @ParameterizedTest
    @CsvSource({
        "us-*, us-east-1, true",
        "us-*, us-gov-west-1, true",
        "us-*, ca-central-1, false",
        "eu-*, eu-central-2, true",
        "eu-*, eusc-de-east-1, false",
        "ap-*, ap-southeast-4, true",
        "us-????-?, us-west-2, true",
        "us-????-?, us-north-1, false",
        "*, '', true",
        "us-gov-*, us-east-1, false"
    })
    void matches_pattern_answersLikeIam(String pattern, String text, boolean expected) {
        assertThat(Glob.matches(pattern, text)).isEqualTo(expected);
    }
}
