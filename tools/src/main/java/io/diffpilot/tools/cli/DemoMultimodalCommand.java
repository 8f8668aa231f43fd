package io.diffpilot.tools.cli;

import io.diffpilot.policy.schedule.PredictionType;
import io.diffpilot.tools.multimodal.ObstacleExperiment;
import io.diffpilot.tools.multimodal.RolloutPicture;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code diffpilot demo multimodal}: the obstacle task's multimodality experiment
 * ({@link ObstacleExperiment}) at the demo size unless overridden; prints the counts table and
 * writes {@code multimodal.png} (both policies' rollouts side by side), {@code multimodal.md}
 * and the two trained model directories under {@code --out}.
 */
@Command(name = "multimodal", mixinStandardHelpOptions = true,
    description = "Train a diffusion policy and an MSE regressor on the obstacle task, count left/right/collision"
        + " over rollouts, draw both.")
public final class DemoMultimodalCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--out", defaultValue = "multimodal-out", description = "output folder (default ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--train-steps", description = "optimizer steps per policy (default: the demo size's)")
  Integer trainSteps;

  @Option(names = "--rollouts", description = "rollouts per policy (default 100)")
  Integer rollouts;

  @Option(names = "--demonstrations", description = "scripted demonstrations, half each side (default: the demo size's)")
  Integer demonstrations;

  @Option(names = "--batch", description = "windows per step (default: the preset's)")
  Integer batch;

  @Option(names = "--lr", description = "AdamW peak learning rate (default: the preset's)")
  Double lr;

  @Option(names = "--prediction", description = "diffusion target: epsilon or sample (default: the preset's)")
  String prediction;

  @Option(names = "--size", defaultValue = "demo", description = "preset: demo or test (the unit test's size)")
  String size;

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ObstacleExperiment e = switch (size.toLowerCase(Locale.ROOT)) {
      case "demo" -> ObstacleExperiment.demoSize();
      case "test" -> ObstacleExperiment.testSize();
      default -> {
        err.println("demo multimodal: --size must be demo or test, got '" + size + "'");
        yield null;
      }
    };
    if (e == null) {
      return 2;
    }
    try {
      e = new ObstacleExperiment(demonstrations == null ? e.demonstrations() : demonstrations, e.downDims(),
          trainSteps == null ? e.trainSteps() : trainSteps, batch == null ? e.batchSize() : batch,
          lr == null ? e.lr() : lr, e.ddimSteps(), rollouts == null ? e.rollouts() : rollouts, e.seed(), e.rolloutSeed(),
          prediction == null ? e.prediction() : PredictionType.parse(prediction));
    } catch (IllegalArgumentException bad) {
      err.println("demo multimodal: " + bad.getMessage());
      return 2;
    }
    Files.createDirectories(out);
    ObstacleExperiment.Result r = e.run(out, new java.io.PrintStream(System.err, true));
    String table = ObstacleExperiment.table(r);
    o.print(table);
    o.flush();
    Path png = out.resolve("multimodal.png");
    RolloutPicture.write(png, List.of(
        new RolloutPicture.Panel("Diffusion policy (DDIM " + e.ddimSteps() + ")", r.diffusion().rollouts()),
        new RolloutPicture.Panel("Same U-Net, MSE regression", r.regression().rollouts())));
    String md = "# Obstacle task: diffusion vs MSE regression\n\n"
        + String.format(Locale.ROOT, "%d rollouts each (start seeds %d…%d); U-Net down dims %s, %d demonstrations,"
            + " %d training steps of batch %d, lr %.0e per policy, diffusion predicts %s (diffusion %.0f s, regression %.0f s).%n%n",
            e.rollouts(), e.rolloutSeed(), e.rolloutSeed() + e.rollouts() - 1, e.downDims(), e.demonstrations(),
            e.trainSteps(), e.batchSize(), e.lr(), e.prediction().name().toLowerCase(Locale.ROOT), r.diffusion().training().wallSeconds(), r.regression().training().wallSeconds())
        + table + "\n![rollouts](multimodal.png)\n";
    Files.writeString(out.resolve("multimodal.md"), md);
    o.println("wrote " + png + " and " + out.resolve("multimodal.md"));
    return 0;
  }
}
