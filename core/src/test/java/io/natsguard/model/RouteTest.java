package io.natsguard.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.base.Position;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Route URLs read the way Go's url.Parse reads them (nats-server parses its routes with it). */
class RouteTest {

    private static final Position AT = new Position("n.conf", 3, 5);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            nats://nats-0.nats:6222            | nats  | nats-0.nats | 6222 |
            NATS://Nats-0.NATS:6222            | nats  | nats-0.nats | 6222 |
            nats-route://u:p@a.b:7244/path     | nats-route | a.b    | 7244 | u:p
            nats://a:p@ss@host:6222            | nats  | host        | 6222 | a:p@ss
            nats://@host:6222                  | nats  | host        | 6222 |
            nats://host                        | nats  | host        | -1   |
            nats://host:                       | nats  | host        | -1   |
            nats://host:port                   | nats  | host        | -1   |
            nats://:6222                       | nats  |             | 6222 |
            nats://[::1]:6222                  | nats  | [::1]       | 6222 |
            nats://[fe80::1]                   | nats  | [fe80::1]   | -1   |
            nats:///just-a-path                | nats  |             | -1   |
            ://host:6222                       |       | host        | 6222 |
            host:6222                          |       | host        | 6222 |
            """)
    void partsAreReadAsGoReadsThem(String url, String scheme, String host, int port, String userInfo) {
        Route route = new Route(url, AT);
        assertThat(route.scheme()).isEqualTo(scheme == null ? "" : scheme);
        assertThat(route.host()).isEqualTo(host == null ? "" : host);
        assertThat(route.port()).isEqualTo(port);
        assertThat(route.userInfo()).isEqualTo(userInfo == null ? "" : userInfo);
        assertThat(route.url()).isEqualTo(url);
        assertThat(route.position()).isEqualTo(AT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nats://u:secret@h:6222 | true
            nats://:secret@h:6222  | true
            nats://u:s@h:6222      | true
            nats://u:@h:6222       | false
            nats://u@h:6222        | false
            nats://h:6222          | false
            """)
    void aPasswordIsWhatFollowsTheColonOfTheUserInfo(String url, boolean hasPassword) {
        assertThat(new Route(url, AT).hasPassword()).isEqualTo(hasPassword);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            $ROUTES                          | false
            nats://$(SEED_HOST):6222         | false
            nats://${HOST}:6222              | false
            nats://u:$(PASSWORD)@seed:6222   | true
            nats://seed.example.com:6222     | true
            """)
    void aHostStillHoldingAVariableIsKnownOnlyAtRunTime(String url, boolean known) {
        assertThat(new Route(url, AT).hostKnown()).isEqualTo(known);
    }

    @Test
    void itsPrintedFormsNeverShowThePassword() {
        Route route = new Route("nats://ruser:T0pS3cret@nats-0.nats:6222", AT);
        assertThat(route.redacted()).isEqualTo("nats://ruser:***@nats-0.nats:6222");
        assertThat(route).hasToString("nats://ruser:***@nats-0.nats:6222 at n.conf:3:5");
    }

    @Test
    void twoRoutesAreEqualWhenWrittenAlikeInTheSamePlace() {
        Route route = new Route("nats://a:6222", AT);
        assertThat(route).isEqualTo(new Route("nats://a:6222", AT)).hasSameHashCodeAs(new Route("nats://a:6222", AT));
        assertThat(route).isNotEqualTo(new Route("nats://A:6222", AT));
        assertThat(route).isNotEqualTo(new Route("nats://a:6222", new Position("n.conf", 3, 6)));
        assertThat(route).isNotEqualTo("nats://a:6222");
        assertThat(new Route("nats://a:6222", null)).isEqualTo(new Route("nats://a:6222", null));
    }
}
