package io.diffpilot.policy.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Draws {@code loss.png}: per-step loss (light) and its running average (dark), log-scale y, plain Java2D. */
public final class LossPlot {

  private static final int WIDTH = 800;
  private static final int HEIGHT = 450;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 35;
  private static final int BOTTOM = 45;

  private LossPlot() {}

  public static void write(Path file, List<LossLog.Entry> entries, String title) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      g.drawString(title, LEFT, 20);
      int plotW = WIDTH - LEFT - RIGHT;
      int plotH = HEIGHT - TOP - BOTTOM;
      g.drawRect(LEFT, TOP, plotW, plotH);
      if (entries.isEmpty()) {
        g.drawString("no steps logged", LEFT + 10, TOP + 20);
      } else {
        double minLog = Double.POSITIVE_INFINITY;
        double maxLog = Double.NEGATIVE_INFINITY;
        for (LossLog.Entry e : entries) {
          double l = Math.log10(Math.max(e.loss(), 1e-12));
          minLog = Math.min(minLog, l);
          maxLog = Math.max(maxLog, l);
        }
        minLog = Math.floor(minLog);
        maxLog = Math.max(Math.ceil(maxLog), minLog + 1);
        int firstStep = entries.get(0).step();
        int lastStep = Math.max(entries.get(entries.size() - 1).step(), firstStep + 1);
        for (int d = (int) minLog; d <= (int) maxLog; d++) {
          int y = y(d, minLog, maxLog, plotH);
          g.setColor(new Color(230, 230, 230));
          g.drawLine(LEFT + 1, y, LEFT + plotW - 1, y);
          g.setColor(Color.BLACK);
          g.drawString("1e" + d, 10, y + 5);
        }
        g.drawString("step " + firstStep, LEFT, HEIGHT - 15);
        String last = "step " + lastStep;
        g.drawString(last, LEFT + plotW - g.getFontMetrics().stringWidth(last), HEIGHT - 15);
        Path2D raw = new Path2D.Double();
        Path2D smooth = new Path2D.Double();
        double avg = entries.get(0).loss();
        for (int i = 0; i < entries.size(); i++) {
          LossLog.Entry e = entries.get(i);
          avg = 0.95 * avg + 0.05 * e.loss();
          double x = LEFT + (double) (e.step() - firstStep) / (lastStep - firstStep) * plotW;
          double yr = y(Math.log10(Math.max(e.loss(), 1e-12)), minLog, maxLog, plotH);
          double ys = y(Math.log10(Math.max(avg, 1e-12)), minLog, maxLog, plotH);
          if (i == 0) {
            raw.moveTo(x, yr);
            smooth.moveTo(x, ys);
          } else {
            raw.lineTo(x, yr);
            smooth.lineTo(x, ys);
          }
        }
        g.setColor(new Color(150, 180, 230));
        g.setStroke(new BasicStroke(1f));
        g.draw(raw);
        g.setColor(new Color(20, 60, 160));
        g.setStroke(new BasicStroke(2f));
        g.draw(smooth);
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "final loss (avg) %.4g", avg), LEFT + plotW - 200, TOP + 18);
      }
    } finally {
      g.dispose();
    }
    ImageIO.write(img, "png", file.toFile());
  }

  private static int y(double logValue, double minLog, double maxLog, int plotH) {
    return (int) Math.round(TOP + (maxLog - logValue) / (maxLog - minLog) * plotH);
  }
}
