package io.diffpilot.policy.bench;

import io.diffpilot.policy.fast.FastDdim;
import io.diffpilot.policy.fast.FastUnet1d;
import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.unet.UnetConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Latency benchmark of the Java backend against PyTorch eager (Debian's {@code /usr/bin/python3},
 * run in the same process tree, one after the other): forward and DDIM chunk p50/p99 at the given
 * batches, threads and step counts, then resident memory and heap after a long run of chunks.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp ... io.diffpilot.policy.fast.FastBench
 * [--net small|default] [--threads 1,2] [--batches 1,64] [--steps 1,2,4,8,10,16] [--chunks 200]
 * [--soak 10000] [--python /usr/bin/python3|none]}
 */
public final class FastBench {

  /** diffusion_policy's default: squaredcos_cap_v2, 100 steps, epsilon, clip ±1 (as the DJL rows). */
  private static final io.diffpilot.policy.schedule.DdpmSchedule SCHEDULE =
      new io.diffpilot.policy.schedule.DdpmSchedule(io.diffpilot.policy.schedule.ScheduleConfig.defaults());

  private FastBench() {}

  /** Timings of one row, in milliseconds. */
  public record Row(String backend, String kind, int batch, int threads, int steps, double[] ms) {
    public double p50() {
      return percentile(ms, 0.50);
    }

