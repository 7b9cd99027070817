package io.natsguard.rule;

import io.natsguard.conf.ConfValue;
import io.natsguard.model.Cluster;
import java.util.List;

/** What a {@link Fixable} rule may change; each change is made where the user wrote the value, or refused with why. */
public interface FixContext {

    /**
     * The cluster's route list becomes exactly these URLs: the config's {@code cluster.routes}, the
     * workload's {@code --routes} argument, or a new {@code routes} entry in the cluster block.
     */
    void setRoutes(Cluster cluster, List<String> urls);

    /** A scalar of the cluster's config is written anew, e.g. an unquoted duration quoted. */
    void rewrite(Cluster cluster, ConfValue value, String replacement, String why);
}
