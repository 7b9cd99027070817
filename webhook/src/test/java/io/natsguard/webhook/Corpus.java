package io.natsguard.webhook;

import java.nio.file.Path;

/** The admission corpus of the shared corpora (io.natsguard.testing.Corpus: -Dnatsguard.corpus, or beside the repository). */
final class Corpus {

    static final Path ADMISSION = io.natsguard.testing.Corpus.root().resolve("admission");

    private Corpus() {
    }
}
