package io.diffpilot.sim.eval;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar ("\r[#####.....] 12/50 episodes, 3 successes"), thread-safe. */
final class ProgressBar {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final int total;
  private int successes;
  private double rewardSum;

  ProgressBar(PrintStream out, int total) {
    this.out = out;
    this.total = total;
  }

  synchronized void update(int finished, EpisodeOutcome outcome) {
    if (outcome.success()) {
      successes++;
    }
    rewardSum += outcome.maxReward();
    if (out == null) {
      return;
    }
    int filled = (int) Math.round(WIDTH * (double) finished / total);
    out.printf(Locale.ROOT, "\r[%s%s] %d/%d episodes, mean max reward %.3f, %d successes",
        "#".repeat(filled), ".".repeat(WIDTH - filled), finished, total, rewardSum / finished, successes);
    out.flush();
  }

  synchronized void done() {
    if (out != null) {
      out.println();
      out.flush();
    }
  }
}
