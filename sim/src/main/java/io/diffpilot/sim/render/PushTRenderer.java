package io.diffpilot.sim.render;

import io.diffpilot.sim.pusht.Coverage;
import io.diffpilot.sim.pusht.PushTPhysics;
import io.diffpilot.sim.pusht.PushTState;
import io.diffpilot.sim.pusht.TeeShape;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/**
 * Draws Push-T as the reference does: a 512 × 512 canvas (white background, goal T light green,
 * block slate blue-grey with a light-slate-grey outline, agent a royal-blue disc of radius 15,
 * light-grey walls), downscaled with bilinear filtering (OpenCV's INTER_LINEAR sampling) to the
 * requested size. Stateless and thread-safe.
 */
public final class PushTRenderer {
  /** Canvas side of the reference render. */
  public static final int CANVAS = 512;

  public static final Color BACKGROUND = Color.WHITE;
  public static final Color GOAL = new Color(144, 238, 144);
  public static final Color BLOCK = new Color(142, 163, 183);
  public static final Color BLOCK_OUTLINE = new Color(119, 136, 153);
  public static final Color AGENT = new Color(65, 105, 225);
  public static final Color WALL = new Color(211, 211, 211);
  public static final Color ACTION = new Color(255, 0, 0);

  /** The full-size 512 × 512 frame; {@code action} (target x, y) is drawn as a red cross if not null. */
  public BufferedImage renderCanvas(PushTState s, float[] action) {
    BufferedImage img = new BufferedImage(CANVAS, CANVAS, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      // Pygame draws without antialiasing; so do we, which keeps pixel tests exact.
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
      g.setColor(BACKGROUND);
      g.fillRect(0, 0, CANVAS, CANVAS);
      g.setColor(GOAL);
      g.fill(tee(Coverage.GOAL_X, Coverage.GOAL_Y, Coverage.GOAL_ANGLE));
      g.setColor(WALL);
      g.setStroke(new BasicStroke((float) (2 * PushTPhysics.WALL_RADIUS), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.draw(new Line2D.Double(5, 506, 5, 5));
      g.draw(new Line2D.Double(5, 5, 506, 5));
      g.draw(new Line2D.Double(506, 5, 506, 506));
      g.draw(new Line2D.Double(5, 506, 506, 506));
      Path2D block = tee(s.blockX(), s.blockY(), s.blockAngle());
      g.setColor(BLOCK);
      g.fill(block);
      g.setColor(BLOCK_OUTLINE);
      g.setStroke(new BasicStroke(1f));
      g.draw(block);
      double r = PushTPhysics.AGENT_RADIUS;
      g.setColor(AGENT);
      g.fill(new Ellipse2D.Double(s.agentX() - r, s.agentY() - r, 2 * r, 2 * r));
      if (action != null) {
        g.setColor(ACTION);
        g.setStroke(new BasicStroke(3f));
        double m = 12;
        g.draw(new Line2D.Double(action[0] - m, action[1], action[0] + m, action[1]));
        g.draw(new Line2D.Double(action[0], action[1] - m, action[0], action[1] + m));
      }
    } finally {
      g.dispose();
    }
    return img;
  }

  /** The frame at {@code size} × {@code size} (96 for the image observation). */
  public BufferedImage render(PushTState s, float[] action, int size) {
    BufferedImage canvas = renderCanvas(s, action);
    return size == CANVAS ? canvas : resizeBilinear(canvas, size, size);
  }

  /** The image observation: [3][96][96] channel-first RGB in [0, 1], flattened (as the reference's obs['image']). */
  public float[] imageObservation(PushTState s) {
    BufferedImage img = render(s, null, 96);
    int n = 96 * 96;
    float[] out = new float[3 * n];
    for (int y = 0; y < 96; y++) {
      for (int x = 0; x < 96; x++) {
        int rgb = img.getRGB(x, y);
        int i = y * 96 + x;
        out[i] = ((rgb >> 16) & 0xFF) / 255f;
        out[n + i] = ((rgb >> 8) & 0xFF) / 255f;
        out[2 * n + i] = (rgb & 0xFF) / 255f;
      }
    }
    return out;
  }

  private static Path2D tee(double x, double y, double angle) {
    Path2D.Double p = new Path2D.Double();
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    for (int i = 0; i < TeeShape.OUTLINE.length; i++) {
      double lx = TeeShape.OUTLINE[i][0];
      double ly = TeeShape.OUTLINE[i][1];
      double wx = x + c * lx - s * ly;
      double wy = y + s * lx + c * ly;
      if (i == 0) {
        p.moveTo(wx, wy);
      } else {
        p.lineTo(wx, wy);
      }
    }
    p.closePath();
    return p;
  }

  /**
   * Bilinear resize with OpenCV's INTER_LINEAR sampling: destination pixel centre (x + 0.5)
   * maps to source (x + 0.5)·scale − 0.5, two taps per axis, edges clamped (no antialiasing).
   */
  public static BufferedImage resizeBilinear(BufferedImage src, int width, int height) {
    int sw = src.getWidth();
    int sh = src.getHeight();
    int[] pixels = src.getRGB(0, 0, sw, sh, null, 0, sw);
    BufferedImage dst = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Taps[] columns = new Taps[width];
    for (int x = 0; x < width; x++) {
      columns[x] = Taps.of(x, (double) sw / width, sw);
    }
    for (int y = 0; y < height; y++) {
      Taps row = Taps.of(y, (double) sh / height, sh);
      int y0 = row.near();
      int y1 = row.far();
      double wy = row.farWeight();
      for (int x = 0; x < width; x++) {
        int x0 = columns[x].near();
        int x1 = columns[x].far();
        double wx = columns[x].farWeight();
        int p00 = pixels[y0 * sw + x0];
        int p01 = pixels[y0 * sw + x1];
        int p10 = pixels[y1 * sw + x0];
        int p11 = pixels[y1 * sw + x1];
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
          double top = ((p00 >> shift) & 0xFF) * (1 - wx) + ((p01 >> shift) & 0xFF) * wx;
          double bottom = ((p10 >> shift) & 0xFF) * (1 - wx) + ((p11 >> shift) & 0xFF) * wx;
          int v = (int) Math.round(top * (1 - wy) + bottom * wy);
          rgb |= Math.max(0, Math.min(255, v)) << shift;
        }
        dst.setRGB(x, y, rgb);
      }
    }
    return dst;
  }

  /** The two source samples a destination row or column reads, and the weight of the second. */
  private record Taps(int near, int far, double farWeight) {
    static Taps of(int destination, double scale, int sourceSize) {
      double f = (destination + 0.5) * scale - 0.5;
      int near = (int) Math.floor(f);
      double w = f - near;
      if (near < 0) {
        near = 0;
        w = 0;
      }
      return new Taps(near, Math.min(near + 1, sourceSize - 1), w);
    }
  }
}
