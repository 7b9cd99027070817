package io.natsguard.model;

import io.natsguard.source.KubeObject;

/** A Service: its name is a DNS name that resolves to many pods. */
public record Service(String name, String namespace, boolean headless, KubeObject object) {

    /** Whether a host name ({@code svc}, {@code svc.ns}, {@code svc.ns.svc}, {@code svc.ns.svc.<domain>}) names this Service. */
    public boolean isNamedBy(String host, String fromNamespace) {
        String[] labels = host.split("\\.");
        if (!labels[0].equals(name)) {
            return false;
        }
        if (labels.length == 1) {
            return namespace.equals(fromNamespace);
        }
        return labels[1].equals(namespace) && (labels.length == 2 || labels[2].equals("svc"));
    }
}
