package io.diffpilot.tools.bench.policy;

import ai.djl.ndarray.NDManager;
import io.diffpilot.policy.unet.ConditionalUnet1d;
import java.util.Optional;

/**
 * One row kind of {@code diffpilot bench policy} ("forward", later "ddim-10 chunk" …): times the
 * DJL side, and the PyTorch-eager side when there is one.
 */
public interface PolicyBenchCase {

  /** What the row measures, e.g. {@code forward}. */
  String name();

  /** Times the DJL network (initialised on {@code manager}) at one batch size. */
  LatencySample djl(ConditionalUnet1d net, NDManager manager, int horizon, int batch, BenchSettings settings);

  /** Times the same thing in PyTorch eager, or empty when this row has no Python counterpart. */
  Optional<LatencySample> torch(PythonEagerBench python, ConditionalUnet1d net, int horizon, int batch, int threads,
      BenchSettings settings) throws Exception;

  /** Warm-up, iteration and time limits shared by every case. */
  record BenchSettings(int warmup, int iterations, double budgetSeconds) {}
}
