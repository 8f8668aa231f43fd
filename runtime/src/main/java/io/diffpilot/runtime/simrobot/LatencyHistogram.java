package io.diffpilot.runtime.simrobot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** A PNG histogram of latencies (ms), with p50 and p99 marked; plain Java2D, headless. */
public final class LatencyHistogram {
  private LatencyHistogram() {}

  public static void write(Path file, long[] sortedNanos, String title) throws IOException {
    int w = 720;
    int h = 360;
    int left = 60;
    int bottom = 50;
    int top = 40;
    int right = 20;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, left, 24);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    if (sortedNanos.length == 0) {
      g.drawString("no samples", w / 2 - 30, h / 2);
      g.dispose();
      ImageIO.write(img, "png", file.toFile());
      return;
    }
    double maxMs = Math.max(0.001, LatencyRecorder.quantile(sortedNanos, 0.999) / 1e6 * 1.05);
    int bins = 40;
    int[] counts = new int[bins];
    for (long v : sortedNanos) {
      int b = (int) Math.min(bins - 1, v / 1e6 / maxMs * bins);
      counts[b]++;
    }
    int peak = 1;
    for (int c : counts) {
      peak = Math.max(peak, c);
    }
    int plotW = w - left - right;
    int plotH = h - top - bottom;
    g.setColor(new Color(65, 105, 225));
    for (int b = 0; b < bins; b++) {
      int bh = (int) Math.round((double) counts[b] / peak * plotH);
      int x = left + b * plotW / bins;
      g.fillRect(x, top + plotH - bh, Math.max(1, plotW / bins - 1), bh);
    }
    g.setColor(Color.BLACK);
    g.drawLine(left, top + plotH, left + plotW, top + plotH);
    g.drawLine(left, top, left, top + plotH);
    for (int i = 0; i <= 4; i++) {
      double ms = maxMs * i / 4;
      int x = left + (int) (plotW * i / 4.0);
      g.drawString(String.format("%.2f", ms), x - 12, top + plotH + 16);
    }
    g.drawString("latency (ms), observation capture -> chunk received", left + plotW / 2 - 140, h - 12);
    g.drawString(Integer.toString(peak), 8, top + 10);
    g.drawString("0", 30, top + plotH);
    g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    double[] qs = {0.5, 0.99};
    Color[] cs = {new Color(0, 150, 0), new Color(200, 0, 0)};
    for (int i = 0; i < qs.length; i++) {
      double ms = LatencyRecorder.quantile(sortedNanos, qs[i]) / 1e6;
      int x = left + (int) Math.min(plotW, ms / maxMs * plotW);
      g.setColor(cs[i]);
      g.drawLine(x, top, x, top + plotH);
      g.drawString(String.format("p%d %.2f ms", Math.round(qs[i] * 100), ms), x + 4, top + 14 + 14 * i);
    }
    g.dispose();
    ImageIO.write(img, "png", file.toFile());
  }
}
