package io.diffpilot.tools.bench.runtime;

import io.diffpilot.runtime.plot.PlotCanvas;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A PNG line plot of observation→chunk p99 (ms) against fleet size (log scale), one line per configuration. */
public final class FleetPlot {
  private static final Color[] COLORS = {new Color(65, 105, 225), new Color(220, 20, 60), new Color(34, 139, 34),
      new Color(255, 140, 0), new Color(128, 0, 128), Color.DARK_GRAY};

  private static final PlotCanvas.Layout LAYOUT = new PlotCanvas.Layout(760, 420, 70, 230, 40, 50);

  private FleetPlot() {}

  public static void write(Path file, Map<String, List<FleetBench.Cell>> series, long budgetNanos, String title)
      throws IOException {
    int maxN = 1;
    double maxMs = budgetNanos / 1e6 * 1.2;
    for (List<FleetBench.Cell> cells : series.values()) {
      for (FleetBench.Cell c : cells) {
        maxN = Math.max(maxN, c.robots());
        maxMs = Math.max(maxMs, c.p99Nanos() / 1e6 * 1.05);
      }
    }
    PlotCanvas canvas = new PlotCanvas(LAYOUT, title);
    Graphics2D g = canvas.graphics();
    int left = LAYOUT.left();
    int top = LAYOUT.top();
    int plotW = LAYOUT.plotWidth();
    int plotH = LAYOUT.plotHeight();
    canvas.drawAxes();
    double logMax = Math.log(Math.max(2, maxN));
    for (int n = 1; n <= maxN; n *= 2) {
      int x = left + (int) Math.round(Math.log(n) / logMax * plotW);
      g.drawLine(x, top + plotH, x, top + plotH + 4);
      g.drawString(Integer.toString(n), x - 6, top + plotH + 18);
    }
    g.drawString("robots (10 Hz each)", left + plotW / 2 - 50, LAYOUT.height() - 12);
    for (int i = 0; i <= 5; i++) {
      double ms = maxMs * i / 5;
      int y = top + plotH - (int) Math.round(ms / maxMs * plotH);
      g.drawLine(left - 4, y, left, y);
      g.drawString(String.format("%.0f", ms), left - 36, y + 4);
    }
    g.drawString("p99 ms", 8, top + 10);
    int budgetY = top + plotH - (int) Math.round(budgetNanos / 1e6 / maxMs * plotH);
    g.setColor(Color.GRAY);
    g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {5, 5}, 0));
    g.drawLine(left, budgetY, left + plotW, budgetY);
    g.drawString("budget", left + plotW + 4, budgetY + 4);
    g.setStroke(new BasicStroke(2));
    int k = 0;
    for (Map.Entry<String, List<FleetBench.Cell>> e : series.entrySet()) {
      g.setColor(COLORS[k % COLORS.length]);
      int px = -1;
      int py = -1;
      for (FleetBench.Cell c : e.getValue()) {
        int x = left + (int) Math.round(Math.log(c.robots()) / logMax * plotW);
        int y = top + plotH - (int) Math.round(c.p99Nanos() / 1e6 / maxMs * plotH);
        g.fillOval(x - 3, y - 3, 6, 6);
        if (px >= 0) {
          g.drawLine(px, py, x, y);
        }
        px = x;
        py = y;
      }
      g.drawString(e.getKey(), left + plotW + 50, top + 16 + 16 * k);
      k++;
    }
    canvas.writePng(file);
  }
}
