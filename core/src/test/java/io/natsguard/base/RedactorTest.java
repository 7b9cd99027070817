package io.natsguard.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where a password is in a URL (as Go's url.Parse finds it) and in free text, and that only it is hidden. */
class RedactorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            nats://u:p,a'ss@h:6222          | nats://u:***@h:6222
            nats://u:p@ss@h:6222            | nats://u:***@h:6222
            nats://u:p:ss@h:6222            | nats://u:***@h:6222
            nats://u:p/ss@h:6222            | nats://u:***@h:6222
            `nats://u:p ss@h:6222`          | nats://u:***@h:6222
            nats://u:a://b@h:6222           | nats://u:***@h:6222
            nats://u:p%2F%23s@h:6222/path   | nats://u:***@h:6222/path
            u:pass@host:6222                | u:***@host:6222
            `  TLS://u:p;"x@h`              | `  TLS://u:***@h`
            nats://user@host:6222           | nats://user@host:6222
            nats://u:@host:6222             | nats://u:@host:6222
            nats://host:6222                | nats://host:6222
            """)
    void oneUrlHidesThePasswordBeforeTheLastAt(String url, String shown) {
        assertThat(Redactor.redactUrl(url)).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            route nats://user:p@ss@host:6222 and tls://u:x@h:1  | route nats://user:***@host:6222 and tls://u:***@h:1
            `routes = [\"nats://a:6222\",\"nats://u:p,q@b:1\"]` | `routes = [\"nats://a:6222\",\"nats://u:***@b:1\"]`
            - --routes=r:p'x@h:6222                             | - --routes=r:***@h:6222
            route nats://u:p ss@h:6222 names Service a/b        | route nats://u:***@h:6222 names Service a/b
            nats://h:6222 names admin@example.com               | nats://h:6222 names admin@example.com
            `nats://[::1]:6222 and x@y`                         | `nats://[::1]:6222 and x@y`
            `  password: \"s3,cr\\\"et\"  # why`                 | `  password: ***  # why`
            `authorization { user: a, pass = b, c }`            | `authorization { user: a, pass = ***`
            `{\"token\": \"abc\", \"user\": \"x\"}`             | `{\"token\": ***, \"user\": \"x\"}`
            `  - \"route:a://b@h:1\"`                          | `  - \"route:***@h:1\"`
            `x nats://u:a://b@h:1 y`                            | `x nats://u:***@h:1 y`
            `  - \"route:p ss@nats-1:6222\" # one`             | `  - \"route:***@nats-1:6222\" # one`
            ROUTE_PASSWORD=x y                                  | ROUTE_PASSWORD=***
            cluster.authorization password is written in clear  | cluster.authorization password is written in clear
            """)
    void freeTextHidesEveryPasswordAndSecretValue(String text, String shown) {
        assertThat(Redactor.redact(text)).isEqualTo(shown);
    }

    @Test
    void linesAreRedactedEachOnTheirOwn() {
        assertThat(Redactor.redact("-  - nats://u:p@a:1\n+  - nats://u:p@b:1\r\nx@y"))
                .isEqualTo("-  - nats://u:***@a:1\n+  - nats://u:***@b:1\r\nx@y");
    }

    @Test
    void redactingTwiceChangesNothingMore() {
        String once = Redactor.redact("route nats://u:p,'q@h:1 and password: x");
        assertThat(Redactor.redact(once)).isEqualTo(once).isEqualTo("route nats://u:***@h:1 and password: ***");
    }

    @Test
    void secretKeysAreKnownWhateverTheirCase() {
        assertThat(Redactor.isSecretKey("Password")).isTrue();
        assertThat(Redactor.isSecretKey("pass")).isTrue();
        assertThat(Redactor.isSecretKey("TOKEN")).isTrue();
        assertThat(Redactor.isSecretKey("user")).isFalse();
    }
}
