package io.diffpilot.policy.cli;

import io.diffpilot.core.EpisodeDataset;
import io.diffpilot.policy.engine.Engines;
import io.diffpilot.policy.model.UnetNetwork;
import io.diffpilot.policy.train.DatasetRegistry;
import io.diffpilot.policy.train.PolicyTrainer;
import io.diffpilot.policy.train.TrainingSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code diffpilot train --config FILE.yaml --out DIR [--resume]}: trains a diffusion policy
 * (diffusion_policy's U-Net) and writes a model directory with loss.csv, loss.png, MODEL_CARD.md
 * and checkpoint.safetensors. Progress goes to stderr, the summary to stdout.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a diffusion policy from a YAML file (model sections + train: + dataset:).")
public final class TrainCommand extends TrainingCommand {

  @Option(names = "--config", required = true, paramLabel = "FILE.yaml",
      description = "network/policy/schedule/inference sections as in config.yaml, plus train: and dataset:")
  Path config;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "model directory to write")
  Path out;

  public TrainCommand() {
    this(DatasetRegistry.withBuiltins());
  }

  /** With a registry holding extra dataset types (demos' adapters arrive through ServiceLoader). */
  public TrainCommand(DatasetRegistry datasets) {
    super("train", datasets);
  }

  @Override
  int execute(PrintWriter outWriter, PrintWriter err) throws IOException {
    TrainingSpec ts = TrainingSpec.read(config);
    Path base = config.toAbsolutePath().getParent();
    EpisodeDataset data = datasets.load(ts.dataset(), ts.policy(), base);
    err.println("train: " + data.describe() + " -> " + out);
    err.flush();
    PolicyTrainer trainer = new PolicyTrainer(ts.policy(), ts.train(), UnetNetwork.FACTORY,
        Engines.device(ts.policy().inference().device()));
    err.println("train: backend " + trainer.backend() + " (train.backend: " + ts.train().backend() + ")");
    err.flush();
    PolicyTrainer.Result r = trainer.train(data, out, resume, System.err, Integer.MAX_VALUE);
    outWriter.printf(Locale.ROOT, "trained %d steps on %d windows: loss %.4g -> %.4g in %.1f s; model in %s%n",
        r.steps(), r.windows(), r.firstLoss(), r.finalLoss(), r.wallSeconds(), out);
    outWriter.flush();
    return 0;
  }
}
