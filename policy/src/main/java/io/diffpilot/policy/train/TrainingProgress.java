package io.diffpilot.policy.train;

import io.diffpilot.core.ProgressBar;
import java.io.PrintStream;
import java.util.Locale;

/** The trainers' progress line: steps, smoothed loss, learning rate, samples/s since start or resume, ETA. */
public final class TrainingProgress {
  private final ProgressBar bar;
  private final int total;
  private final int batchSize;
  private final int startStep;
  private final long startNanos = System.nanoTime();

  /** Null when {@code out} is null: no progress wanted. */
  public static TrainingProgress of(PrintStream out, int total, int batchSize, int startStep) {
    return out == null ? null : new TrainingProgress(new ProgressBar(out, total), total, batchSize, startStep);
  }

  private TrainingProgress(ProgressBar bar, int total, int batchSize, int startStep) {
    this.bar = bar;
    this.total = total;
    this.batchSize = batchSize;
    this.startStep = startStep;
  }

  public void update(int step, double loss, double lr) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double perSecond = (step - startStep) * (double) batchSize / seconds;
    bar.update(step, String.format(Locale.ROOT, "loss %.5f lr %.2e %.0f samples/s ETA %s", loss, lr, perSecond,
        ProgressBar.duration((total - step) * batchSize / perSecond)));
  }
}
