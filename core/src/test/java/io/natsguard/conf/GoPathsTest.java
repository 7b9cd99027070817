package io.natsguard.conf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's filepath.Dir, Join and Clean on slash-separated paths (expected values as Go prints them). */
class GoPathsTest {

    @ParameterizedTest(name = "Dir({0}) = {1}")
    @CsvSource(textBlock = """
            a.conf,        .
            /a.conf,       /
            x/y/a.conf,    x/y
            x//y/a.conf,   x/y
            ./x/a.conf,    x
            x/y/,          x/y
            /,             /
            """)
    void dir(String path, String expected) {
        assertThat(GoPaths.dir(path)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "Join({0}, {1}) = {2}")
    @CsvSource(textBlock = """
            '',        '',           ''
            '',        a/../b,       b
            '',        ./a,          a
            .,         inc/x.conf,   inc/x.conf
            /etc,      ../../x,      /x
            d,         /abs.conf,    d/abs.conf
            d/e,       ../f,         d/f
            ..,        ../a,         ../../a
            """)
    void join(String dir, String name, String expected) {
        assertThat(GoPaths.join(dir, name)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "Clean({0}) = {1}")
    @CsvSource(textBlock = """
            '',          .
            ./,          .
            a/..,        .
            ../a/..,     ..
            a/../..,     ..
            /..,         /
            /../a/./b/,  /a/b
            a//b,        a/b
            """)
    void clean(String path, String expected) {
        assertThat(GoPaths.clean(path)).isEqualTo(expected);
    }
}