    public double p99() {
      return percentile(ms, 0.99);
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
   */
  public record Settings(UnetConfig config, int horizon, int[] threads, int[] batches, int[] steps, int chunks,
      int soak, int djlSoak, boolean djl, String python) {

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
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    UnetConfig cfg = net.equals("default") ? UnetConfig.paperDefault(2, 40) : UnetConfig.small(2, 40);
    PrintWriter out = new PrintWriter(System.out, true);
    run(new Settings(cfg, 16, threads, batches, steps, chunks, soak, djlSoak, djl, python), out);
    out.flush();
  }

  /** Runs every row, prints the table, the issue-8 targets and the soak lines to {@code out}. */
  public static List<Row> run(Settings s, PrintWriter out) throws IOException, InterruptedException {
    UnetConfig cfg = s.config();
    int horizon = s.horizon();
    out.printf(Locale.ROOT, "# backends: java (%s kernel) vs djl vs torch-eager; net %s, horizon %d, action dim %d, "
        + "global cond %d; load at start %s%n", FastUnet1d.bestKernelName(), cfg.downDims(), horizon, cfg.inputDim(),
        cfg.globalCondDim(), loadAverage());
    out.flush();
    List<Row> rows = new ArrayList<>();
    Map<String, Safetensors.Tensor> sd = s.djl() ? DjlRows.randomWeights(cfg) : RandomStateDict.of(cfg, 1);
    for (int t : s.threads()) {
      if (s.djl()) {
        DjlRows.setThreads(t);
      }
      for (int b : s.batches()) {
        int n = b == 1 ? s.chunks() : Math.max(10, s.chunks() / 10);
        rows.addAll(report(javaRows(cfg, sd, horizon, b, t, s.steps(), n)));
        if (s.djl()) {
          rows.addAll(report(DjlRows.rows(cfg, sd, horizon, b, t, s.steps(), n)));
        }
      }
    }
    if (!s.python().equals("none")) {
      for (int t : s.threads()) {
        for (int b : s.batches()) {
          // Same counts as the Java and DJL rows: batch > 1 rows time a tenth of the chunks.
          int n = b == 1 ? s.chunks() : Math.max(10, s.chunks() / 10);
          rows.addAll(report(torchRows(s.python(), cfg, horizon, new int[] {b}, t, s.steps(), n, b == 1 ? 10 * n : 2 * n,
              out)));
        }
      }
    }
    printTable(rows, out);
    printTargets(rows, s.threads(), out);
    if (s.soak() > 0) {
      for (int t : s.threads()) {
        soak(cfg, sd, horizon, t, s.soak(), out);
      }
    }
    if (s.djl() && s.djlSoak() > 0) {
      DjlRows.soak(cfg, sd, horizon, s.djlSoak(), out);
    }
    out.printf(Locale.ROOT, "# load at end: %s (figures from a loaded machine are not comparable across runs)%n",
        loadAverage());
    out.flush();
    return rows;
  }

  static List<Row> javaRows(UnetConfig cfg, Map<String, Safetensors.Tensor> sd, int horizon, int batch, int threads,
      int[] stepCounts, int chunks) {
    List<Row> rows = new ArrayList<>();
    try (FastUnet1d net = FastUnet1d.create(cfg, sd, horizon, batch, threads)) {
      FastDdim ddim = new FastDdim(net, SCHEDULE.alphasCumprod(), true, SCHEDULE.clipBound());
      int size = batch * horizon * cfg.inputDim();
      float[] x = new float[size];
      float[] out = new float[size];
      float[] cond = new float[batch * cfg.globalCondDim()];
      SplittableRandom r = new SplittableRandom(3);
      fill(r, x);
      fill(r, cond);
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
      rows.add(new Row("java", "forward", batch, threads, 0, ms));
      for (int steps : stepCounts) {
        int[] timesteps = FastDdim.leadingTimesteps(100, steps);
        double[] chunkMs = new double[chunks];
        for (int i = -Math.max(3, chunks / 10); i < chunks; i++) {
          fill(r, x);
          long s = System.nanoTime();
          ddim.sample(x, cond, batch, timesteps, 0.0, null);
          if (i >= 0) {
            chunkMs[i] = (System.nanoTime() - s) / 1e6;
          }
        }
        rows.add(new Row("java", "chunk", batch, threads, steps, chunkMs));
      }
    }
    return rows;
  }

  static List<Row> torchRows(String python, UnetConfig cfg, int horizon, int[] batches, int threads, int[] steps,
      int chunks, int forwards, PrintWriter out) throws IOException, InterruptedException {
    List<Row> rows = new ArrayList<>();
    if (!Files.isExecutable(Path.of(python))) {
      out.println("# PyTorch reference skipped: " + python + " not found");
      return rows;
    }
    Path script = Files.createTempFile("torch_eager_bench", ".py");
    try (InputStream in = FastBench.class.getResourceAsStream("torch_eager_bench.py")) {
      Files.write(script, in.readAllBytes());
    }
    try {
      List<String> cmd = new ArrayList<>(List.of(python, script.toString(),
          "--threads", Integer.toString(threads),
          "--input-dim", Integer.toString(cfg.inputDim()),
          "--global-cond-dim", Integer.toString(cfg.globalCondDim()),
          "--step-embed-dim", Integer.toString(cfg.stepEmbedDim()),
          "--down-dims", join(cfg.downDims().stream().mapToInt(Integer::intValue).toArray()),
          "--kernel", Integer.toString(cfg.kernelSize()),
          "--groups", Integer.toString(cfg.nGroups()),
          "--horizon", Integer.toString(horizon),
          "--batches", join(batches),
          "--steps", join(steps),
          "--forward-iters", Integer.toString(forwards),
          "--chunks", Integer.toString(chunks)));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      String n = Integer.toString(threads);
      // Debian's torch multiplies through OpenBLAS, whose threads ignore torch.set_num_threads.
      pb.environment().put("OMP_NUM_THREADS", n);
      pb.environment().put("OPENBLAS_NUM_THREADS", n);
      pb.environment().put("MKL_NUM_THREADS", n);
      Process p = pb.start();
      com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (!line.startsWith("{")) {
            out.println("# python: " + line);
            continue;
          }
          var node = json.readTree(line);
          double[] ms = new double[node.get("ms").size()];
          for (int i = 0; i < ms.length; i++) {
            ms[i] = node.get("ms").get(i).asDouble();
          }
          rows.add(new Row("torch-eager", node.get("kind").asText(), node.get("batch").asInt(), threads,
              node.get("steps").asInt(), ms));
        }
      }
      int rc = p.waitFor();
      if (rc != 0) {
        out.println("# python exited with " + rc);
      }
    } finally {
      Files.deleteIfExists(script);
    }
    return rows;
  }

