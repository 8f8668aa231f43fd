package io.diffpilot.tools.bench.policy;

import ai.djl.ndarray.NDManager;
import io.diffpilot.policy.unet.ConditionalUnet1d;
import io.diffpilot.policy.unet.UnetConfig;
import io.diffpilot.policy.unet.UnetEvaluator;
import java.util.Optional;
import java.util.Random;

/** One network evaluation from host arrays to host arrays (inputs copied in, output copied out). */
public final class ForwardCase implements PolicyBenchCase {

  @Override
  public String name() {
    return "forward";
  }

  @Override
  public LatencySample djl(ConditionalUnet1d net, NDManager manager, int horizon, int batch, BenchSettings s) {
    UnetConfig c = net.config();
    Random r = new Random(0);
    float[] x = new float[batch * horizon * c.inputDim()];
    float[] g = new float[batch * c.globalCondDim()];
    long[] t = new long[batch];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < g.length; i++) {
      g[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < batch; i++) {
      t[i] = r.nextInt(100);
    }
    UnetEvaluator e = new UnetEvaluator(net, manager);
    return LatencySample.measure(() -> e.forward(x, t, g, batch, horizon), s.warmup(), s.iterations(), s.budgetSeconds());
  }

  @Override
  public Optional<LatencySample> torch(PythonEagerBench python, ConditionalUnet1d net, int horizon, int batch, int threads,
      BenchSettings s) throws Exception {
    return Optional.of(python.forward(net.config(), horizon, batch, threads, s.warmup(), s.iterations(), s.budgetSeconds()));
  }
}
