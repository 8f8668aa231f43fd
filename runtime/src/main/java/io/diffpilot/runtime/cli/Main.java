package io.diffpilot.runtime.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command tree of everything but the benchmarks and figures: what a robot computer or an
 * inference server needs (policy: import, model, train; sim: sim, eval; demos: demos, teleop;
 * runtime: run, serve, record, sim-robot, quickstart, ros-node, ros-sim-robot). {@code ./diffpilot}
 * and the distribution start {@code io.diffpilot.tools.cli.Main}, which adds bench, demo and viz
 * (module tools) to this tree; this class stays runnable so that the runtime's tests and a jar
 * without tools still have a command line.
 */
@Command(
    name = "diffpilot",
    mixinStandardHelpOptions = true,
    version = "DiffPilot 0.1.0",
    description = "Drive robots with a diffusion policy.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main {

  private Main() {}

  /** Builds the command tree with its error handlers; tests call this to run commands in-process. */
  public static CommandLine commandLine() {
    return reportErrorsInOneLine(commands());
  }

  /**
   * The command tree without error handlers, for tools' Main: the handlers reach only the commands
   * present when they are set, so it adds its own first.
   */
  public static CommandLine commands() {
    CommandLine cl = new CommandLine(new Main());
    // Modules register their commands below (keep alphabetical by command name).
    cl.addSubcommand(new io.diffpilot.demos.cli.DemosCommand());
    cl.addSubcommand(new io.diffpilot.sim.cli.EvalCommand(new ModelDirectoryLoader()));
    io.diffpilot.policy.cli.PolicyCli.register(cl); // import diffusion-policy, model denoise
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
    return cl;
  }

  /**
   * Makes every command of {@code cl}'s tree (those added so far) answer a bad option value, and an
   * error that escapes a command, with one line that names the command and says what was wrong,
   * instead of picocli's usage dump or a Java stack trace. Bad input exits with 2, anything else
   * with 1. {@code DIFFPILOT_DEBUG=1} adds the stack trace, for bug reports.
   */
  public static CommandLine reportErrorsInOneLine(CommandLine cl) {
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