  /** Prints each row as it is measured (stderr), so a long run shows progress. */
  private static List<Row> report(List<Row> rows) {
    for (Row r : rows) {
      System.err.printf(Locale.ROOT, "# %s %s batch %d threads %d steps %d: p50 %.2f ms p99 %.2f ms (load %s)%n",
          r.backend(), r.kind(), r.batch(), r.threads(), r.steps(), r.p50(), r.p99(), loadAverage());
    }
    return rows;
  }

  /** The issue-8 targets, checked against this run's rows. */
  static void printTargets(List<Row> rows, int[] threads, PrintWriter out) {
    out.println();
    for (int t : threads) {
      Row java = find(rows, "java", "chunk", 1, t, 10);
      Row torch = find(rows, "torch-eager", "chunk", 1, t, 10);
      Row java64 = find(rows, "java", "chunk", 64, t, 10);
      Row torch64 = find(rows, "torch-eager", "chunk", 64, t, 10);
      if (java != null && torch != null) {
        out.printf(Locale.ROOT, "target %d thread(s), batch 1, DDIM-10: java p50 / torch p50 = %.2f (≤ 0.80: %s); "
            + "java p99 / p50 = %.2f (≤ 1.5: %s)%n", t, java.p50() / torch.p50(), java.p50() <= 0.8 * torch.p50() ? "met" : "MISSED",
            java.p99() / java.p50(), java.p99() <= 1.5 * java.p50() ? "met" : "MISSED");
      }
      if (java64 != null && torch64 != null) {
        out.printf(Locale.ROOT, "target %d thread(s), batch 64, DDIM-10: java %.0f chunks/s vs torch %.0f chunks/s (≥: %s)%n",
            t, 64000 / java64.p50(), 64000 / torch64.p50(), java64.p50() <= torch64.p50() ? "met" : "MISSED");
      }
    }
  }

  private static Row find(List<Row> rows, String backend, String kind, int batch, int threads, int steps) {
    return rows.stream().filter(r -> r.backend().equals(backend) && r.kind().equals(kind) && r.batch() == batch
        && r.threads() == threads && r.steps() == steps).findFirst().orElse(null);
  }

  static void printTable(List<Row> rows, PrintWriter out) {
    out.println("| backend | kind | batch | threads | DDIM steps | p50 ms | p99 ms | p99/p50 | p50 / torch p50 | chunks/s |");
    out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (Row r : rows) {
      Row torch = rows.stream().filter(o -> o.backend().equals("torch-eager") && o.kind().equals(r.kind())
          && o.batch() == r.batch() && o.threads() == r.threads() && o.steps() == r.steps()).findFirst().orElse(null);
      String ratio = torch == null ? "–" : String.format(Locale.ROOT, "%.2f", r.p50() / torch.p50());
      String throughput = r.kind().equals("chunk")
          ? String.format(Locale.ROOT, "%.0f", r.batch() * 1000.0 / r.p50()) : "–";
      out.printf(Locale.ROOT, "| %s | %s | %d | %d | %s | %.2f | %.2f | %.2f | %s | %s |%n", r.backend(), r.kind(),
          r.batch(), r.threads(), r.steps() == 0 ? "–" : Integer.toString(r.steps()), r.p50(), r.p99(),
          r.p99() / r.p50(), ratio, throughput);
    }
  }

