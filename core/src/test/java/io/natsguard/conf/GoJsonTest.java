package io.natsguard.conf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's encoding/json text of float64s and strings (what json.Marshal prints, Go 1.22 and later). */
class GoJsonTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0.0                     | 0
            -0.0                    | -0
            1.5                     | 1.5
            -0.25                   | -0.25
            100.0                   | 100
            0.1                     | 0.1
            1e20                    | 100000000000000000000
            9.999999999999999e20    | 999999999999999900000
            1e21                    | 1e+21
            -1e21                   | -1e+21
            1.5e21                  | 1.5e+21
            1.23456789e33           | 1.23456789e+33
            1e-6                    | 0.000001
            -1e-6                   | -0.000001
            1e-7                    | 1e-7
            1.25e-7                 | 1.25e-7
            -1.25e-300              | -1.25e-300
            5e-324                  | 5e-324
            1.7976931348623157e308  | 1.7976931348623157e+308
            NaN                     | NaN
            Infinity                | +Inf
            -Infinity               | -Inf
            """)
    void numbersAsGoWritesThem(double value, String expected) {
        assertThat(GoJson.number(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            plain                        | `"plain"`
            `a"b\\\\c`                   | `"a\\"b\\\\\\\\c"`
            `<b> & é 😀 \u007f`          | `"<b> & é 😀 \u007f"`
            `x\u2028y\u2029z`            | `"x\\u2028y\\u2029z"`
            """)
    void stringsAsGoWritesThem(String value, String expected) {
        assertThat(GoJson.string(value)).isEqualTo(expected);
    }

    /** Java 17's Double.toString is not always shortest; Go's strconv is, and reads back exactly. */
    @org.junit.jupiter.api.Test
    void tenThousandRandomFloatsReadBackAndAreNoLongerThanJavasDigits() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 10_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            String text = GoJson.number(d);
            assertThat(Double.parseDouble(text)).as(text).isEqualTo(d);
            assertThat(digits(text)).as(text).isLessThanOrEqualTo(digits(Double.toString(d)));
        }
    }

    private static int digits(String number) {
        String mantissa = number.split("[eE]")[0].replace("-", "").replace(".", "").replaceAll("^0+", "");
        return mantissa.replaceAll("0+$", "").length();
    }

    @org.junit.jupiter.api.Test
    void controlCharactersAreEscaped() {
        assertThat(GoJson.string("\n\r\t\b\f")).isEqualTo("\"\\n\\r\\t\\b\\f\"");
        assertThat(GoJson.string("\u0000\u0001\u001f ")).isEqualTo("\"\\u0000\\u0001\\u001f \"");
        assertThat(GoJson.string("")).isEqualTo("\"\"");
    }
}
