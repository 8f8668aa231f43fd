package io.diffpilot.runtime.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./diffpilot}: the one command-line entry point. Each module contributes its commands
 * (policy: import, model, train, bench policy; sim: sim, eval, bench sim; demos: demos, teleop;
 * runtime: run, sim-robot, quickstart, bench runtime/ros); they are registered here.
 */
@Command(
    name = "diffpilot",
    mixinStandardHelpOptions = true,
    version = "DiffPilot 0.1.0",
    description = "Drive robots with a diffusion policy.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main {

  private Main() {}

  /** Builds the command tree; tests call this to run commands in-process. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    // Modules register their commands below (keep alphabetical by command name).
    cl.addSubcommand(new BenchCommand());
    CommandLine bench = cl.getSubcommands().get("bench");
    bench.addSubcommand(new BenchRuntimeCommand());
    bench.addSubcommand(new BenchFleetCommand());
    bench.addSubcommand(new RosBenchCommand());
    bench.addSubcommand(new io.diffpilot.sim.cli.BenchSimCommand());
    cl.addSubcommand(new DemoCommand()); // demo multimodal
    cl.addSubcommand(new io.diffpilot.demos.cli.DemosCommand());
    cl.addSubcommand(new io.diffpilot.sim.cli.EvalCommand(new ModelDirectoryLoader()));
    io.diffpilot.policy.cli.PolicyCli.register(cl); // import, model denoise, bench policy
    cl.addSubcommand(new QuickstartCommand());
    cl.addSubcommand(new RecordCommand());
    cl.addSubcommand(new RosNodeCommand());
    cl.addSubcommand(new RosSimRobotCommand());
    cl.addSubcommand(new RunCommand());
    cl.addSubcommand(new ServeCommand());
    cl.addSubcommand(new io.diffpilot.sim.cli.SimCommand());
    cl.addSubcommand(new SimRobotCommand());
    cl.addSubcommand(new io.diffpilot.demos.cli.TeleopCommand());
    cl.addSubcommand(new io.diffpilot.policy.cli.TrainCommand());
    cl.addSubcommand(new VizCommand()); // viz denoise
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
