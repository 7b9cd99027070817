package io.natsguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsguard.base.Severity;
import io.natsguard.limit.Limits;
import io.natsguard.rule.Rules;
import io.natsguard.testing.Repository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HOCON policy: defaults, overrides, and errors that name the file, the line and the problem. */
class PolicyTest {

    @TempDir
    Path dir;

    @Test
    void theBuiltInPolicyIsTheRepositorysDefault() throws Exception {
        Policy policy = Policy.defaults();
        Policy file = Policy.load(Repository.path("policies/default.conf"));
        String text = Files.readString(Repository.path("policies/default.conf"));
        for (var rule : Rules.all()) {
            // every rule written out, so the file a user copies shows them all
            assertThat(text).as("policies/default.conf lists " + rule.info().id()).containsPattern("(?m)^  " + rule.info().id() + " ");
            assertThat(policy.settings(rule)).isEqualTo(file.settings(rule));
            assertThat(policy.settings(rule).severity()).isEqualTo(rule.info().severity());
        }
    }

    @Test
    void theLimitsAreTheDefaultsOfTheCodeUnlessStated() throws Exception {
        assertThat(Policy.defaults().limits()).isEqualTo(Limits.DEFAULT);
        Path file = Files.writeString(dir.resolve("p.conf"), "limits {\n  max-file-size = 1MiB\n  max-replicas = 50\n}\n");
        assertThat(Policy.load(file).limits()).isEqualTo(new Limits(1 << 20, Limits.DEFAULT.maxIncludeDepth(),
                Limits.DEFAULT.maxIncludedBytes(), Limits.DEFAULT.maxExpandedBytes(), 50));
    }

    @Test
    void aBadLimitNamesFileAndLine() throws Exception {
        Path unknown = Files.writeString(dir.resolve("p.conf"), "limits {\n\n  max-files = 3\n}\n");
        assertThatThrownBy(() -> Policy.load(unknown)).hasMessage(unknown + ":3: unknown setting 'max-files' of limits (allowed: "
                + "max-expanded-size, max-file-size, max-include-depth, max-included-size, max-replicas)");
        Path negative = Files.writeString(dir.resolve("n.conf"), "limits {\n  max-expanded-size = 0\n}\n");
        assertThatThrownBy(() -> Policy.load(negative)).hasMessageContaining("limits: every bound must be positive");
        Path word = Files.writeString(dir.resolve("w.conf"), "limits {\n  max-file-size = lots\n}\n");
        assertThatThrownBy(() -> Policy.load(word)).isInstanceOf(PolicyException.class).hasMessageStartingWith(word + ":2");
    }

    @Test
    void aPolicyOverridesWhatItStates() throws Exception {
        Path file = Files.writeString(dir.resolve("p.conf"), "rules {\n  cluster-tls-missing { severity = warning }\n"
                + "  cluster-name-missing { enabled = false }\n}\n");
        Policy policy = Policy.load(file);
        assertThat(policy.settings(Rules.byId("cluster-tls-missing").orElseThrow()).severity()).isEqualTo(Severity.WARNING);
        assertThat(policy.settings(Rules.byId("cluster-name-missing").orElseThrow()).enabled()).isFalse();
        assertThat(policy.settings(Rules.byId("routes-missing").orElseThrow()).enabled()).isTrue();
        assertThat(policy.name()).isEqualTo(file.toString());
        assertThat(Policy.defaults().name()).isEqualTo("built-in /policies/default.conf");
    }

