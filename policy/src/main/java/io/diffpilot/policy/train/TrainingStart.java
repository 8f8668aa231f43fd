package io.diffpilot.policy.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a training run starts: step 0 with an empty loss log, or, when resuming, where the
 * checkpoint in the output directory left off. Both backends resume the same way; only how a
 * checkpoint is read into their optimiser and average differs.
 */
record TrainingStart(int step, LossLog log) {

  /** Reads a checkpoint into the model, optimiser and average, and returns its state. */
  @FunctionalInterface
  interface Restore {
    Checkpoint.State from(Path checkpoint) throws IOException;
  }

  /**
   * @param seed the config's seed; a checkpoint written with another is refused
   * @param progress where the resume is reported; may be null
   * @throws IOException if the checkpoint cannot be read or was written with another seed
   */
  static TrainingStart of(Path out, boolean resume, long seed, int total, PrintStream progress, Restore restore)
      throws IOException {
    Path checkpointFile = out.resolve(Checkpoint.FILE);
    if (!resume) {
      return new TrainingStart(0, new LossLog());
    }
    if (!Files.exists(checkpointFile)) {
      if (progress != null) {
        progress.println("no checkpoint in " + out + ": starting from step 0");
      }
      return new TrainingStart(0, new LossLog());
    }
    Checkpoint.State s = restore.from(checkpointFile);
    if (s.seed() != seed) {
      throw new IOException(checkpointFile + " was written with seed " + s.seed() + ", the config says " + seed);
    }
    if (progress != null) {
      progress.println("resuming from step " + s.step() + " of " + total + " (" + checkpointFile + ")");
    }
    return new TrainingStart(s.step(), LossLog.read(out.resolve(LossLog.FILE), s.step()));
  }
}
