package io.natsguard.bench;

import io.natsguard.conf.ConfParseException;
import io.natsguard.conf.ConfParser;
import io.natsguard.conf.ConfValue;
import io.natsguard.conf.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parse throughput of natsguard's NATS config parser, in process: over every file of the shared
 * corpus that the server accepts, and over one generated ~4 MB config. The {@code bytes} counter
 * gives bytes parsed per second (divide by 10^6 for MB/s).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class ParseBenchmark {

    /** The shared nats-conf corpus folder. */
    @Param("../shared/corpus/nats-conf")
    public String corpus;

    /** The generated big config (bench/generate-big-config.sh). */
    @Param("target/big.conf")
    public String bigConfig;

    private final ConfParser parser = new ConfParser(Environment.of(Map.of(
            "NATSGUARD_ENV_PORT", "4333", "NATSGUARD_ENV_URL", "nats://u:p@h:6222", "NATSGUARD_ENV_ARRAY", "[a, 2, true]")));
    private final List<String> names = new ArrayList<>();
    private final List<byte[]> contents = new ArrayList<>();
    private byte[] big;

    /** Bytes parsed, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @Setup
    public void load() throws IOException, ConfParseException {
        List<String> accepted = Files.readAllLines(Path.of(corpus, "EXPECTED.tsv")).stream().skip(1)
                .map(line -> line.split("\t", -1)).filter(cells -> cells[1].equals("ok")).map(cells -> cells[0]).toList();
        for (String relative : accepted) {
            Path file = Path.of(corpus, relative);
            names.add(file.toString());
            contents.add(Files.readAllBytes(file));
        }
        big = Files.readAllBytes(Path.of(bigConfig));
        for (int i = 0; i < contents.size(); i++) {
            parser.parse(names.get(i), contents.get(i)); // every file must parse: a failure stops the run
        }
    }

    @Benchmark
    public int corpus(Bytes counter) throws ConfParseException {
        int entries = 0;
        for (int i = 0; i < contents.size(); i++) {
            ConfValue root = parser.parse(names.get(i), contents.get(i));
            entries += root.asMap().size();
            counter.bytes += contents.get(i).length;
        }
        return entries;
    }

    @Benchmark
    public int bigConfig(Bytes counter) throws ConfParseException {
        ConfValue root = parser.parse(bigConfig, big);
        counter.bytes += big.length;
        return root.asMap().size();
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(Stream.concat(Stream.of("ParseBenchmark"), Stream.of(args)).toArray(String[]::new));
    }
}
