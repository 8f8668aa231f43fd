package io.diffpilot.demos.cli;

import picocli.CommandLine;

/** Runs {@code demos} commands without the runtime (tests start the recorder as a process with it). */
public final class DemosMain {
  private DemosMain() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new DemosCommand()).execute(args));
  }
}
