package io.diffpilot.tools.multimodal;

import io.diffpilot.sim.obstacle.ObstacleTask;
import io.diffpilot.sim.obstacle.ObstacleTask.Outcome;
import io.diffpilot.sim.obstacle.ObstacleTask.Rollout;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws rollouts over the obstacle scene: one panel per policy, side by side; each rollout a
 * thin line coloured by its outcome (left blue, right orange, collision red, incomplete grey).
 */
public final class RolloutPicture {

  /** Side of one panel's square scene in pixels. */
  public static final int PANEL = 420;
  private static final int TITLE = 56;
  private static final Color LEFT = new Color(31, 119, 180);
  private static final Color RIGHT = new Color(255, 127, 14);
  private static final Color COLLISION = new Color(214, 39, 40);
  private static final Color INCOMPLETE = new Color(127, 127, 127);

  /** One panel: a title and its rollouts. */
  public record Panel(String title, List<Rollout> rollouts) {}

  /** The panels side by side, [panels · PANEL] × [PANEL + title] pixels. */
  public static BufferedImage draw(List<Panel> panels) {
    if (panels.isEmpty()) {
      throw new IllegalArgumentException("nothing to draw: no panels");
    }
    BufferedImage img = new BufferedImage(panels.size() * PANEL, PANEL + TITLE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    for (int i = 0; i < panels.size(); i++) {
      drawPanel(g, panels.get(i), i * PANEL);
    }
    g.dispose();
    return img;
  }

  /** Writes {@link #draw} as a PNG. */
  public static void write(Path file, List<Panel> panels) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    ImageIO.write(draw(panels), "png", file.toFile());
  }

  private static void drawPanel(Graphics2D g, Panel panel, int x0) {
    ModeCounts c = ModeCounts.of(panel.rollouts());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(panel.title(), x0 + 10, 22);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    int tx = x0 + 10;
    tx = label(g, tx, "left " + c.left(), LEFT);
    tx = label(g, tx, "right " + c.right(), RIGHT);
    tx = label(g, tx, "collision " + c.collision(), COLLISION);
    label(g, tx, "incomplete " + c.incomplete(), INCOMPLETE);

    int y0 = TITLE;
    g.setColor(new Color(245, 245, 245));
    g.fillRect(x0 + 2, y0, PANEL - 4, PANEL - 2);
    g.setColor(new Color(200, 200, 200));
    g.drawRect(x0 + 2, y0, PANEL - 4, PANEL - 2);
    // Obstacle, and the collision margin (obstacle radius + agent radius) dashed.
    double r = ObstacleTask.OBSTACLE_RADIUS;
    g.setColor(new Color(90, 90, 90));
    g.fill(disc(x0, y0, ObstacleTask.OBSTACLE_X, ObstacleTask.OBSTACLE_Y, r));
    g.setColor(new Color(150, 150, 150));
    g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
    g.draw(disc(x0, y0, ObstacleTask.OBSTACLE_X, ObstacleTask.OBSTACLE_Y, r + ObstacleTask.AGENT_RADIUS));
    g.setColor(new Color(60, 170, 60));
    g.setStroke(new BasicStroke(2f));
    g.draw(disc(x0, y0, ObstacleTask.GOAL_X, ObstacleTask.GOAL_Y, ObstacleTask.GOAL_RADIUS));
    g.setStroke(new BasicStroke(1.2f));
    for (Rollout ro : panel.rollouts()) {
      Color col = switch (ro.outcome()) {
        case LEFT -> LEFT;
        case RIGHT -> RIGHT;
        case COLLISION -> COLLISION;
        case INCOMPLETE -> INCOMPLETE;
      };
      g.setColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), ro.outcome() == Outcome.COLLISION ? 200 : 110));
      Path2D.Double path = new Path2D.Double();
      double[][] p = ro.positions();
      int end = drawnLength(p);
      for (int t = 0; t < end; t++) {
        double px = px(x0, p[t][0]);
        double py = py(y0, p[t][1]);
        if (t == 0) {
          path.moveTo(px, py);
        } else {
          path.lineTo(px, py);
        }
      }
      g.draw(path);
    }
    g.setColor(Color.BLACK);
    g.fill(disc(x0, y0, ObstacleTask.START_X, ObstacleTask.START_Y, 0.008));
  }

  /**
   * Positions up to and including the first inside the collision margin: the task only checks
   * for collisions between chunks, so the agent may have driven on into the disc; that part is
   * not what the policy would do on a real robot that stopped.
   */
  private static int drawnLength(double[][] p) {
    double clearance = ObstacleTask.OBSTACLE_RADIUS + ObstacleTask.AGENT_RADIUS;
    for (int t = 0; t < p.length; t++) {
      if (Math.hypot(p[t][0] - ObstacleTask.OBSTACLE_X, p[t][1] - ObstacleTask.OBSTACLE_Y) < clearance) {
        return t + 1;
      }
    }
    return p.length;
  }

  private static int label(Graphics2D g, int x, String text, Color color) {
    g.setColor(color);
    g.fillRect(x, 34, 10, 10);
    g.setColor(Color.DARK_GRAY);
    g.drawString(text, x + 14, 44);
    return x + 22 + g.getFontMetrics().stringWidth(text);
  }

  private static Ellipse2D disc(int x0, int y0, double cx, double cy, double radius) {
    double s = PANEL - 4;
    return new Ellipse2D.Double(px(x0, cx) - radius * s, py(y0, cy) - radius * s, 2 * radius * s, 2 * radius * s);
  }

  private static double px(int x0, double x) {
    return x0 + 2 + x * (PANEL - 4);
  }

  private static double py(int y0, double y) {
    return y0 + (1 - y) * (PANEL - 2);
  }

  private RolloutPicture() {}
}
