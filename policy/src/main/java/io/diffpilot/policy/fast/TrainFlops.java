package io.diffpilot.policy.fast;

import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.unet.UnetConfig;
import java.util.Map;

/** What the java training kernels are and how much arithmetic a step is: the figures of {@code bench train}. */
public final class TrainFlops {

  private TrainFlops() {}

  /** The training kernels this JVM gets, e.g. "vector-256" (the Vector API's preferred species) or "scalar". */
  public static String kernelName() {
    return TrainKernels.best().name();
  }

  /** Multiply-adds ×2 of one training sample: forward plus the two backward products of every layer. */
  public static double flopsPerSample(UnetConfig config, Map<String, Safetensors.Tensor> stateDict, int horizon) {
    TrainableUnet1d.Weights w = new TrainableUnet1d.Weights(new StateDictLayout(stateDict), config);
    double perStep = 0;
    int levels = config.downDims().size();
    // Rows per sample of each product: the output steps of the layer (1 for linear layers).
    perStep += rowsFlops(w.step1, 1) + rowsFlops(w.step2, 1);
    int bi = 0;
    for (int l = 0; l < levels; l++) {
      int steps = horizon >> l;
      for (int j = 0; j < 2; j++) {
        perStep += block(w.blocks[bi++], steps);
      }
      if (l < levels - 1) {
        perStep += rowsFlops(w.downsample[l], steps / 2);
      }
    }
    int midSteps = horizon >> (levels - 1);
    perStep += block(w.blocks[bi++], midSteps) + block(w.blocks[bi++], midSteps);
    for (int u = 0; u < levels - 1; u++) {
      int steps = horizon >> (levels - 1 - u);
      perStep += block(w.blocks[bi++], steps) + block(w.blocks[bi++], steps);
      perStep += rowsFlops(w.upsampleEven[u], steps) + rowsFlops(w.upsampleOdd[u], steps);
    }
    perStep += rowsFlops(w.finalConv, horizon) + rowsFlops(w.output, horizon);
    return 3 * perStep;
  }

  private static double block(TrainableUnet1d.BlockWeights b, int steps) {
    double f = rowsFlops(b.conv0, steps) + rowsFlops(b.conv1, steps) + rowsFlops(b.encoder, 1);
    return b.residual == null ? f : f + rowsFlops(b.residual, steps);
  }

  private static double rowsFlops(TrainableConv c, int rows) {
    return 2.0 * c.k * c.cout * rows;
  }
}
