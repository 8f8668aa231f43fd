package io.diffpilot.sim.cli;

import picocli.CommandLine.Command;

/** {@code diffpilot sim}: simulated tasks and their inspection tools. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = "Simulated tasks: Push-T inspection, replay of demonstrations, rendering.",
    subcommands = {PushTCommand.class})
public final class SimCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
