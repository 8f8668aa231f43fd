package io.diffpilot.tools.bench.policy;

import io.diffpilot.policy.fast.ArrayDenoiser;
import io.diffpilot.policy.fast.FastDdim;
import io.diffpilot.policy.fast.FastUnet1d;
import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.unet.RandomStateDict;
import io.diffpilot.policy.unet.UnetConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Latency benchmark of the Java backend against DJL, the same net as a TorchScript trace in DJL's
 * libtorch, and PyTorch eager (Debian's {@code /usr/bin/python3}, run in the same process tree, one
 * after the other): forward and DDIM chunk p50/p99 at the given batches, threads and step counts,
 * then resident memory and heap after a long run of chunks.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp ... io.diffpilot.tools.bench.policy.FastBench
 * [--net small|default] [--threads 1,2] [--batches 1,64] [--steps 1,2,4,8,10,16] [--chunks 200]
 * [--soak 10000] [--python /usr/bin/python3|none] [--no-torchscript]}
 */
public final class FastBench {

  /** diffusion_policy's default: squaredcos_cap_v2, 100 steps, epsilon, clip ±1 (as the DJL rows). */
  static final io.diffpilot.policy.schedule.DdpmSchedule SCHEDULE =
      new io.diffpilot.policy.schedule.DdpmSchedule(io.diffpilot.policy.schedule.ScheduleConfig.defaults());

  private FastBench() {}

  /** Timings of one row, in milliseconds. */
  public record Row(String backend, String kind, int batch, int threads, int steps, double[] ms) {
    public double p50() {
      return BenchMetrics.percentile(ms, 0.50);
    }

    public double p99() {
      return BenchMetrics.percentile(ms, 0.99);
    }
  }

  /**
   * What to measure.
   *
   * @param threads thread counts (Java pool size, libtorch intra-op threads, OMP/OpenBLAS threads)
   * @param steps DDIM step counts of the chunk rows
   * @param chunks timed chunks per batch-1 row (batch 64 rows time a tenth, at least 10)
   * @param soak Java DDIM-10 chunks at batch 1 per thread count for the memory check (0: none)
   * @param djlSoak the same for the DJL backend (0: none; it is ~10× slower)
   * @param djl include the DJL backend rows
   * @param python interpreter with torch for the eager rows, or "none"
   * @param torchscript interpreter with torch that traces the net for the TorchScript rows, or "none"
   */
  public record Settings(UnetConfig config, int horizon, int[] threads, int[] batches, int[] steps, int chunks,
      int soak, int djlSoak, boolean djl, String python, String torchscript) {

    public Settings {
      if (horizon < 1 || chunks < 1 || soak < 0 || djlSoak < 0 || threads.length == 0 || batches.length == 0) {
        throw new IllegalArgumentException("bench settings need horizon, chunks >= 1, soak >= 0 and threads/batches");
      }
    }
  }

  public static void main(String[] args) throws Exception {
    String net = "small";
    int[] threads = {1, 2};
    int[] batches = {1, 64};
    int[] steps = {1, 2, 4, 8, 10, 16};
    int chunks = 200;
    int soak = 10_000;
    String python = "/usr/bin/python3";
    int djlSoak = 0;
    boolean djl = true;
    boolean torchscript = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--net" -> net = args[++i];
        case "--threads" -> threads = ints(args[++i]);
        case "--batches" -> batches = ints(args[++i]);
        case "--steps" -> steps = ints(args[++i]);
        case "--chunks" -> chunks = Integer.parseInt(args[++i]);
        case "--soak" -> soak = Integer.parseInt(args[++i]);
        case "--python" -> python = args[++i];
        case "--djl-soak" -> djlSoak = Integer.parseInt(args[++i]);
        case "--no-djl" -> djl = false;
        case "--no-torchscript" -> torchscript = false;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    UnetConfig cfg = net.equals("default") ? UnetConfig.paperDefault(2, 40) : UnetConfig.small(2, 40);
    PrintWriter out = new PrintWriter(System.out, true);
    String tracer = torchscript && !python.equals("none") ? python : "none";
    run(new Settings(cfg, 16, threads, batches, steps, chunks, soak, djlSoak, djl, python, tracer), out);
    out.flush();
  }

