package io.diffpilot.demos.pusht;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/**
 * Draws one Push-T state ([agent x, agent y, block x, block y, block angle], pixels, y down) in
 * the colours of the reference renderer: goal T light green at (256, 256, π/4), block slate
 * blue-grey, agent a royal-blue disc of radius 15. A stand-in for {@code sim}'s renderer for
 * replays only; it draws recorded poses and simulates nothing.
 */
public final class PushTSketch {
  private static final Color GOAL = new Color(144, 238, 144);
  private static final Color BLOCK = new Color(142, 163, 183);
  private static final Color OUTLINE = new Color(119, 136, 153);
  private static final Color AGENT = new Color(65, 105, 225);
  private static final Color WALL = new Color(211, 211, 211);

  private PushTSketch() {}

  /** A size × size image of {@code state}, with the commanded target as a small cross when given. */
  public static BufferedImage draw(float[] state, float[] action, int size) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, size, size);
    g.scale(size / 512.0, size / 512.0);
    g.setColor(WALL);
    g.setStroke(new BasicStroke(4));
    g.drawRect(5, 5, 501, 501);
    g.setColor(GOAL);
    g.fill(tee(256, 256, Math.PI / 4));
    Path2D block = tee(state[2], state[3], state[4]);
    g.setColor(BLOCK);
    g.fill(block);
    g.setColor(OUTLINE);
    g.setStroke(new BasicStroke(2));
    g.draw(block);
    g.setColor(AGENT);
    g.fill(new Ellipse2D.Double(state[0] - 15, state[1] - 15, 30, 30));
    if (action != null && action.length >= 2) {
      g.setColor(Color.RED);
      g.drawLine((int) action[0] - 6, (int) action[1], (int) action[0] + 6, (int) action[1]);
      g.drawLine((int) action[0], (int) action[1] - 6, (int) action[0], (int) action[1] + 6);
    }
    g.dispose();
    return img;
  }

  /** The T (crossbar then stem, local coordinates of the reference) at pose (x, y, angle). */
  static Path2D tee(double x, double y, double angle) {
    Path2D p = new Path2D.Double();
    double[][] pts = {{-60, 0}, {60, 0}, {60, 30}, {15, 30}, {15, 120}, {-15, 120}, {-15, 30}, {-60, 30}};
    p.moveTo(pts[0][0], pts[0][1]);
    for (int i = 1; i < pts.length; i++) {
      p.lineTo(pts[i][0], pts[i][1]);
    }
    p.closePath();
    AffineTransform t = new AffineTransform();
    t.translate(x, y);
    t.rotate(angle);
    return (Path2D) p.createTransformedShape(t);
  }
}
