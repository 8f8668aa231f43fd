package io.diffpilot.core;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line terminal progress bar, {@code "\r[=====>    ] 12/50 <detail>"}, for training and
 * evaluation alike. Redraws at most four times a second (a 2-core robot computer should not spend
 * its time on a terminal) and always at the last unit, after which it ends the line. Thread-safe;
 * a null stream makes it silent.
 */
public final class ProgressBar {
  private static final int WIDTH = 30;
  private static final long MIN_INTERVAL_NANOS = 250_000_000L;

  private final PrintStream out;
  private final int total;
  private long lastPrint;
  private boolean ended;

  public ProgressBar(PrintStream out, int total) {
    if (total < 1) {
      throw new IllegalArgumentException("total must be >= 1, got " + total);
    }
    this.out = out;
    this.total = total;
  }

  /** Shows {@code done} of the total units with a detail text after the counts. */
  public synchronized void update(int done, String detail) {
    long now = System.nanoTime();
    if (out == null || ended || (done < total && now - lastPrint < MIN_INTERVAL_NANOS)) {
      return;
    }
    lastPrint = now;
    int filled = (int) Math.min(WIDTH, (long) WIDTH * Math.max(0, done) / total);
    String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
    out.print("\r[" + bar + "] " + done + "/" + total + " " + detail + " ");
    if (done >= total) {
      finish();
    }
    out.flush();
  }

  /** Ends the line if the bar has not reached the total (a run stopped early); once only. */
  public synchronized void finish() {
    if (out != null && !ended) {
      ended = true;
      out.println();
      out.flush();
    }
  }

  /** Seconds as {@code 4m05s} or {@code 1h07m}; {@code ?} when not finite (no rate yet). */
  public static String duration(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "?";
    }
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
        : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }
}
