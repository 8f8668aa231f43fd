package io.diffpilot.tools.viz;

import io.diffpilot.sim.pusht.PushTState;
import io.diffpilot.sim.render.PushTRenderer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;

/**
 * Draws an action trajectory [Tp][2] (Push-T targets in pixels, 0…512) over the Push-T scene: a
 * dot per action, joined in time order, the executed chunk (Ta actions from the chunk start)
 * large and opaque, the rest small; an optional second trajectory (an estimate) faint and dashed.
 */
final class ChunkDrawing {

  static final Color TRAJECTORY = new Color(200, 30, 30);
  static final Color ESTIMATE = new Color(30, 30, 30, 110);

  /** The scene at {@code state} with {@code trajectory} (and {@code estimate}, if not null) and a caption. */
  static BufferedImage frame(PushTState state, float[][] trajectory, float[][] estimate, int chunkStart, int actionSteps,
      String caption) {
    BufferedImage img = new PushTRenderer().renderCanvas(state, null);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      if (estimate != null) {
        g.setColor(ESTIMATE);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 6f}, 0f));
        polyline(g, estimate);
      }
      g.setColor(new Color(200, 30, 30, 120));
      g.setStroke(new BasicStroke(1.5f));
      polyline(g, trajectory);
      for (int t = 0; t < trajectory.length; t++) {
        boolean executed = t >= chunkStart && t < chunkStart + actionSteps;
        double r = executed ? 7 : 4;
        // Earlier actions darker, later lighter: the time order shows without arrows.
        float shade = trajectory.length == 1 ? 0f : (float) t / (trajectory.length - 1);
        Color c = executed ? blend(new Color(170, 0, 0), new Color(255, 120, 0), shade)
            : new Color(120, 120, 120, 160);
        g.setColor(c);
        g.fill(new Ellipse2D.Double(trajectory[t][0] - r, trajectory[t][1] - r, 2 * r, 2 * r));
      }
      g.setColor(new Color(255, 255, 255, 200));
      g.fillRect(0, 0, PushTRenderer.CANVAS, 34);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
      g.drawString(caption, 10, 24);
    } finally {
      g.dispose();
    }
    return img;
  }

  private static void polyline(Graphics2D g, float[][] points) {
    for (int t = 1; t < points.length; t++) {
      g.draw(new Line2D.Double(points[t - 1][0], points[t - 1][1], points[t][0], points[t][1]));
    }
  }

  private static Color blend(Color a, Color b, float s) {
    return new Color(Math.round(a.getRed() + (b.getRed() - a.getRed()) * s),
        Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * s),
        Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * s));
  }

  private ChunkDrawing() {}
}
