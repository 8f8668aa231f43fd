package io.diffpilot.tools.cli;

import picocli.CommandLine.Command;

/** {@code diffpilot demo …}: small self-contained demonstrations of what the policy does. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Self-contained demonstrations (multimodal).",
    subcommands = {DemoMultimodalCommand.class})
public final class DemoCommand extends CommandGroup {}
