package io.diffpilot.tools.bench.policy;

import io.diffpilot.policy.fast.FastUnet1d;
import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.unet.UnetConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * {@link FastBench}'s {@code torchscript} rows (issue 13): the bench's network traced by Debian's
 * torch and run by DJL's libtorch ({@link TorchScriptUnet}) under the java backend's own host-side
 * DDIM loop, so the rows differ from {@code java} only in who computes the forward. Each batch's
 * trace is first checked against the java forward (≤ {@value #TOLERANCE}); then the targets
 * {@code java chunk p50 ≤ 0.5× torchscript at batch 1} and {@code java chunks/s ≥ torchscript at
 * batch 64} are printed with the measured ratio.
 */
final class TorchScriptRows implements AutoCloseable {

  /** Largest |difference| between the trace's and the java backend's forward that still counts as the same net. */
  static final double TOLERANCE = 1e-4;

  private final UnetConfig config;
  private final Map<String, Safetensors.Tensor> stateDict;
  private final int horizon;
  private final Path dir;
  private final Path trace;
  private final PrintWriter out;

  private TorchScriptRows(UnetConfig config, Map<String, Safetensors.Tensor> stateDict, int horizon, Path dir, Path trace,
      PrintWriter out) {
    this.config = config;
    this.stateDict = stateDict;
    this.horizon = horizon;
    this.dir = dir;
    this.trace = trace;
    this.out = out;
  }

  /**
   * Traces the net with {@code python} ("none": rows off); when that cannot be done the rows are
   * skipped with a line saying why.
   */
  static TorchScriptRows prepare(String python, UnetConfig config, Map<String, Safetensors.Tensor> stateDict, int horizon,
      PrintWriter out) throws InterruptedException {
    if (python.equals("none")) {
      out.println("# TorchScript rows off (--no-torchscript)");
      return new TorchScriptRows(config, stateDict, horizon, null, null, out);
    }
    String why = TorchScriptUnet.whyUnavailable(Path.of(python));
    if (why != null) {
      out.println("# TorchScript rows skipped: " + why + " (Debian: apt-get install python3-torch)");
      return new TorchScriptRows(config, stateDict, horizon, null, null, out);
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("diffpilot-torchscript");
      Path pt = TorchScriptUnet.trace(Path.of(python), config, stateDict, horizon, dir);
      return new TorchScriptRows(config, stateDict, horizon, dir, pt, out);
    } catch (IOException e) {
      out.println("# TorchScript rows skipped: " + e.getMessage());
      return new TorchScriptRows(config, stateDict, horizon, dir, null, out);
    }
  }

  boolean enabled() {
    return trace != null;
  }

  /** Forward and DDIM chunk rows at one batch and thread count; none when off or when the trace is not the same net. */
  List<FastBench.Row> rows(int batch, int threads, int[] stepCounts, int chunks) throws IOException {
    if (!enabled()) {
      return List.of();
    }
    try (TorchScriptUnet net = TorchScriptUnet.load(trace, config, horizon, batch)) {
      double diff = maxAbsDiffToJava(net, stateDict, batch);
      boolean same = diff <= TOLERANCE;
      out.printf(Locale.ROOT, "# torchscript vs java forward, batch %d: max |diff| %.3g (≤ %.0e: %s)%n", batch, diff,
          TOLERANCE, same ? "same net" : "MISMATCH, rows dropped");
      out.flush();
      return same ? FastBench.denoiserRows("torchscript", net, batch, threads, stepCounts, chunks) : List.of();
    }
  }

  /** Largest |trace − java| over one forward of random inputs at {@code batch} rows (varied timesteps). */
  static double maxAbsDiffToJava(TorchScriptUnet net, Map<String, Safetensors.Tensor> stateDict, int batch) {
    UnetConfig cfg = net.config();
    int size = batch * net.horizon() * cfg.inputDim();
    SplittableRandom r = new SplittableRandom(11);
    float[] x = new float[size];
    float[] cond = new float[batch * cfg.globalCondDim()];
    BenchMetrics.fill(r, x);
    BenchMetrics.fill(r, cond);
    long[] ts = new long[batch];
    for (int b = 0; b < batch; b++) {
      ts[b] = r.nextInt(100);
    }
    float[] traced = new float[size];
    float[] java = new float[size];
    net.forward(x, ts, cond, batch, traced);
    try (FastUnet1d reference = FastUnet1d.create(cfg, stateDict, net.horizon(), batch, 1)) {
      reference.forward(x, ts, cond, batch, java);
    }
    double max = 0;
    for (int i = 0; i < size; i++) {
      max = Math.max(max, Math.abs(traced[i] - java[i]));
    }
    return max;
  }

  /**
   * Issue 13's targets per thread count, at DDIM-10 (or the largest step count measured when 10
   * was not): each MET or MISSED with the ratio it was judged on.
   */
  static void printTargets(List<FastBench.Row> rows, int[] threads, int[] steps, PrintWriter out) {
    int k = Arrays.stream(steps).anyMatch(s -> s == 10) ? 10 : Arrays.stream(steps).max().orElse(10);
    for (int t : threads) {
      FastBench.Row java1 = BackendTable.find(rows, "java", "chunk", 1, t, k);
      FastBench.Row ts1 = BackendTable.find(rows, "torchscript", "chunk", 1, t, k);
      if (java1 != null && ts1 != null) {
        double ratio = java1.p50() / ts1.p50();
        out.printf(Locale.ROOT, "target %d thread(s), DDIM-%d: java chunk p50 <= 0.5x torchscript at batch 1: "
            + "%.2f ms / %.2f ms = %.2fx %s%n", t, k, java1.p50(), ts1.p50(), ratio, ratio <= 0.5 ? "MET" : "MISSED");
      }
      FastBench.Row java64 = BackendTable.find(rows, "java", "chunk", 64, t, k);
      FastBench.Row ts64 = BackendTable.find(rows, "torchscript", "chunk", 64, t, k);
      if (java64 != null && ts64 != null) {
        double javaRate = 64000 / java64.p50();
        double tsRate = 64000 / ts64.p50();
        out.printf(Locale.ROOT, "target %d thread(s), DDIM-%d: java chunks/s >= torchscript at batch 64: "
            + "%.0f / %.0f chunks/s = %.2fx %s%n", t, k, javaRate, tsRate, javaRate / tsRate,
            javaRate >= tsRate ? "MET" : "MISSED");
      }
    }
    out.flush();
  }

  /** Deletes the trace and its inputs. */
  @Override
  public void close() throws IOException {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
