package io.diffpilot.tools.cli;

import picocli.CommandLine.Command;

/** {@code diffpilot viz …}: figures that show what the policy does. */
@Command(name = "viz", mixinStandardHelpOptions = true, description = "Figures of the policy's mechanics (denoise).",
    subcommands = {VizDenoiseCommand.class})
public final class VizCommand extends CommandGroup {}
