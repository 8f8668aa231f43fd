package io.diffpilot.sim.eval;

import io.diffpilot.core.ProgressBar;
import java.io.PrintStream;
import java.util.Locale;

/** The evaluation's progress line: episodes done, running mean max reward and successes; thread-safe. */
final class EvaluationProgress {
  private final ProgressBar bar;
  private int finished;
  private int successes;
  private double rewardSum;

  /** @param out where the line goes, or null for none */
  EvaluationProgress(PrintStream out, int episodes) {
    this.bar = new ProgressBar(out, episodes);
  }

  synchronized void episodeDone(EpisodeOutcome outcome) {
    finished++;
    if (outcome.success()) {
      successes++;
    }
    rewardSum += outcome.maxReward();
    bar.update(finished, String.format(Locale.ROOT, "episodes, mean max reward %.3f, %d successes",
        rewardSum / finished, successes));
  }

  void finish() {
    bar.finish();
  }
}
