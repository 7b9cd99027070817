package io.natsguard.source.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.natsguard.limit.Limits;
import io.natsguard.limit.ReadScope;
import io.natsguard.model.Cluster;
import io.natsguard.model.ClusterModelBuilder;
import io.natsguard.source.HelmValues;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzzing of the model of the official NATS chart's values (Jazzer): whatever a values file holds,
 * the model gives clusters whose positions point into the file, or problems; never an exception.
 * {@code mvn test} replays the seeds (values of corpus/helm) under {@code ChartValuesFuzzTestInputs/};
 * fuzz it for real with {@code JAZZER_FUZZ=1 mvn test -pl core -DskipFuzz -Dtest=ChartValuesFuzzTest} (docs/quality.md).
 */
class ChartValuesFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyValuesGiveClustersOrProblemsNeverACrash(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        HelmValues.ofValuesFile("values.yaml", text, "nats", "default", null).ifPresent(values -> {
            ClusterModelBuilder.Model model = new ClusterModelBuilder(Limits.DEFAULT, ReadScope.NOTHING).addChartValues(List.of(values)).build();
            for (Cluster cluster : model.clusters()) {
                assertThat(cluster.routes()).allSatisfy(route -> assertThat(route.position().line()).isPositive());
                if (cluster.config() != null && cluster.config().root() != null) {
                    assertThat(cluster.routesAt()).isNotNull();
                }
            }
            model.problems().forEach(problem -> assertThat(problem.message()).isNotBlank());
        });
    }
}
