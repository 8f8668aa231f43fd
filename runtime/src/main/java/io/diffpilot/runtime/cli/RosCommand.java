package io.diffpilot.runtime.cli;

import io.diffpilot.ros1.master.MasterUnreachableException;
import io.diffpilot.ros1.node.NodeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * How a command that runs as a ROS 1 node ({@code ros-sim-robot}, {@code record --source ros},
 * {@code bench ros}) turns its ROS arguments ({@code __name:=}, {@code __ns:=}, {@code __master:=},
 * {@code from:=to}) into a node and fails: one line naming the command, exit 2 for bad arguments or
 * settings, exit 3 when the master cannot be reached.
 */
public final class RosCommand {
  private RosCommand() {}

  /** The command's settings, read once the node's arguments are known. */
  @FunctionalInterface
  public interface Settings<T> {
    /** @throws IllegalArgumentException for a bad setting (exit 2) */
    T read(NodeConfig node);
  }

  /** The command's work as a node; its exit code. */
  @FunctionalInterface
  public interface Work<T> {
    /** @throws MasterUnreachableException when no master answers (exit 3) */
    int run(NodeConfig node, T settings) throws Exception;
  }

  /** The work of a command without settings of its own. */
  @FunctionalInterface
  public interface NodeWork {
    /** @throws MasterUnreachableException when no master answers (exit 3) */
    int run(NodeConfig node) throws Exception;
  }

  /** {@link #run(String, Consumer, String, List, Settings, Work)} for a command whose settings need no node. */
  public static int run(String command, Consumer<String> err, String defaultName, List<String> rosArgs, NodeWork work)
      throws Exception {
    return run(command, err, defaultName, rosArgs, node -> node, (node, same) -> work.run(node));
  }

  /**
   * Runs {@code work} as node {@code defaultName} (renamed by {@code __name:=}); errors go to
   * {@code err} prefixed with {@code command}.
   */
  public static <T> int run(String command, Consumer<String> err, String defaultName, List<String> rosArgs,
      Settings<T> settings, Work<T> work) throws Exception {
    NodeConfig node;
    T read;
    try {
      node = NodeConfig.fromArgs(defaultName, rosArgs, System.getenv(), new ArrayList<>());
      read = settings.read(node);
    } catch (IllegalArgumentException e) {
      err.accept(command + ": " + e.getMessage());
      return 2;
    }
    try {
      return work.run(node, read);
    } catch (MasterUnreachableException e) {
      err.accept(command + ": " + e.getMessage());
      return 3;
    }
  }
}
