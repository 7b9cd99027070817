package io.natsguard.model;

import io.natsguard.source.Units;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every Service scanned, found by the host names that resolve to them, as seen from one file: a
 * Service of its own file or unit first, one of another unit only when it is the only one of its
 * name in the scanned tree ({@link Units#reach}).
 */
public final class Services {

    private final Map<String, List<Service>> byName;
    private final Units units;
    private final String from;

    /** Services that all deploy together, seen from anywhere. */
    Services(List<Service> services) {
        this(services, Units.ONE);
    }

    Services(List<Service> services, Units units) {
        this(new HashMap<>(), units, null);
        for (Service s : services) {
            byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
        }
    }

    private Services(Map<String, List<Service>> byName, Units units, String from) {
        this.byName = byName;
        this.units = units;
        this.from = from;
    }

    /** The same Services, as an object of {@code file} reaches them. */
    Services seenFrom(String file) {
        return new Services(byName, units, file);
    }

    /** The Service a host name names ({@code svc}, {@code svc.ns}, {@code svc.ns.svc...}), seen from a namespace. */
    public Optional<Service> namedBy(String host, String fromNamespace) {
        return reached(host, fromNamespace).map(Units.Reached::target);
    }

    /** The same, and whether the Service lies outside the unit it is seen from. */
    Optional<Units.Reached<Service>> reached(String host, String fromNamespace) {
        int dot = host.indexOf('.');
        String first = dot < 0 ? host : host.substring(0, dot);
        List<Service> matches = byName.getOrDefault(first, List.of()).stream().filter(s -> s.isNamedBy(host, fromNamespace)).toList();
        return units.reach(matches, s -> s.object() == null ? null : s.object().file(), from);
    }
}
