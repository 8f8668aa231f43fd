package io.diffpilot.tools.viz;

import io.diffpilot.policy.model.DenoisingTrace;
import io.diffpilot.policy.normalize.MinMaxRange;
import io.diffpilot.policy.schedule.DdpmSchedule;
import io.diffpilot.sim.pusht.PushTState;
import io.diffpilot.sim.render.GifWriter;
import io.diffpilot.sim.render.PushTRenderer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The two figures of {@code diffpilot viz denoise}: the reverse process (one chunk from Gaussian
 * noise to the executed trajectory, a panel per DDIM step) and the forward process (a
 * demonstration chunk drowning in noise as t grows). Panels are 256 px Push-T scenes.
 */
public final class DenoiseFigures {

  /** Panel side in the grid figures. */
  public static final int TILE = 256;
  /** Timesteps of the forward-process figure (of 100 training steps; scaled to the schedule's N). */
  private static final int[] FORWARD_PERCENT = {0, 10, 25, 50, 75, 99};

  /** One frame per trace sample: x_T, then x after each step (with that step's x̂₀ dashed). */
  public static List<BufferedImage> reverseFrames(PushTState scene, DenoisingTrace trace) {
    List<BufferedImage> frames = new ArrayList<>();
    for (int k = 0; k <= trace.steps(); k++) {
      String caption = k == 0
          ? "x_T: Gaussian noise (step 0/" + trace.steps() + ")"
          : "after step " + k + "/" + trace.steps() + " (t = " + trace.timesteps()[k - 1] + ")";
      float[][] estimate = k == 0 || k == trace.steps() ? null : trace.predictedX0()[k - 1];
      frames.add(ChunkDrawing.frame(scene, trace.samples()[k], estimate, trace.chunkStart(), trace.actionSteps(), caption));
    }
    return frames;
  }

  /** One frame per forward timestep: the demonstration chunk x₀ noised to x_t. */
  public static List<BufferedImage> forwardFrames(PushTState scene, float[][] x0, MinMaxRange actionRange,
      DdpmSchedule schedule, int chunkStart, int actionSteps, long seed) {
    List<BufferedImage> frames = new ArrayList<>();
    int n = schedule.trainTimesteps();
    for (int p : FORWARD_PERCENT) {
      int t = Math.min(n - 1, (int) Math.round(p / 100.0 * n));
      float[][] xt = ForwardProcess.noised(x0, actionRange, schedule, t, seed);
      String caption = String.format(java.util.Locale.ROOT, "x_t, t = %d  (\u221A\u0101 = %.2f)", t,
          Math.sqrt(schedule.alphaCumprod(t)));
      frames.add(ChunkDrawing.frame(scene, xt, null, chunkStart, actionSteps, caption));
    }
    return frames;
  }

  /** Frames scaled to {@link #TILE} and laid out in rows of {@code columns}, written as a PNG. */
  public static void writeGrid(Path file, List<BufferedImage> frames, int columns) throws IOException {
    List<BufferedImage> tiles = new ArrayList<>(frames.size());
    for (BufferedImage f : frames) {
      tiles.add(PushTRenderer.resizeBilinear(f, TILE, TILE));
    }
    java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
    ImageIO.write(GifWriter.grid(tiles, columns), "png", file.toFile());
  }

  /** The frames as a looping GIF (full 512 px), the last frame held longer. */
  public static void writeGif(Path file, List<BufferedImage> frames, int delayMillis) throws IOException {
    List<BufferedImage> held = new ArrayList<>(frames);
    for (int i = 0; i < 4; i++) {
      held.add(frames.get(frames.size() - 1));
    }
    GifWriter.write(file, held, delayMillis);
  }

  private DenoiseFigures() {}
}
