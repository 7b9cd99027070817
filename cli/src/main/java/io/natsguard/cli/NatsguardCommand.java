package io.natsguard.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The {@code natsguard} command: each job is a subcommand. */
@TopCommand
@Command(name = "natsguard", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Policy linter and admission webhook for NATS server clusters.",
        subcommands = {LintCommand.class, FixCommand.class, ParseCommand.class, MeshCommand.class, RulesCommand.class, ServeCommand.class,
                AotTrainCommand.class})
public class NatsguardCommand {
}
