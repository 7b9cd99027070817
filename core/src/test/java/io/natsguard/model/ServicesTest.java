package io.natsguard.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which Service a route host names, by Kubernetes DNS: {@code svc}, {@code svc.ns}, {@code svc.ns.svc[.domain]}. */
class ServicesTest {

    private static final Services SERVICES = new Services(List.of(
            new Service("nats", "msg", true, null), new Service("nats", "other", false, null),
            new Service("nats-headless", "msg", true, null)));

    @ParameterizedTest(name = "{0} from {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            nats                               | msg   | msg
            nats                               | other | other
            nats                               | third | -
            nats.msg                           | other | msg
            nats.other                         | msg   | other
            nats.msg.svc                       | other | msg
            nats.msg.svc.cluster.local         | other | msg
            nats.msg.pod                       | msg   | -
            nats.third                         | msg   | -
            nats-0.nats.msg.svc.cluster.local  | msg   | -
            natsx                              | msg   | -
            nats-headless.msg                  | msg   | msg
            """)
    void aHostNamesTheServiceKubernetesDnsResolvesItTo(String host, String from, String namespace) {
        assertThat(SERVICES.namedBy(host, from).map(Service::namespace).orElse(null)).isEqualTo(namespace);
        SERVICES.namedBy(host, from).ifPresent(s -> assertThat(host).startsWith(s.name()));
    }
}
