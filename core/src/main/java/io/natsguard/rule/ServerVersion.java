package io.natsguard.rule;

import io.natsguard.model.Cluster;
import io.natsguard.model.NatsVersion;
import io.natsguard.model.ServerOptions;
import java.util.Optional;

/**
 * The pinned release whose option table judges a cluster's config, and why: the version its image's
 * tag names, else the one the user states ({@code lint --nats-version}), else the newest (a floating
 * tag such as {@code latest}, no tag, a digest, or a config without a workload).
 *
 * @param release the pinned release of {@link ServerOptions#RELEASES} that judges it
 * @param runs    what the servers run, as a message says it ("this pod runs nats:2.9.22")
 */
record ServerVersion(NatsVersion release, String runs) {

    static ServerVersion of(Cluster cluster, RuleContext context) {
        if (cluster.workload() != null) {
            Optional<NatsVersion> tagged = cluster.workload().natsVersion();
            if (tagged.isPresent()) {
                return new ServerVersion(ServerOptions.judgedBy(tagged.get()), "this pod runs " + cluster.workload().image());
            }
        }
        return context.statedNatsVersion()
                .map(stated -> new ServerVersion(ServerOptions.judgedBy(stated), "the servers run " + stated + " (--nats-version)"))
                .orElse(new ServerVersion(ServerOptions.NEWEST, "natsguard judges by the newest release, " + ServerOptions.NEWEST));
    }
}