    @Test
    void aSyntaxErrorNamesFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("p.conf"), "rules {\n  cluster-tls-missing { severity = \n");
        assertThatThrownBy(() -> Policy.load(file)).isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(file + ":");
    }

    @Test
    void anUnknownRuleNamesFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("p.conf"), "rules {\n\n  route-is-fine { enabled = false }\n}\n");
        assertThatThrownBy(() -> Policy.load(file)).hasMessage(file + ":3: unknown rule 'route-is-fine' (natsguard rules lists them)");
    }

    @Test
    void aBadSeverityNamesFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("p.conf"), "rules {\n  routes-missing {\n    severity = fatal\n  }\n}\n");
        assertThatThrownBy(() -> Policy.load(file)).hasMessage(file
                + ":3: severity of 'routes-missing' must be error, warning or info, not 'fatal'");
    }

    @Test
    void theWebhookActionFollowsTheSeverityUnlessStated() throws Exception {
        Path file = Files.writeString(dir.resolve("p.conf"), "rules {\n  cluster-tls-missing { admission = warn }\n"
                + "  routes-missing { severity = warning }\n  cluster-name-missing { severity = info }\n"
                + "  duration-unquoted { severity = warning, admission = deny }\n  routes-incomplete { admission = off }\n}\n");
        Policy policy = Policy.load(file);
        assertThat(policy.admission("cluster-tls-missing")).isEqualTo(Admission.WARN);
        assertThat(policy.admission("routes-missing")).isEqualTo(Admission.WARN);
        assertThat(policy.admission("cluster-name-missing")).isEqualTo(Admission.OFF);
        assertThat(policy.admission("duration-unquoted")).isEqualTo(Admission.DENY);
        assertThat(policy.admission("routes-incomplete")).isEqualTo(Admission.OFF);
        assertThat(policy.admission("routes-single-dns-name")).isEqualTo(Admission.DENY);
        assertThatThrownBy(() -> policy.admission("no-such-rule")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBadWebhookActionNamesFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("p.conf"), "rules {\n  routes-missing {\n    admission = block\n  }\n}\n");
        assertThatThrownBy(() -> Policy.load(file)).hasMessage(file
                + ":3: admission of 'routes-missing' must be deny, warn or off, not 'block'");
    }

    @Test
    void exemptionsCoverTheirRuleAndMatchNamespaceAndNameByGlob() throws Exception {
        Path file = Files.writeString(dir.resolve("p.conf"), "exemptions = [\n"
                + "  { rule = cluster-tls-missing, namespace = \"dev-*\", name = \"nats*\", reason = \"no certificates in dev\" }\n"
                + "  { rule = \"*\", reason = \"  everywhere  \" }\n]\n");
        List<Policy.Exemption> exemptions = Policy.load(file).exemptions();
        assertThat(exemptions).hasSize(2);
        Policy.Exemption dev = exemptions.get(0);
        assertThat(dev.covers("cluster-tls-missing")).isTrue();
        assertThat(dev.covers("routes-missing")).isFalse();
        assertThat(dev.matches("dev-a", "nats-eu")).isTrue();
        assertThat(dev.matches("prod", "nats")).isFalse();
        assertThat(dev.matches("dev-a", "other")).isFalse();
        assertThat(dev.matches("xdev-a", "nats")).as("a glob matches the whole name").isFalse();
        Policy.Exemption any = exemptions.get(1);
        assertThat(any.covers("routes-missing")).isTrue();
        assertThat(any).extracting(Policy.Exemption::namespace, Policy.Exemption::name, Policy.Exemption::reason)
                .containsExactly("*", "*", "everywhere");
        assertThat(any.matches("kube-system", "anything")).isTrue();
        assertThat(Policy.defaults().exemptions()).isEmpty();
    }

    @Test
    void anExemptionNeedsAKnownRuleAndAReason() throws Exception {
        Path noReason = Files.writeString(dir.resolve("a.conf"), "exemptions = [\n  { rule = routes-missing, reason = \" \" }\n]\n");
        assertThatThrownBy(() -> Policy.load(noReason)).hasMessage(noReason + ":2: an exemption needs a reason");
        Path noRule = Files.writeString(dir.resolve("b.conf"), "exemptions = [\n  { reason = because }\n]\n");
        assertThatThrownBy(() -> Policy.load(noRule)).hasMessage(noRule + ":2: an exemption needs rule = <rule id> or \"*\", not ''");
        Path unknown = Files.writeString(dir.resolve("c.conf"), "exemptions = [\n  { rule = \"*\", reason = x, namespaces = a }\n]\n");
        assertThatThrownBy(() -> Policy.load(unknown)).hasMessage(unknown
                + ":2: unknown setting 'namespaces' of an exemption (allowed: rule, namespace, name, reason)");
    }

    @Test
    void aBadParameterNamesFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("p.conf"),
                "rules {\n  timeout-out-of-range {\n    params { ping_interval { min = soon, max = 10m } }\n  }\n}\n");
        assertThatThrownBy(() -> Policy.load(file)).hasMessageStartingWith(file + ":3: rule 'timeout-out-of-range'");
    }

    @Test
    void anUnknownSettingIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("p.conf"), "rulez { }\n");
        assertThatThrownBy(() -> Policy.load(file)).hasMessageStartingWith(file + ":1: unknown setting 'rulez'");
    }

    @Test
    void aMissingFileIsRefused() {
        assertThatThrownBy(() -> Policy.load(dir.resolve("none.conf"))).hasMessageEndingWith("cannot read the policy file");
    }
}
