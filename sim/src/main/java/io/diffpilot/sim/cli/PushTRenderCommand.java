package io.diffpilot.sim.cli;

import io.diffpilot.sim.pusht.PushTDemonstrations;
import io.diffpilot.sim.pusht.PushTEnv;
import io.diffpilot.sim.pusht.StepResult;
import io.diffpilot.sim.render.EpisodeFrames;
import io.diffpilot.sim.render.GifWriter;
import io.diffpilot.sim.render.PushTRenderer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code diffpilot sim pusht render}: a PNG of the start of a seed, or, with {@code --demos}, an
 * animated GIF of demonstrations replayed in this simulator (several side by side).
 */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = "Render a seed's start to PNG, or replay demonstrations (--demos, --episodes) to an animated GIF.")
public final class PushTRenderCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--seed", defaultValue = "0", description = "Seed to render (PNG mode).")
  long seed;

  @Option(names = "--demos", description = "Demonstration folder: replay --episodes into a GIF.")
  Path demos;

  @Option(names = "--episodes", defaultValue = "0-3", description = "Episodes for the GIF, e.g. 0-3.")
  String episodes;

  @Option(names = "--size", defaultValue = "192", description = "Frame side in px (96 = image observation, 512 = canvas).")
  int size;

  @Option(names = "--out", required = true, description = "Output file (.png or .gif).")
  Path out;

  @Override
  public Integer call() throws IOException {
    if (size < 8 || size > 2048) {
      spec.commandLine().getErr().println("--size must be in [8, 2048], got " + size);
      return 2;
    }
    PushTRenderer renderer = new PushTRenderer();
    if (demos == null) {
      PushTEnv env = new PushTEnv();
      BufferedImage img = renderer.render(env.reset(seed), null, size);
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      ImageIO.write(img, "png", out.toFile());
      spec.commandLine().getOut().println("wrote " + out);
      return 0;
    }
    List<Long> wanted = IndexRanges.parse(episodes);
    List<PushTDemonstrations.Demo> all = PushTDemonstrations.read(demos);
    List<List<BufferedImage>> perEpisode = new ArrayList<>();
    for (PushTDemonstrations.Demo d : all) {
      if (!wanted.contains((long) d.index())) {
        continue;
      }
      PushTEnv env = new PushTEnv(io.diffpilot.sim.pusht.ObservationKind.STATE, Integer.MAX_VALUE,
          io.diffpilot.sim.pusht.SolverSettings.tuned());
      List<BufferedImage> frames = new ArrayList<>();
      var s = env.resetTo(d.state(0));
      for (int t = 0; t < d.length(); t++) {
        float[] action = {(float) d.actions()[t][0], (float) d.actions()[t][1]};
        frames.add(renderer.render(s, action, size));
        if (env.isDone()) {
          break;
        }
        StepResult r = env.step(action);
        s = r.state();
      }
      perEpisode.add(frames);
    }
    if (perEpisode.isEmpty()) {
      spec.commandLine().getErr().println("--episodes " + episodes + ": none found in " + demos);
      return 2;
    }
    int columns = (int) Math.ceil(Math.sqrt(perEpisode.size()));
    GifWriter.write(out, EpisodeFrames.sideBySide(perEpisode, columns), 100);
    spec.commandLine().getOut().println("wrote " + out + " (" + perEpisode.size() + " episodes)");
    return 0;
  }
}
