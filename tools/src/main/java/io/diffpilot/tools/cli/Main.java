package io.diffpilot.tools.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code ./diffpilot}: the one command-line entry point, started by launch/scripts/diffpilot-launcher
 * (the repository's ./diffpilot, the distribution's bin/diffpilot, roslaunch's diffpilot_node). It
 * is the runtime's tree ({@link io.diffpilot.runtime.cli.Main}: run, serve, train, eval, …) plus
 * the benchmarks and figures of this module: {@code bench runtime|fleet|ros|sim|policy|train},
 * {@code demo multimodal}, {@code viz denoise}.
 */
public final class Main {

  private Main() {}

  /** Builds the whole command tree; tests call this to run commands in-process. */
  public static CommandLine commandLine() {
    CommandLine cl = io.diffpilot.runtime.cli.Main.commands();
    cl.addSubcommand(new BenchCommand());
    CommandLine bench = cl.getSubcommands().get("bench");
    bench.addSubcommand(new BenchRuntimeCommand());
    bench.addSubcommand(new BenchFleetCommand());
    bench.addSubcommand(new RosBenchCommand());
    bench.addSubcommand(new BenchSimCommand());
    bench.addSubcommand("policy", new BenchPolicyCommand());
    bench.addSubcommand("train", new BenchTrainCommand());
    cl.addSubcommand(new DemoCommand()); // demo multimodal
    cl.addSubcommand(new VizCommand()); // viz denoise
    return io.diffpilot.runtime.cli.Main.reportErrorsInOneLine(inAlphabeticalOrder(cl));
  }

  /**
   * Lists {@code root}'s commands in alphabetical order after {@code help}, as {@code --help} always
   * showed them: the runtime's tree is built before this module's commands are added.
   */
  static CommandLine inAlphabeticalOrder(CommandLine root) {
    Map<String, CommandLine> commands = root.getSubcommands();
    List<String> names = new ArrayList<>(commands.keySet());
    names.remove("help");
    names.sort(null);
    for (String name : names) {
      CommandLine command = root.getCommandSpec().removeSubcommand(name);
      root.addSubcommand(name, command);
    }
    return root;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
