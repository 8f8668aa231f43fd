package io.diffpilot.policy.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A policy command's skeleton: a subclass does its work in {@link #execute}; a failure it expects
 * (bad files, bad settings) is one line on stderr, prefixed with the command's name, and exit 2,
 * while anything else still ends in a stack trace.
 */
abstract class PolicyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  private final String name;

  /** {@code name} prefixes the one-line error, as users know the command (e.g. "train"). */
  PolicyCommand(String name) {
    this.name = name;
  }

  @Override
  public final Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    try {
      return execute(spec.commandLine().getOut(), err);
    } catch (Exception e) {
      if (!expected(e)) {
        throw e;
      }
      err.println(name + ": " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  /** The command's work: the result on {@code out}, progress on {@code err}; its exit code. */
  abstract int execute(PrintWriter out, PrintWriter err) throws Exception;

  /** Whether {@code e} is a failure users cause (reported in one line) rather than a bug. */
  boolean expected(Exception e) {
    return e instanceof IOException || e instanceof IllegalArgumentException || e instanceof IllegalStateException;
  }
}
