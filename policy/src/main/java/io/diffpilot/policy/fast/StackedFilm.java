package io.diffpilot.policy.fast;

import io.diffpilot.policy.unet.UnetConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every residual block's FiLM encoder ({@code cond_encoder.1}, a Linear over the same Mish(cond))
 * stacked into one packed product, so the whole network's FiLM is one matrix product per forward.
 *
 * @param weights the stacked encoders, rows in block order (down, mid, up)
 * @param offsets first row of each block's FiLM in the stacked output
 * @param width rows in all (scale and bias rows of a block when the config predicts a scale)
 */
record StackedFilm(PackedWeights weights, int[] offsets, int width) {

  static StackedFilm of(UnetConfig config, CheckedStateDict w, int condDim, int mr) {
    List<Integer> dims = config.downDims();
    int levels = dims.size();
    List<String> blockNames = new ArrayList<>();
    List<Integer> blockWidths = new ArrayList<>();
    for (int l = 0; l < levels; l++) {
      blockNames.add("down_modules." + l + ".0");
      blockWidths.add(dims.get(l));
      blockNames.add("down_modules." + l + ".1");
      blockWidths.add(dims.get(l));
    }
    blockNames.add("mid_modules.0");
    blockWidths.add(dims.get(levels - 1));
    blockNames.add("mid_modules.1");
    blockWidths.add(dims.get(levels - 1));
    for (int u = 0; u < levels - 1; u++) {
      int outWidth = dims.get(levels - 2 - u);
      blockNames.add("up_modules." + u + ".0");
      blockWidths.add(outWidth);
      blockNames.add("up_modules." + u + ".1");
      blockWidths.add(outWidth);
    }
    boolean scale = config.condPredictScale();
    int[] filmOffsets = new int[blockNames.size()];
    int filmWidth = 0;
    for (int i = 0; i < blockNames.size(); i++) {
      filmOffsets[i] = filmWidth;
      filmWidth += (scale ? 2 : 1) * blockWidths.get(i);
    }
    float[][] encoders = new float[blockNames.size()][];
    float[] filmBias = new float[filmWidth];
    int[] rowBlock = new int[filmWidth];
    for (int i = 0; i < blockNames.size(); i++) {
      int rows = (scale ? 2 : 1) * blockWidths.get(i);
      String name = blockNames.get(i) + ".cond_encoder.1";
      encoders[i] = w.floats(name + ".weight", rows, condDim);
      System.arraycopy(w.floats(name + ".bias", rows), 0, filmBias, filmOffsets[i], rows);
      Arrays.fill(rowBlock, filmOffsets[i], filmOffsets[i] + rows, i);
    }
    PackedWeights packed = PackedWeights.of(filmWidth, condDim, 1, mr,
        (o, in, tap) -> encoders[rowBlock[o]][(o - filmOffsets[rowBlock[o]]) * condDim + in], filmBias);
    return new StackedFilm(packed, filmOffsets, filmWidth);
  }
}
