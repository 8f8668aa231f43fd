package io.diffpilot.policy.unet;

import ai.djl.Device;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import io.diffpilot.policy.engine.Engines;
import io.diffpilot.policy.engine.ResidentMemory;

/**
 * Child-JVM side of {@link UnetEvaluatorMemoryTest}: warms up, then runs N forwards of the
 * bias-only fixture net and prints {@code arrays <before> <after> rss <before> <after>} (KiB).
 */
public final class UnetMemoryProbe {

  private UnetMemoryProbe() {}

  public static void main(String[] args) throws Exception {
    int warmup = Integer.parseInt(args[0]);
    int n = Integer.parseInt(args[1]);
    UnetFixtures f = UnetFixtures.load("bias_only");
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), Engines.pytorch().getEngineName())) {
      ConditionalUnet1d net = new ConditionalUnet1d(f.expectedConfig());
      UnetWeights.load(net, m, f.stateDict());
      UnetEvaluator e = new UnetEvaluator(net, m);
      float[] x = f.io().get("sample").toFloatArray();
      long[] t = f.io().get("timestep").toLongArray();
      float[] g = f.io().get("global_cond").toFloatArray();
      float[] first = null;
      for (int i = 0; i < warmup; i++) {
        first = e.forward(x, t, g, f.batch(), f.horizon());
      }
      int arraysBefore = ((BaseNDManager) m).getManagedArrays().size();
      long rssBefore = ResidentMemory.kib();
      float[] last = null;
      for (int i = 0; i < n; i++) {
        last = e.forward(x, t, g, f.batch(), f.horizon());
      }
      int arraysAfter = ((BaseNDManager) m).getManagedArrays().size();
      long rssAfter = ResidentMemory.kib();
      System.out.printf("same-output %b%n", java.util.Arrays.equals(first, last));
      System.out.printf("arrays %d %d rss %d %d%n", arraysBefore, arraysAfter, rssBefore, rssAfter);
    }
  }
}
