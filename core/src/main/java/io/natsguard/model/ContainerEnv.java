package io.natsguard.model;

import io.natsguard.base.Position;
import io.natsguard.base.Related;
import io.natsguard.source.KubeObject;
import io.natsguard.source.Yaml;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A container's environment as far as the pod spec writes it: {@code env[].value}, each expanded
 * against the variables before it, and {@code $(VAR)} references in command and args expanded as the
 * kubelet expands them (k8s.io/kubernetes third_party/forked/golang/expansion): {@code $$} is one
 * {@code $}, a reference to a variable set literally takes its value, any other reference stays as it
 * is written. A variable from {@code valueFrom} or {@code envFrom} has a value only at run time.
 */
final class ContainerEnv {

    /** A text after expansion, and where the values it took are written. */
    record Expanded(String text, List<Related> via) {
    }

    private final Map<String, String> values = new HashMap<>();
    private final Map<String, Position> places = new HashMap<>();

    private ContainerEnv() {
    }

    static ContainerEnv of(KubeObject object, Node container) {
        ContainerEnv env = new ContainerEnv();
        for (Node variable : Yaml.list(container, "env")) {
            String name = Yaml.string(variable, "name").orElse(null);
            if (name == null) {
                continue;
            }
            Node value = Yaml.at(variable, "value").orElse(null);
            String literal = value == null ? null : Yaml.string(variable, "value").orElse(null);
            if (literal == null) {
                // valueFrom: known at run time only; it hides an earlier literal of the same name
                env.values.remove(name);
                env.places.remove(name);
                continue;
            }
            env.values.put(name, env.expand(literal).text());
            env.places.put(name, object.positionOf(value));
        }
        return env;
    }

    /** The variables with a literal value, expanded: what nats-server finds in its environment. */
    Map<String, String> literal() {
        return Map.copyOf(values);
    }

    /** {@code $(NAME)} references replaced by the literal values, as the kubelet does for command and args. */
    Expanded expand(String input) {
        StringBuilder out = new StringBuilder();
        List<Related> via = new ArrayList<>();
        int i = 0;
        while (i < input.length()) {
            char c = input.charAt(i);
            if (c != '$' || i + 1 == input.length()) {
                out.append(c);
                i++;
            } else if (input.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (input.charAt(i + 1) == '(' && input.indexOf(')', i + 2) > 0) {
                int close = input.indexOf(')', i + 2);
                String name = input.substring(i + 2, close);
                String value = values.get(name);
                if (value == null) {
                    out.append(input, i, close + 1);
                } else {
                    out.append(value);
                    via.add(new Related(places.get(name), "$(" + name + ") is set here"));
                }
                i = close + 1;
            } else {
                out.append(c).append(input.charAt(i + 1));
                i += 2;
            }
        }
        return new Expanded(out.toString(), via);
    }
}
