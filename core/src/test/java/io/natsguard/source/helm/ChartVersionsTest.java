package io.natsguard.source.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which written versions and constraints of chart nats the model reads: 1.x and 2.x, not 0.x. */
class ChartVersionsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            ''                  | true
            '*'                 | true
            2.14.2              | true
            v1.3.16             | true
            1.0.0-rc.1          | true
            ~1.2                | true
            ^2                  | true
            1.x                 | true
            2.14.*              | true
            '>=1.0.0 <3.0.0'    | true
            '>=0.9.0'           | true
            0.9.0               | false
            0.19.17-beta.2      | false
            0.x                 | false
            ~0.19               | false
            '>=0.9.0 <1.0.0'    | false
            '0.x || 1.x'        | false
            3.0.0               | false
            main                | false
            """)
    void onlyTheValuesLayoutOfChartOneAndLaterIsModeled(String written, boolean modeled) {
        assertThat(ChartVersions.unmodeled(written).isEmpty()).isEqualTo(modeled);
    }
}
