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
    return reportErrorsInOneLine(cl);
  }

  /**
   * Makes every command of {@code cl}'s tree (those added so far) answer a bad option value, and an
   * error that escapes a command, with one line that names the command and says what was wrong,
   * instead of picocli's usage dump or a Java stack trace. Bad input exits with 2, anything else
   * with 1. {@code DIFFPILOT_DEBUG=1} adds the stack trace, for bug reports.
   */
  static CommandLine reportErrorsInOneLine(CommandLine cl) {
    cl.setParameterExceptionHandler((e, args) -> {
      CommandLine where = e.getCommandLine();
      where.getErr().println(where.getCommandSpec().qualifiedName() + ": " + e.getMessage() + " (see "
          + where.getCommandSpec().qualifiedName() + " --help)");
      where.getErr().flush();
      return where.getCommandSpec().exitCodeOnInvalidInput();
    });
    cl.setExecutionExceptionHandler((e, where, parsed) -> {
      where.getErr().println(where.getCommandSpec().qualifiedName() + ": " + oneLine(e));
      if ("1".equals(System.getenv("DIFFPILOT_DEBUG"))) {
        e.printStackTrace(where.getErr());
      }
      where.getErr().flush();
      return e instanceof IllegalArgumentException ? where.getCommandSpec().exitCodeOnInvalidInput()
          : where.getCommandSpec().exitCodeOnExecutionException();
    });
    return cl;
  }

  /** The message of {@code e} (or of its first cause that has one), on one line, without class names. */
  static String oneLine(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        // Wrapped exceptions carry "java.io.IOException: …" in their message: keep only the words.
        return t.getMessage().strip().replaceAll("(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ", "")
            .replaceAll("\\s*\\R\\s*", "; ");
      }
    }
    return "unexpected internal error (run with DIFFPILOT_DEBUG=1 for the details)";
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
