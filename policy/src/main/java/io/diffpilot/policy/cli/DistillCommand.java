package io.diffpilot.policy.cli;

import io.diffpilot.core.EpisodeDataset;
import io.diffpilot.policy.distill.ConsistencyDistiller;
import io.diffpilot.policy.distill.DistillSpec;
import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.policy.train.DatasetRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code diffpilot distill --teacher DIR --config distill.yaml --out DIR [--resume]}: distils a
 * trained diffusion policy into a one-to-few-step student (see {@link ConsistencyDistiller}).
 */
@Command(name = "distill", mixinStandardHelpOptions = true,
    description = "Distil a trained diffusion policy into a 1-4 step student (distill: + train: + dataset:).")
public final class DistillCommand extends TrainingCommand {

  @Option(names = "--teacher", required = true, paramLabel = "DIR", description = "the teacher's model directory")
  Path teacher;

  @Option(names = "--config", required = true, paramLabel = "FILE.yaml",
      description = "distill:, train: and dataset: sections")
  Path config;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "the student's model directory")
  Path out;

  public DistillCommand() {
    this(DatasetRegistry.withBuiltins());
  }

  public DistillCommand(DatasetRegistry datasets) {
    super("distill", datasets);
  }

  @Override
  int execute(PrintWriter outWriter, PrintWriter err) throws IOException {
    DistillSpec ds = DistillSpec.read(config);
    ModelDirectory t = ModelDirectory.load(teacher);
    EpisodeDataset data = datasets.load(ds.dataset(), t.config(), config.toAbsolutePath().getParent());
    err.println("distill: teacher " + teacher + ", " + data.describe() + " -> " + out);
    err.flush();
    ConsistencyDistiller.Result r = new ConsistencyDistiller(ds).distill(t, data, out, resume, System.err);
    Files.copy(config, out.resolve("distill.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    outWriter.printf(Locale.ROOT, "distilled %d steps from %d teacher trajectories (%.0f s) at anchors %s: "
            + "loss %.4g -> %.4g in %.1f s; student in %s%n", r.steps(), r.trajectories(), r.teacherSeconds(),
        Arrays.toString(r.anchors()), r.firstLoss(), r.finalLoss(), r.wallSeconds(), out);
    outWriter.flush();
    return 0;
  }
}
