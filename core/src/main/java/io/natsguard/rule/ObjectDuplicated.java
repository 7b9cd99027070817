package io.natsguard.rule;

import com.google.auto.service.AutoService;
import io.natsguard.base.Position;
import io.natsguard.base.Related;
import io.natsguard.base.Severity;
import io.natsguard.edit.Fix;
import io.natsguard.source.KubeObject;
import io.natsguard.source.Unit;
import io.natsguard.source.Yaml;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@AutoService(Rule.class)
@RuleInfo(id = "object-duplicated", severity = Severity.ERROR,
        title = "Two objects deployed together have the same kind, namespace and name",
        rationale = "Applied together, the later definition silently replaces the earlier one: the StatefulSet "
                + "mounts, and the routes name, whichever was applied last, and what the earlier one says is lost "
                + "without a word (kustomize and Flux refuse such a build outright). Within a unit that deploys "
                + "together (a file, a Kustomize build, a chart's render, the path of a Flux Kustomization or an "
                + "Argo CD Application), a name stands for one object; the files of a folder that nothing deploys "
                + "may be alternatives applied one at a time, so only a repeat within one file counts there.",
        fix = "Keep one definition, or give the other object a name of its own (and change what refers to it).")
public final class ObjectDuplicated implements Rule {

    /** Kustomize's own configuration files are read by kustomize, never applied. */
    private static final String KUSTOMIZE_CONFIG = "kustomize.config.k8s.io/";

    @Override
    public void checkUnit(Unit unit, List<KubeObject> objects, RuleContext context) {
        Map<String, KubeObject> first = new HashMap<>();
        for (KubeObject o : objects) {
            if (o.name().isEmpty() || o.apiVersion().startsWith(KUSTOMIZE_CONFIG)) {
                continue;
            }
            String scope = unit.appliedWhole() ? "" : o.file();
            KubeObject earlier = first.putIfAbsent(scope + "\n" + o.kind() + "/" + o.namespace() + "/" + o.name(), o);
            if (earlier != null) {
                List<Related> related = new ArrayList<>(List.of(new Related(nameAt(earlier), "the earlier definition of " + o.label())));
                if (unit.at() != null) {
                    related.add(new Related(unit.at(), "what deploys them together: " + unit.name()));
                }
                String where = unit.appliedWhole() ? "in " + unit.name() : "in the same file";
                context.report(nameAt(o), o.label() + " is defined a second time " + where + ": applied together, this "
                        + "definition silently replaces the earlier one. Keep one definition, or give this object a name "
                        + "of its own.", related, Fix.NONE);
            }
        }
    }

    private static Position nameAt(KubeObject o) {
        return Yaml.at(o.node(), "metadata", "name").map(o::positionOf).orElse(o.position());
    }
}