  /** Runs {@code chunks} DDIM-10 chunks at batch 1 and reports RSS and heap before and after. */
  static void soak(UnetConfig cfg, Map<String, Safetensors.Tensor> sd, int horizon, int threads, int chunks,
      PrintWriter out) {
    try (FastUnet1d net = FastUnet1d.create(cfg, sd, horizon, 1, threads)) {
      FastDdim ddim = new FastDdim(net, SCHEDULE.alphasCumprod(), true, SCHEDULE.clipBound());
      int[] timesteps = FastDdim.leadingTimesteps(100, 10);
      float[] x = new float[horizon * cfg.inputDim()];
      float[] cond = new float[cfg.globalCondDim()];
      SplittableRandom r = new SplittableRandom(5);
      fill(r, cond);
      for (int i = 0; i < 200; i++) {
        fill(r, x);
        ddim.sample(x, cond, 1, timesteps, 0.0, null);
      }
      // The latency record is allocated and touched before the baseline: filled during the run, its
      // pages (8 bytes per chunk) would otherwise show up as RSS and heap growth.
      double[] ms = new double[chunks];
      Arrays.fill(ms, -1);
      long heapBefore = heapUsedAfterGc();
      long rssBefore = rssKb();
      long allocBefore = threadAllocatedBytes();
      long start = System.nanoTime();
      int every = Math.max(1, chunks / 10);
      // Allocation is summed over the stretches of chunks only, between two readings of the
      // counter, so the progress lines' own formatting never counts.
      long chunkAlloc = 0;
      long mark = allocBefore;
      long rssFirstReport = -1;
      long allocFirstReport = -1;
      for (int i = 0; i < chunks; i++) {
        fill(r, x);
        long s = System.nanoTime();
        ddim.sample(x, cond, 1, timesteps, 0.0, null);
        ms[i] = (System.nanoTime() - s) / 1e6;
        if ((i + 1) % every == 0) {
          // The progress line allocates (formatting): count it apart from the chunks.
          chunkAlloc += threadAllocatedBytes() - mark;
          long rss = rssKb();
          if (rssFirstReport < 0) {
            rssFirstReport = rss;
            allocFirstReport = chunkAlloc;
          }
          System.err.printf(Locale.ROOT, "# soak %d/%d: RSS %d kB, heap used %d kB, allocated by chunks %d bytes (load %s)%n",
              i + 1, chunks, rss, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024,
              chunkAlloc, loadAverage());
          mark = threadAllocatedBytes();
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      chunkAlloc += threadAllocatedBytes() - mark;
      long heapAfter = heapUsedAfterGc();
      long rssAfter = rssKb();
      // Steady state is judged from the first progress report on: before it, the JIT may still be
      // compiling (the Vector API boxes until C2 has compiled the kernels) and the heap settling.
      out.printf(Locale.ROOT,
          "# soak: %d DDIM-10 chunks, batch 1, %d threads, %.0f s: p50 %.2f ms, p99 %.2f ms, p99/p50 %.2f, max %.2f ms; "
              + "RSS %d → %d kB (%+d), from chunk %d on %d → %d kB (%+d); heap after GC %d → %d kB (%+d); "
              + "allocated on the calling thread %d bytes (%.3f per chunk), from chunk %d on %d bytes%n",
          chunks, threads, seconds, percentile(ms, 0.5), percentile(ms, 0.99),
          percentile(ms, 0.99) / percentile(ms, 0.5), percentile(ms, 1.0), rssBefore, rssAfter,
          rssAfter - rssBefore, every, rssFirstReport, rssAfter, rssAfter - rssFirstReport, heapBefore / 1024,
          heapAfter / 1024, (heapAfter - heapBefore) / 1024, chunkAlloc,
          chunkAlloc / (double) chunks, every, chunkAlloc - allocFirstReport);
    }
  }

  static long rssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  static long heapUsedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Looked up once: {@code ManagementFactory.getThreadMXBean()} itself allocates ~800 bytes a call. */
  private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  static long threadAllocatedBytes() {
    if (THREADS instanceof com.sun.management.ThreadMXBean sun) {
      return sun.getCurrentThreadAllocatedBytes();
    }
    return -1;
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "?";
    }
  }

  static double percentile(double[] values, double q) {
    double[] s = values.clone();
    Arrays.sort(s);
    int i = (int) Math.ceil(q * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, i))];
  }

  private static void fill(SplittableRandom r, float[] v) {
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
  }

  private static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
  }

  private static String join(int[] values) {
    StringBuilder sb = new StringBuilder();
    for (int v : values) {
      sb.append(sb.length() == 0 ? "" : ",").append(v);
    }
    return sb.toString();
  }
}
