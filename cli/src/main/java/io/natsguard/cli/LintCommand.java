package io.natsguard.cli;

import io.natsguard.base.Severity;
import io.natsguard.lint.Baseline;
import io.natsguard.lint.InputException;
import io.natsguard.lint.Inputs;
import io.natsguard.lint.Linter;
import io.natsguard.model.NatsVersion;
import io.natsguard.policy.Policy;
import io.natsguard.policy.PolicyException;
import io.natsguard.report.Report;
import io.natsguard.report.ReportFormat;
import io.natsguard.report.TextFormat;
import io.natsguard.source.HelmChart;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code natsguard lint PATH...}: find what breaks NATS clusters in manifests and configs. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Check NATS server configs and the Kubernetes manifests that deploy them.",
            "PATH: a directory (its *.yaml, *.yml and NATS *.conf files), a file, or - for YAML on standard input."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no finding at or above --fail-on", "1:findings at or above --fail-on",
            "2:usage error, unreadable path, invalid policy"})
public class LintCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files and directories to check; - reads YAML from stdin.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--helm-chart", paramLabel = "DIR", description = "Also lint what this local Helm chart renders (real Helm).")
    Path helmChart;

    @Option(names = "--helm-values", paramLabel = "FILE",
            description = "Values for --helm-chart; alone, values of the official NATS chart (modelled, no Helm needed).")
    Path helmValues;

    @Option(names = "--helm-release", paramLabel = "NAME", defaultValue = "nats", description = "Release name for --helm-chart/--helm-values (default: nats).")
    String helmRelease;

    @Option(names = "--helm-namespace", paramLabel = "NS", defaultValue = "default", description = "Namespace for --helm-chart/--helm-values (default: default).")
    String helmNamespace;

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<Output> outputs;

    /** One report: a format, written to a file or to standard output. */
    static class Output {
        @Option(names = "--format", converter = ReportFormatConverter.class,
                description = "text (default), json, sarif, junit or github; repeat with --output for several reports.")
        ReportFormat format = ReportFormat.named("text");

        @Option(names = {"--output", "-o"}, description = "Write the report of the preceding --format to FILE (default: stdout).")
        Path file;
    }

    @Option(names = "--policy", paramLabel = "FILE", description = "A HOCON policy replacing what it states of the built-in one.")
    Path policyFile;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Findings recorded in FILE (by --write-baseline) do not count.")
    Path baselineFile;

    @Option(names = "--write-baseline", paramLabel = "FILE", description = "Record today's findings in FILE.")
    Path writeBaseline;

    @Option(names = "--fail-on", defaultValue = "error", paramLabel = "LEVEL",
            description = "Exit 1 when a finding is at or above: error (default), warning, info, or never.")
    FailOn failOn;

    /** The least severity that fails the run; never: none does. */
    enum FailOn {
        ERROR(Severity.ERROR), WARNING(Severity.WARNING), INFO(Severity.INFO), NEVER(null);

        private final Severity threshold;

        FailOn(Severity threshold) {
            this.threshold = threshold;
        }
    }

    @Option(names = "--nats-version", paramLabel = "VERSION", converter = NatsVersionConverter.class,
            description = "The nats-server release the servers run (2.10 or 2.10.24), for configs whose image tag names none "
                    + "(no workload, latest, a digest); an image's tag wins. Default: the newest release natsguard knows.")
    NatsVersion natsVersion;

    /** {@code --nats-version} read as a release; picocli reports anything else as bad usage. */
    static final class NatsVersionConverter implements ITypeConverter<NatsVersion> {
        @Override
        public NatsVersion convert(String value) {
            return NatsVersion.parse(value).orElseThrow(() -> new TypeConversionException(
                    "'" + value + "' is no nats-server release: write one such as 2.10 or 2.10.24"));
        }
    }

    @Option(names = {"--verbose", "-v"}, description = "Also list, on stderr, each file read that is not NATS configuration and why.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (outputs == null) {
            outputs = List.of(new Output());
        }
        if (paths.isEmpty() && helmChart == null && helmValues == null) {
            err.println("natsguard lint: give at least one PATH (or --helm-chart DIR, or --helm-values FILE)");
            return ExitCodes.USAGE;
        }
        HelmChart chart = helmChart == null ? null : new HelmChart(helmChart, helmValues, helmRelease, helmNamespace);
        Inputs.OfficialValues official = helmChart == null && helmValues != null
                ? new Inputs.OfficialValues(helmValues, helmRelease, helmNamespace) : null;
        Report report;
        try {
            Policy policy = policyFile == null ? Policy.defaults() : Policy.load(policyFile);
            Baseline baseline = baselineFile == null ? null : Baseline.read(baselineFile);
            report = new Linter(policy, baseline, natsVersion).lint(new Inputs.Request(paths, System.in, chart, official));
        } catch (PolicyException | InputException e) {
            err.println("natsguard lint: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (writeBaseline != null) {
            try {
                Baseline.write(writeBaseline, report);
            } catch (IOException e) {
                err.println("natsguard lint: cannot write " + writeBaseline + ": " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        if (verbose) {
            TextFormat.skippedLines(report).forEach(err::println);
            err.flush();
        }
        for (Output output : outputs) {
            try {
                write(output.format, report, output.file);
            } catch (IOException e) {
                err.println("natsguard lint: cannot write " + output.file + ": " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        return report.fails(failOn.threshold) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private static void write(ReportFormat format, Report report, Path file) throws IOException {
        if (file == null) {
            OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
            format.write(report, out);
            out.flush();
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(parent, ".natsguard", ".tmp");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
            format.write(report, out);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
