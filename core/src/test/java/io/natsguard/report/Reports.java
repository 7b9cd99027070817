package io.natsguard.report;

import io.natsguard.limit.Limits;
import io.natsguard.limit.ReadScope;
import io.natsguard.model.ClusterModelBuilder;
import io.natsguard.rule.Rule;
import io.natsguard.rule.Rules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Reports made by hand for the format tests: the rules' own metadata, and as many NATS configs checked as asked. */
final class Reports {

    private Reports() {
    }

    static Report of(List<Finding> findings, int files, int objects, int configs, Map<String, String> texts) {
        ClusterModelBuilder model = new ClusterModelBuilder(Limits.DEFAULT, ReadScope.NOTHING);
        for (int i = 0; i < configs; i++) {
            model.addConfFile(new ClusterModelBuilder.ConfFile("nats-" + i + ".conf", "port: 4222\n".getBytes(StandardCharsets.UTF_8), true));
        }
        return new Report(findings, Rules.all().stream().map(Rule::info).toList(), files, objects, model.build(), texts);
    }
}
