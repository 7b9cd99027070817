package io.natsguard.webhook;

import java.nio.file.Path;

/** ../shared/corpus/admission, or where the build says the shared corpus is (-Dnatsguard.corpus). */
final class Corpus {

    static final Path ADMISSION = Path.of(System.getProperty("shared.corpus", "../../shared/corpus")).resolve("admission");

    private Corpus() {
    }
}
