package io.diffpilot.sim.cli;

import picocli.CommandLine.Command;

/** {@code diffpilot sim pusht}: the Push-T environment's inspection commands. */
@Command(
    name = "pusht",
    mixinStandardHelpOptions = true,
    description = "Push-T: reset states, coverage of poses, replay of the human demonstrations, rendering.",
    subcommands = {PushTResetCommand.class, PushTCoverageCommand.class, PushTReplayCommand.class, PushTRenderCommand.class})
public final class PushTCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
