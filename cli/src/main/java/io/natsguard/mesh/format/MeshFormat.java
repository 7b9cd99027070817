package io.natsguard.mesh.format;

import io.natsguard.mesh.MeshResult;

/** The outputs of {@code natsguard mesh}. */
public enum MeshFormat {
    TEXT(new MeshText()), JSON(new MeshJson()), PROMETHEUS(new MeshPrometheus());

    /** Renders a result; secrets were redacted when the result was made. */
    public interface Renderer {
        String render(MeshResult result);
    }

    private final Renderer renderer;

    MeshFormat(Renderer renderer) {
        this.renderer = renderer;
    }

    public String render(MeshResult result) {
        return renderer.render(result);
    }
}
