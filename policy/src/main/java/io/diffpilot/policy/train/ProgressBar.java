package io.diffpilot.policy.train;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on a terminal stream: steps, loss, learning rate, samples/s, ETA. */
public final class ProgressBar {

  private static final int WIDTH = 30;
  private static final long MIN_INTERVAL_NANOS = 250_000_000L;

  private final PrintStream out;
  private final int total;
  private long lastPrint;

  public ProgressBar(PrintStream out, int total) {
    this.out = out;
    this.total = total;
  }

  /** Redraws at most four times a second, and always at the last step. */
  public void update(int step, double loss, double lr, double samplesPerSecond, double etaSeconds) {
    long now = System.nanoTime();
    if (step < total && now - lastPrint < MIN_INTERVAL_NANOS) {
      return;
    }
    lastPrint = now;
    int filled = (int) ((long) WIDTH * step / Math.max(1, total));
    String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
    out.print(String.format(Locale.ROOT, "\r[%s] %d/%d loss %.5f lr %.2e %.0f samples/s ETA %s ",
        bar, step, total, loss, lr, samplesPerSecond, duration(etaSeconds)));
    if (step >= total) {
      out.println();
    }
    out.flush();
  }

  static String duration(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "?";
    }
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
        : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }
}
