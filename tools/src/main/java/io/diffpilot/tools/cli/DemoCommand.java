package io.diffpilot.tools.cli;

import picocli.CommandLine.Command;

/** {@code diffpilot demo …}: small self-contained demonstrations of what the policy does. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Self-contained demonstrations (multimodal).",
    subcommands = {DemoMultimodalCommand.class})
public final class DemoCommand implements Runnable {

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
