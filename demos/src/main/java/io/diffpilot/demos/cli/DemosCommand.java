package io.diffpilot.demos.cli;

import picocli.CommandLine.Command;

/** {@code diffpilot demos ...}: demonstration datasets. */
@Command(
    name = "demos",
    mixinStandardHelpOptions = true,
    description = "Demonstration datasets: inspect, import, export, validate, replay, record.",
    subcommands = {
        InfoCommand.class,
        ImportCommand.class,
        ExportCommand.class,
        ValidateCommand.class,
        ReplayCommand.class,
        RecordJsonLinesCommand.class
    })
public final class DemosCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
