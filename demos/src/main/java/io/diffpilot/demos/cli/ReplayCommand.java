package io.diffpilot.demos.cli;

import io.diffpilot.core.Episode;
import io.diffpilot.demos.dataset.DemoDataset;
import io.diffpilot.demos.dataset.Feature;
import io.diffpilot.sim.pusht.PushTState;
import io.diffpilot.sim.render.GifWriter;
import io.diffpilot.sim.render.PushTRenderer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code diffpilot demos replay DIR --episode I --out ep.gif}: a Push-T episode is drawn from its
 * recorded states by {@code sim}'s {@link PushTRenderer} (agent, block, goal, commanded target, as
 * recorded: nothing is re-simulated); any other dataset is drawn as a plot
 * of its action components over time with a moving cursor, since no renderer knows its robot.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Render one episode to an animated GIF (Push-T scene, or an action plot for other robots).")
final class ReplayCommand extends DatasetCommand {
  @Parameters(index = "0", paramLabel = "DIR", description = "dataset directory")
  Path dir;

  @Option(names = "--episode", defaultValue = "0", description = "episode position in the dataset (default ${DEFAULT-VALUE})")
  int episode;

  @Option(names = "--out", required = true, description = "GIF file to write")
  Path out;

  @Option(names = "--size", defaultValue = "256", description = "image size in pixels (default ${DEFAULT-VALUE})")
  int size;

  @Option(names = "--stride", defaultValue = "1", description = "draw every n-th step (default ${DEFAULT-VALUE})")
  int stride;

  @Override
  Integer execute() throws Exception {
    DemoDataset ds = DatasetDirectory.open(dir);
    if (episode < 0 || episode >= ds.size()) {
      throw usageError("--episode " + episode + " is outside 0.." + (ds.size() - 1));
    }
    Episode e = ds.episode(episode);
    List<BufferedImage> frames = new ArrayList<>();
    boolean pushT = isPushT(ds);
    PushTRenderer renderer = new PushTRenderer();
    for (int t = 0; t < e.length(); t += Math.max(1, stride)) {
      if (pushT) {
        float[] s = e.observation("state")[t];
        frames.add(renderer.render(new PushTState(s[0], s[1], s[2], s[3], s[4]), e.actions()[t], size));
      } else {
        frames.add(plot(e, t));
      }
    }
    int delay = (int) Math.round(1000.0 * Math.max(1, stride) / ds.schema().fps());
    GifWriter.write(out, frames, delay);
    report("wrote " + out + ": episode " + e.index() + ", " + frames.size() + " frames ("
        + (pushT ? "Push-T scene" : "action plot: no renderer for robot '" + ds.robotType() + "'") + ")");
    return 0;
  }

  static boolean isPushT(DemoDataset ds) {
    Feature state = ds.schema().observations().get("state");
    return state != null && state.dim() == 5 && ds.schema().action().dim() == 2
        && (ds.robotType().equals("pusht") || (!state.names().isEmpty() && state.names().get(0).equals("agent_x")));
  }

  private BufferedImage plot(Episode e, int cursor) {
    int w = size * 2;
    int h = size;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    float[][] a = e.actions();
    int dims = a[0].length;
    Color[] palette = {Color.BLUE, Color.RED, new Color(0, 140, 0), Color.ORANGE, Color.MAGENTA, Color.CYAN.darker(),
        Color.DARK_GRAY};
    int band = h / dims;
    for (int j = 0; j < dims; j++) {
      float lo = Float.POSITIVE_INFINITY;
      float hi = Float.NEGATIVE_INFINITY;
      for (float[] row : a) {
        lo = Math.min(lo, row[j]);
        hi = Math.max(hi, row[j]);
      }
      float span = Math.max(1e-6f, hi - lo);
      g.setColor(palette[j % palette.length]);
      int prevX = 0;
      int prevY = 0;
      for (int t = 0; t < a.length; t++) {
        int x = (int) ((long) t * (w - 1) / Math.max(1, a.length - 1));
        int y = j * band + band - 2 - (int) ((a[t][j] - lo) / span * (band - 4));
        if (t > 0) {
          g.drawLine(prevX, prevY, x, y);
        }
        prevX = x;
        prevY = y;
      }
    }
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(1));
    int cx = (int) ((long) cursor * (w - 1) / Math.max(1, a.length - 1));
    g.drawLine(cx, 0, cx, h);
    g.drawString(String.format("t=%.2fs", e.timestampsSeconds()[cursor]), 4, 12);
    g.dispose();
    return img;
  }
}
