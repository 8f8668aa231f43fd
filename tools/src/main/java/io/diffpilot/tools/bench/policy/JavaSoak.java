package io.diffpilot.tools.bench.policy;

import io.diffpilot.policy.fast.FastDdim;
import io.diffpilot.policy.fast.FastUnet1d;
import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.unet.UnetConfig;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** {@link FastBench}'s memory soak of the java backend: RSS, heap after GC and bytes allocated per chunk. */
final class JavaSoak {

  private JavaSoak() {}

  /** Runs {@code chunks} DDIM-10 chunks at batch 1 and reports RSS and heap before and after. */
  static void soak(UnetConfig cfg, Map<String, Safetensors.Tensor> sd, int horizon, int threads, int chunks,
      PrintWriter out) {
    try (FastUnet1d net = FastUnet1d.create(cfg, sd, horizon, 1, threads)) {
      FastDdim ddim = new FastDdim(net, FastBench.SCHEDULE.alphasCumprod(), true, FastBench.SCHEDULE.clipBound());
      int[] timesteps = FastDdim.leadingTimesteps(100, 10);
      float[] x = new float[horizon * cfg.inputDim()];
      float[] cond = new float[cfg.globalCondDim()];
      SplittableRandom r = new SplittableRandom(5);
      BenchMetrics.fill(r, cond);
      for (int i = 0; i < 200; i++) {
        BenchMetrics.fill(r, x);
        ddim.sample(x, cond, 1, timesteps, 0.0, null);
      }
      // The latency record is allocated and touched before the baseline: filled during the run, its
      // pages (8 bytes per chunk) would otherwise show up as RSS and heap growth.
      double[] ms = new double[chunks];
      Arrays.fill(ms, -1);
      long heapBefore = BenchMetrics.heapUsedAfterGc();
      long rssBefore = BenchMetrics.rssKb();
      long allocBefore = BenchMetrics.threadAllocatedBytes();
      long start = System.nanoTime();
      int every = Math.max(1, chunks / 10);
      // Allocation is summed over the stretches of chunks only, between two readings of the
      // counter, so the progress lines' own formatting never counts.
      long chunkAlloc = 0;
      long mark = allocBefore;
      long rssFirstReport = -1;
      long allocFirstReport = -1;
      for (int i = 0; i < chunks; i++) {
        BenchMetrics.fill(r, x);
        long s = System.nanoTime();
        ddim.sample(x, cond, 1, timesteps, 0.0, null);
        ms[i] = (System.nanoTime() - s) / 1e6;
        if ((i + 1) % every == 0) {
          // The progress line allocates (formatting): count it apart from the chunks.
          chunkAlloc += BenchMetrics.threadAllocatedBytes() - mark;
          long rss = BenchMetrics.rssKb();
          if (rssFirstReport < 0) {
            rssFirstReport = rss;
            allocFirstReport = chunkAlloc;
          }
          System.err.printf(Locale.ROOT, "# soak %d/%d: RSS %d kB, heap used %d kB, allocated by chunks %d bytes (load %s)%n",
              i + 1, chunks, rss, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024,
              chunkAlloc, BenchMetrics.loadAverage());
          mark = BenchMetrics.threadAllocatedBytes();
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      chunkAlloc += BenchMetrics.threadAllocatedBytes() - mark;
      long heapAfter = BenchMetrics.heapUsedAfterGc();
      long rssAfter = BenchMetrics.rssKb();
      // Steady state is judged from the first progress report on: before it, the JIT may still be
      // compiling (the Vector API boxes until C2 has compiled the kernels) and the heap settling.
      out.printf(Locale.ROOT,
          "# soak: %d DDIM-10 chunks, batch 1, %d threads, %.0f s: p50 %.2f ms, p99 %.2f ms, p99/p50 %.2f, max %.2f ms; "
              + "RSS %d → %d kB (%+d), from chunk %d on %d → %d kB (%+d); heap after GC %d → %d kB (%+d); "
              + "allocated on the calling thread %d bytes (%.3f per chunk), from chunk %d on %d bytes%n",
          chunks, threads, seconds, BenchMetrics.percentile(ms, 0.5), BenchMetrics.percentile(ms, 0.99),
          BenchMetrics.percentile(ms, 0.99) / BenchMetrics.percentile(ms, 0.5), BenchMetrics.percentile(ms, 1.0), rssBefore, rssAfter,
          rssAfter - rssBefore, every, rssFirstReport, rssAfter, rssAfter - rssFirstReport, heapBefore / 1024,
          heapAfter / 1024, (heapAfter - heapBefore) / 1024, chunkAlloc,
          chunkAlloc / (double) chunks, every, chunkAlloc - allocFirstReport);
    }
  }
}
