package io.diffpilot.policy.cli;

import io.diffpilot.policy.train.DatasetRegistry;
import picocli.CommandLine.Option;

/**
 * A command that trains a model directory from a dataset ({@code train}, {@code distill}): the
 * registry its config's {@code dataset:} section is looked up in, and {@code --resume}.
 */
abstract class TrainingCommand extends PolicyCommand {
  @Option(names = "--resume", description = "continue from DIR/checkpoint.safetensors when it exists")
  boolean resume;

  final DatasetRegistry datasets;

  TrainingCommand(String name, DatasetRegistry datasets) {
    super(name);
    this.datasets = datasets;
  }
}
