package io.natsguard.rule;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** All rules, as registered for ServiceLoader, in id order. */
public final class Rules {

    private static final List<Rule> ALL = ServiceLoader.load(Rule.class, Rules.class.getClassLoader()).stream()
            .map(ServiceLoader.Provider::get)
            .sorted(Comparator.comparing(rule -> rule.info().id()))
            .toList();

    private Rules() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    public static Optional<Rule> byId(String id) {
        return ALL.stream().filter(rule -> rule.info().id().equals(id)).findFirst();
    }
}
