package io.diffpilot.policy.train;

import io.diffpilot.policy.model.ModelDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The per-step training log, written as {@code loss.csv} (step,loss,lr). */
public final class LossLog {

  public static final String FILE = "loss.csv";
  private static final String HEADER = "step,loss,lr";

  /** One optimizer step: 1-based step number, batch loss, learning rate used. */
  public record Entry(int step, double loss, double lr) {}

  private final List<Entry> entries = new ArrayList<>();

  public void add(int step, double loss, double lr) {
    entries.add(new Entry(step, loss, lr));
  }

  public List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** Mean loss of the last {@code n} entries (NaN when empty). */
  public double recentMean(int n) {
    int from = Math.max(0, entries.size() - n);
    return entries.subList(from, entries.size()).stream().mapToDouble(Entry::loss).average().orElse(Double.NaN);
  }

  /** Writes the whole log atomically. */
  public void write(Path file) throws IOException {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (Entry e : entries) {
      sb.append(e.step()).append(',').append(String.format(Locale.ROOT, "%.8g,%.6g", e.loss(), e.lr())).append('\n');
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, sb);
    ModelDirectory.moveAtomically(tmp, file);
  }

  /** Reads a log, keeping entries up to and including {@code lastStep} (what a checkpoint covers). */
  public static LossLog read(Path file, int lastStep) throws IOException {
    LossLog log = new LossLog();
    if (!Files.exists(file)) {
      return log;
    }
    List<String> lines = Files.readAllLines(file);
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      if (f.length != 3) {
        throw new IOException(file + ": line " + (i + 1) + " is not step,loss,lr");
      }
      int step = Integer.parseInt(f[0].trim());
      if (step <= lastStep) {
        log.add(step, Double.parseDouble(f[1]), Double.parseDouble(f[2]));
      }
    }
    return log;
  }
}
