package io.diffpilot.sim.cli;

import picocli.CommandLine.Option;

/**
 * {@code --task} of the commands that run a simulated task ({@code eval}, {@code sim-robot},
 * {@code teleop}): a picocli {@code @Mixin}. Push-T is the only task they run; each command says
 * in its own words what it does not run.
 */
public final class TaskOption {
  @Option(names = "--task", defaultValue = "pusht", description = "task (only pusht)")
  String task;

  /** The task as given. */
  public String name() {
    return task;
  }

  /** Whether the task is Push-T (in any case). */
  public boolean isPushT() {
    return task.equalsIgnoreCase("pusht");
  }
}