  /** Runs every row, prints the table, the targets and the soak lines to {@code out}. */
  public static List<Row> run(Settings s, PrintWriter out) throws IOException, InterruptedException {
    UnetConfig cfg = s.config();
    int horizon = s.horizon();
    out.printf(Locale.ROOT, "# backends: java (%s kernel) vs djl vs torchscript vs torch-eager; net %s, horizon %d, "
        + "action dim %d, global cond %d; load at start %s%n", FastUnet1d.bestKernelName(), cfg.downDims(), horizon,
        cfg.inputDim(), cfg.globalCondDim(), BenchMetrics.loadAverage());
    out.flush();
    List<Row> rows = new ArrayList<>();
    Map<String, Safetensors.Tensor> sd = s.djl() ? DjlRows.randomWeights(cfg) : RandomStateDict.of(cfg, 1);
    try (TorchScriptRows ts = TorchScriptRows.prepare(s.torchscript(), cfg, sd, horizon, out)) {
      for (int t : s.threads()) {
        if (s.djl() || ts.enabled()) {
          DjlRows.setThreads(t);
        }
        for (int b : s.batches()) {
          int n = chunksPerRow(s, b);
          rows.addAll(report(javaRows(cfg, sd, horizon, b, t, s.steps(), n)));
          if (s.djl()) {
            rows.addAll(report(DjlRows.rows(cfg, sd, horizon, b, t, s.steps(), n)));
          }
          rows.addAll(report(ts.rows(b, t, s.steps(), n)));
        }
      }
    }
    if (!s.python().equals("none")) {
      for (int t : s.threads()) {
        for (int b : s.batches()) {
          int n = chunksPerRow(s, b);
          rows.addAll(report(TorchEagerRows.torchRows(s.python(), cfg, horizon, new int[] {b}, t, s.steps(), n,
              b == 1 ? 10 * n : 2 * n, out)));
        }
      }
    }
    BackendTable.printTable(rows, out);
    BackendTable.printTargets(rows, s.threads(), out);
    TorchScriptRows.printTargets(rows, s.threads(), s.steps(), out);
    if (s.soak() > 0) {
      for (int t : s.threads()) {
        JavaSoak.soak(cfg, sd, horizon, t, s.soak(), out);
      }
    }
    if (s.djl() && s.djlSoak() > 0) {
      DjlRows.soak(cfg, sd, horizon, s.djlSoak(), out);
    }
    out.printf(Locale.ROOT, "# load at end: %s (figures from a loaded machine are not comparable across runs)%n",
        BenchMetrics.loadAverage());
    out.flush();
    return rows;
  }

  /** Every backend times the same count: batch > 1 rows a tenth of the chunks, at least 10. */
  private static int chunksPerRow(Settings s, int batch) {
    return batch == 1 ? s.chunks() : Math.max(10, s.chunks() / 10);
  }

  static List<Row> javaRows(UnetConfig cfg, Map<String, Safetensors.Tensor> sd, int horizon, int batch, int threads,
      int[] stepCounts, int chunks) {
    try (FastUnet1d net = FastUnet1d.create(cfg, sd, horizon, batch, threads)) {
      return denoiserRows("java", net, batch, threads, stepCounts, chunks);
    }
  }

  /**
   * Forward and DDIM chunk rows of a network on host arrays (the java backend, the TorchScript
   * trace): the same inputs, warm-up and host-side DDIM loop ({@link FastDdim}) for both.
   */
  static List<Row> denoiserRows(String backend, ArrayDenoiser net, int batch, int threads, int[] stepCounts, int chunks) {
    List<Row> rows = new ArrayList<>();
    UnetConfig cfg = net.config();
    FastDdim ddim = new FastDdim(net, SCHEDULE.alphasCumprod(), true, SCHEDULE.clipBound());
    int size = batch * net.horizon() * cfg.inputDim();
    float[] x = new float[size];
    float[] out = new float[size];
    float[] cond = new float[batch * cfg.globalCondDim()];
    SplittableRandom r = new SplittableRandom(3);
    BenchMetrics.fill(r, x);
    BenchMetrics.fill(r, cond);
    long[] ts = new long[batch];
    Arrays.fill(ts, 50);
    int forwards = batch == 1 ? 20 * chunks : 2 * chunks;
    for (int i = 0; i < Math.max(Math.min(2000, 40 * chunks) / batch, 20); i++) {
      net.forward(x, ts, cond, batch, out); // warm-up: C2-compile the kernels before timing
    }
    double[] ms = new double[forwards];
    for (int i = 0; i < forwards; i++) {
      long s = System.nanoTime();
      net.forward(x, ts, cond, batch, out);
      ms[i] = (System.nanoTime() - s) / 1e6;
    }
    rows.add(new Row(backend, "forward", batch, threads, 0, ms));
    for (int steps : stepCounts) {
      int[] timesteps = FastDdim.leadingTimesteps(100, steps);
      double[] chunkMs = new double[chunks];
      for (int i = -Math.max(3, chunks / 10); i < chunks; i++) {
        BenchMetrics.fill(r, x);
        long s = System.nanoTime();
        ddim.sample(x, cond, batch, timesteps, 0.0, null);
        if (i >= 0) {
          chunkMs[i] = (System.nanoTime() - s) / 1e6;
        }
      }
      rows.add(new Row(backend, "chunk", batch, threads, steps, chunkMs));
    }
    return rows;
  }

  /** Prints each row as it is measured (stderr), so a long run shows progress. */
  private static List<Row> report(List<Row> rows) {
    for (Row r : rows) {
      System.err.printf(Locale.ROOT, "# %s %s batch %d threads %d steps %d: p50 %.2f ms p99 %.2f ms (load %s)%n",
          r.backend(), r.kind(), r.batch(), r.threads(), r.steps(), r.p50(), r.p99(), BenchMetrics.loadAverage());
    }
    return rows;
  }

  private static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
  }
}
