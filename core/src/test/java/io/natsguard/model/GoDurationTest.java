package io.natsguard.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations as Go's time package reads and prints them (nats-server reads its timeouts with time.ParseDuration). */
class GoDurationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            0         | 0
            -0        | 0
            +5s       | 5000000000
            -1m       | -60000000000
            300ms     | 300000000
            1.5h      | 5400000000000
            1h30m     | 5400000000000
            .5s       | 500000000
            5.s       | 5000000000
            10ns      | 10
            2us       | 2000
            2µs       | 2000
            2μs       | 2000
            1m30.25s  | 90250000000
            16.188us  | 16188
            1.0000000000000000000001s | 1000000000
            2562047h  | 9223369200000000000
            """)
    void readsWhatGoReads(String text, long nanos) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "5", "1.5", "s", "5 s", "5S", "1d", "-", "+", "1m-5s", "ms5", "5ss", "--5s", "2562048h", "9223372036854775808ns", "99999999999999999999s"})
    void refusesWhatGoRefuses(String text) {
        assertThat(GoDuration.parse(text)).isNull();
    }

    @Test
    void nullIsNoDuration() {
        assertThat(GoDuration.parse(null)).isNull();
    }

    @ParameterizedTest(name = "{0}ns is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0              | 0s
            1              | 1ns
            999            | 999ns
            1000           | 1µs
            1500           | 1.5µs
            999999         | 999.999µs
            1000000        | 1ms
            300000000      | 300ms
            999999999      | 999.999999ms
            1000000000     | 1s
            1500000000     | 1.5s
            59000000000    | 59s
            60000000000    | 1m
            90000000000    | 1m30s
            90250000000    | 1m30.25s
            3599000000000  | 59m59s
            3600000000000  | 1h
            3630500000000  | 1h30.5s
            3661000000000  | 1h1m1s
            -1500000000    | -1.5s
            -300000000     | -300ms
            """)
    void printsAsGoDoesWithoutZeroUnits(long nanos, String printed) {
        assertThat(GoDuration.format(Duration.ofNanos(nanos))).isEqualTo(printed);
    }

    @Test
    void whatItPrintsReadsBackAsTheSameDuration() {
        Random random = new Random(20261207);
        for (int i = 0; i < 10_000; i++) {
            long nanos = random.nextLong() % (1L << (1 + random.nextInt(52)));
            Duration d = Duration.ofNanos(nanos);
            assertThat(GoDuration.parse(GoDuration.format(d))).as("%s", GoDuration.format(d)).isEqualTo(d);
        }
    }
}
