package io.natsguard.source;

import io.natsguard.base.Position;

/**
 * A deployment unit (a lint context, as kube-linter calls it): files whose objects are deployed
 * together, so that only they join into clusters (see {@link Units}).
 *
 * @param name         what it is, for messages: "folder clusters/staging", "the build of kustomization overlays/prod"
 * @param at           where it is defined (a kustomization, the path of an Argo CD Application), or null for a folder
 * @param appliedWhole whether its objects are always applied all at once; the files of a folder that nothing
 *                     deploys may be alternatives, each applied alone (nats-io/k8s's examples)
 */
public record Unit(String name, Position at, boolean appliedWhole) {
}
