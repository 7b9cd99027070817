package io.natsguard.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every Service scanned, found by the host names that resolve to them. */
public final class Services {

    private final Map<String, List<Service>> byName = new HashMap<>();

    Services(List<Service> services) {
        for (Service s : services) {
            byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
        }
    }

    /** The Service a host name names ({@code svc}, {@code svc.ns}, {@code svc.ns.svc...}), seen from a namespace. */
    public Optional<Service> namedBy(String host, String fromNamespace) {
        int dot = host.indexOf('.');
        String first = dot < 0 ? host : host.substring(0, dot);
        return byName.getOrDefault(first, List.of()).stream().filter(s -> s.isNamedBy(host, fromNamespace)).findFirst();
    }
}
