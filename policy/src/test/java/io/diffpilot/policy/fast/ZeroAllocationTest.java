package io.diffpilot.policy.fast;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.policy.unet.RandomStateDict;
import io.diffpilot.policy.unet.UnetConfig;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A forward pass and a chunk allocate nothing once the model is built. Checked with the plain-Java
 * kernel, whose code allocates nothing even before the JIT compiles it (the Vector API kernel
 * boxes vectors until C2 compiles it; {@code FastBench}'s soak measures it after warm-up).
 */
class ZeroAllocationTest {

  @Test
  void forwardAndChunkAllocateNothingAfterWarmUp() {
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    UnetConfig cfg = new UnetConfig(2, 6, 16, List.of(16, 32), 5, 8, true);
    try (FastUnet1d net = new FastUnet1d(cfg, RandomStateDict.of(cfg, 1), 8, 2, 2, new ScalarGemm(8))) {
      FastDdim ddim = new FastDdim(net, FastDdim.squaredCosCapV2(100), true, 1.0);
      float[] x = new float[2 * 8 * 2];
      float[] out = new float[x.length];
      float[] cond = new float[12];
      long[] steps = {3, 4};
      int[] timesteps = FastDdim.leadingTimesteps(100, 10);
      for (int i = 0; i < 5; i++) {
        net.forward(x, steps, cond, 2, out);
        ddim.sample(x, cond, 2, timesteps, 0.0, null);
      }
      long thread = Thread.currentThread().getId();
      long before = bean.getThreadAllocatedBytes(thread);
      int calls = 30;
      for (int i = 0; i < calls; i++) {
        net.forward(x, steps, cond, 2, out);
        ddim.sample(x, cond, 2, timesteps, 0.0, null);
      }
      long allocated = bean.getThreadAllocatedBytes(thread) - before;
      // The JVM's own bookkeeping (JIT linkage) may put a few hundred bytes on this thread once;
      // any per-call buffer, even one empty float[] per forward, would cost >= 16 bytes × 330 forwards.
      assertThat(allocated).as("bytes allocated by %d forwards and %d ten-step chunks", calls, calls)
          .isLessThan(1024);
    }
  }
}
