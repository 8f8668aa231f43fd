package io.diffpilot.tools.cli;

import ai.djl.Device;
import io.diffpilot.core.Episode;
import io.diffpilot.demos.lerobot.LeRobotDataset;
import io.diffpilot.demos.pusht.PushTCsvDataset;
import io.diffpilot.policy.model.DenoisingTrace;
import io.diffpilot.policy.model.DiffusionPolicy;
import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.policy.model.UnetNetwork;
import io.diffpilot.runtime.cli.InstallFolder;
import io.diffpilot.sim.pusht.ObservationKind;
import io.diffpilot.sim.pusht.PushTEnv;
import io.diffpilot.sim.pusht.PushTState;
import io.diffpilot.tools.viz.DenoiseFigures;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code diffpilot viz denoise}: one action chunk of a Push-T model going from Gaussian noise to
 * the executed trajectory over the DDIM steps, drawn on the scene at {@code reset(seed)}
 * ({@code denoise.png}, {@code denoise.gif}), and the forward process blending noise into a
 * demonstration chunk ({@code forward.png}, {@code forward.gif}).
 */
@Command(name = "denoise", mixinStandardHelpOptions = true,
    description = "Figures of one chunk denoised step by step on the Push-T scene, and of the forward (noising) process.")
public final class VizDenoiseCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, description = "Push-T model directory (obsKey state or keypoints, 2-dim actions)")
  Path model;

  @Option(names = "--seed", defaultValue = "100000", description = "Push-T reset seed and noise seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--steps", description = "DDIM steps (default: the model's inference.steps)")
  Integer steps;

  @Option(names = "--demos", description = "Push-T demonstrations for the forward figure's chunk: a LeRobot folder"
      + " (default: the repository's data/pusht) or the CSV originals' folder; without them the policy's own"
      + " denoised chunk is noised")
  Path demos;

  @Option(names = "--episode", defaultValue = "0", description = "demonstration episode (default ${DEFAULT-VALUE})")
  int episode;

  @Option(names = "--from-step", defaultValue = "10", description = "first step of the demonstration chunk (default ${DEFAULT-VALUE})")
  int fromStep;

  @Option(names = "--out", defaultValue = "denoise-out", description = "output folder (default ${DEFAULT-VALUE})")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ModelDirectory dir;
    try {
      dir = ModelDirectory.load(model);
    } catch (Exception e) {
      err.println("viz denoise: cannot load model directory " + model + ": " + e.getMessage());
      return 2;
    }
    var layout = dir.config().policy();
    ObservationKind kind;
    try {
      kind = ObservationKind.parse(layout.obsKey());
    } catch (IllegalArgumentException e) {
      kind = Arrays.stream(ObservationKind.values()).filter(k -> k.dim() == layout.obsDim()).findFirst().orElse(null);
    }
    if (kind == null || kind.dim() != layout.obsDim() || layout.actionDim() != 2) {
      err.println("viz denoise: " + model + " is not a Push-T model (obsKey '" + layout.obsKey() + "', obsDim "
          + layout.obsDim() + ", actionDim " + layout.actionDim() + "; need state [5] or keypoints [20] and [2] actions)");
      return 2;
    }
    int k = steps == null ? dir.config().inference().steps() : steps;
    int n = dir.config().schedule().trainTimesteps();
    if (k < 1 || k > n) {
      err.println("viz denoise: --steps must be in 1.." + n + ", got " + k);
      return 2;
    }
    Files.createDirectories(out);
    PushTState scene = PushTEnv.initialState(seed);
    float[][] history = new float[layout.obsSteps()][];
    Arrays.fill(history, kind.of(scene));
    try (DiffusionPolicy policy = DiffusionPolicy.create(dir, UnetNetwork.FACTORY, Device.cpu())) {
      DenoisingTrace trace = policy.denoisingTrace(history, k, seed);
      List<BufferedImage> reverse = DenoiseFigures.reverseFrames(scene, trace);
      DenoiseFigures.writeGrid(out.resolve("denoise.png"), reverse, Math.min(reverse.size(), 5));
      DenoiseFigures.writeGif(out.resolve("denoise.gif"), reverse, 600);

      float[][] x0;
      PushTState forwardScene;
      String source;
      Path demoDir = demos != null ? demos : InstallFolder.resolve("data/pusht");
      boolean lerobot = Files.isRegularFile(demoDir.resolve("meta/info.json"));
      if (lerobot || Files.isRegularFile(demoDir.resolve(PushTCsvDataset.KEYPOINTS_CSV))) {
        Episode ep = lerobot
            ? LeRobotDataset.open(demoDir).slice(episode, 1).episode(0)
            : PushTCsvDataset.load(demoDir, episode, 1).episode(0);
        int start = Math.max(0, Math.min(fromStep, ep.length() - 1));
        x0 = new float[layout.horizon()][];
        for (int t = 0; t < x0.length; t++) {
          x0[t] = ep.actions()[Math.min(start + t, ep.length() - 1)].clone(); // pad past the end, as training does
        }
        float[] s = ep.observation("state")[start];
        forwardScene = new PushTState(s[0], s[1], s[2], s[3], s[4]);
        source = "demonstration episode " + episode + " from step " + start + " (" + demoDir + ")";
      } else if (demos != null) {
        err.println("viz denoise: " + demos + " holds neither a LeRobot dataset (meta/info.json) nor "
            + PushTCsvDataset.KEYPOINTS_CSV);
        return 2;
      } else {
        x0 = trace.result();
        forwardScene = scene;
        source = "the policy's own denoised chunk (no demonstrations found; pass --demos DIR)";
      }
      List<BufferedImage> forward = DenoiseFigures.forwardFrames(forwardScene, x0, dir.normalizer().action(),
          policy.schedule(), trace.chunkStart(), trace.actionSteps(), seed);
      DenoiseFigures.writeGrid(out.resolve("forward.png"), forward, 3);
      DenoiseFigures.writeGif(out.resolve("forward.gif"), forward, 600);
      o.println("reverse process: " + k + " DDIM steps at seed " + seed + " -> " + out.resolve("denoise.png") + ", "
          + out.resolve("denoise.gif"));
      o.println("forward process on " + source + " -> " + out.resolve("forward.png") + ", " + out.resolve("forward.gif"));
    }
    return 0;
  }
}
