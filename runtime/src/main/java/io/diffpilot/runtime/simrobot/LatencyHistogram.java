package io.diffpilot.runtime.simrobot;

import io.diffpilot.runtime.plot.PlotCanvas;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Path;

/** A PNG histogram of latencies (ms), with p50 and p99 marked; plain Java2D, headless. */
public final class LatencyHistogram {
  private static final int BINS = 40;
  private static final PlotCanvas.Layout LAYOUT = new PlotCanvas.Layout(720, 360, 60, 20, 40, 50);

  private LatencyHistogram() {}

  public static void write(Path file, long[] sortedNanos, String title) throws IOException {
    PlotCanvas canvas = new PlotCanvas(LAYOUT, title);
    Graphics2D g = canvas.graphics();
    if (sortedNanos.length == 0) {
      g.drawString("no samples", LAYOUT.width() / 2 - 30, LAYOUT.height() / 2);
      canvas.writePng(file);
      return;
    }
    double maxMs = Math.max(0.001, LatencyRecorder.quantile(sortedNanos, 0.999) / 1e6 * 1.05);
    int[] counts = new int[BINS];
    for (long v : sortedNanos) {
      int b = (int) Math.min(BINS - 1, v / 1e6 / maxMs * BINS);
      counts[b]++;
    }
    int peak = 1;
    for (int c : counts) {
      peak = Math.max(peak, c);
    }
    int left = LAYOUT.left();
    int top = LAYOUT.top();
    int plotW = LAYOUT.plotWidth();
    int plotH = LAYOUT.plotHeight();
    g.setColor(new Color(65, 105, 225));
    for (int b = 0; b < BINS; b++) {
      int bh = (int) Math.round((double) counts[b] / peak * plotH);
      int x = left + b * plotW / BINS;
      g.fillRect(x, top + plotH - bh, Math.max(1, plotW / BINS - 1), bh);
    }
    g.setColor(Color.BLACK);
    canvas.drawAxes();
    for (int i = 0; i <= 4; i++) {
      double ms = maxMs * i / 4;
      int x = left + (int) (plotW * i / 4.0);
      g.drawString(String.format("%.2f", ms), x - 12, top + plotH + 16);
    }
    g.drawString("latency (ms), observation capture -> chunk received", left + plotW / 2 - 140, LAYOUT.height() - 12);
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
    canvas.writePng(file);
  }
}
