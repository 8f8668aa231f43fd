package io.diffpilot.policy.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import io.diffpilot.policy.io.KeyMismatch;
import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.io.Safetensors.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves {@link ConditionalUnet1d} weights to and from diffusion_policy's {@code state_dict}
 * layout (exact keys and shapes, float32), and infers the network's sizes from a state dict.
 */
public final class UnetWeights {

  private UnetWeights() {}

  /** The network's weights as float32 tensors under diffusion_policy's keys. */
  public static Map<String, Tensor> stateDict(ConditionalUnet1d net) {
    requireInitialized(net);
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Map.Entry<String, Parameter> e : net.stateDictParameters().entrySet()) {
      NDArray a = e.getValue().getArray();
      float[] values = a.toType(DataType.FLOAT32, false).toFloatArray();
      out.put(e.getKey(), Tensor.ofFloats(values, a.getShape().getShape()));
    }
    return out;
  }

  /** Initialises {@code net} on {@code manager} when needed, then {@link #load(ConditionalUnet1d, Map)}. */
  public static void load(ConditionalUnet1d net, NDManager manager, Map<String, Tensor> stateDict) {
    checkMatches(net, stateDict);
    if (!net.isInitialized()) {
      net.initializeParameters(manager);
    }
    load(net, stateDict);
  }

  /**
   * Copies {@code stateDict} into the (initialised) network's parameter arrays in place. Fails,
   * changing nothing, when a key is missing or unexpected, a shape differs, or a value is not
   * finite.
   */
  public static void load(ConditionalUnet1d net, Map<String, Tensor> stateDict) {
    requireInitialized(net);
    checkMatches(net, stateDict);
    Map<String, float[]> values = new LinkedHashMap<>();
    for (Map.Entry<String, Parameter> e : net.stateDictParameters().entrySet()) {
      float[] v = stateDict.get(e.getKey()).toFloatArray();
      for (int i = 0; i < v.length; i++) {
        if (!Float.isFinite(v[i])) {
          throw new IllegalArgumentException("state dict tensor '" + e.getKey() + "' has a non-finite value at index " + i);
        }
      }
      values.put(e.getKey(), v);
    }
    Map<String, Parameter> params = net.stateDictParameters();
    values.forEach((key, v) -> params.get(key).getArray().set(v));
    net.invalidateCaches();
  }

  /**
   * Checks that {@code stateDict} has exactly the network's keys, float dtypes and shapes; needs
   * no engine. The message names every missing and unexpected key and the first shape mismatch.
   */
  public static void checkMatches(ConditionalUnet1d net, Map<String, Tensor> stateDict) {
    Map<String, Parameter> params = net.stateDictParameters();
    KeyMismatch keys = KeyMismatch.of(params.keySet(), stateDict.keySet());
    if (!keys.none()) {
      throw new IllegalArgumentException("state dict does not match ConditionalUnet1d " + net.config()
          + ": missing keys " + keys.missing() + ", unexpected keys " + keys.unexpected());
    }
    for (Map.Entry<String, Parameter> e : params.entrySet()) {
      Tensor t = stateDict.get(e.getKey());
      long[] expected = e.getValue().getShape().getShape();
      if (!Arrays.equals(expected, t.shape())) {
        throw new IllegalArgumentException("state dict tensor '" + e.getKey() + "' has shape " + Arrays.toString(t.shape())
            + ", the network expects " + Arrays.toString(expected));
      }
      if (t.dtype() != Safetensors.DType.F32 && t.dtype() != Safetensors.DType.F64) {
        throw new IllegalArgumentException("state dict tensor '" + e.getKey() + "' has dtype " + t.dtype() + ", expected F32");
      }
    }
  }

  /**
   * Infers every size a ConditionalUnet1D state dict determines: input dim, global cond dim,
   * step-embedding dim, down dims, kernel size and whether FiLM predicts a scale. {@code nGroups}
   * is not visible in the shapes and must be given. The result is checked against every tensor.
   */
  public static UnetConfig inferConfig(Map<String, Tensor> stateDict, int nGroups) {
    for (String key : stateDict.keySet()) {
      if (key.startsWith("local_cond_encoder.")) {
        throw new IllegalArgumentException("state dict has a local_cond_encoder ('" + key + "'): local conditioning is not supported");
      }
    }
    long[] step2 = shape(stateDict, "diffusion_step_encoder.3.weight", 2);
    int stepEmbedDim = Math.toIntExact(step2[0]);
    List<Integer> downDims = new ArrayList<>();
    long[] firstConv = shape(stateDict, "down_modules.0.0.blocks.0.block.0.weight", 3);
    for (int i = 0; stateDict.containsKey("down_modules." + i + ".0.blocks.0.block.0.weight"); i++) {
      downDims.add(Math.toIntExact(shape(stateDict, "down_modules." + i + ".0.blocks.0.block.0.weight", 3)[0]));
    }
    int inputDim = Math.toIntExact(firstConv[1]);
    int kernelSize = Math.toIntExact(firstConv[2]);
    long[] cond = shape(stateDict, "down_modules.0.0.cond_encoder.1.weight", 2);
    int globalCondDim = Math.toIntExact(cond[1] - stepEmbedDim);
    boolean condPredictScale;
    if (cond[0] == 2L * downDims.get(0)) {
      condPredictScale = true;
    } else if (cond[0] == downDims.get(0)) {
      condPredictScale = false;
    } else {
      throw new IllegalArgumentException("down_modules.0.0.cond_encoder.1.weight has " + cond[0]
          + " outputs: neither " + downDims.get(0) + " (bias only) nor " + 2 * downDims.get(0) + " (scale and bias)");
    }
    UnetConfig config = new UnetConfig(inputDim, globalCondDim, stepEmbedDim, downDims, kernelSize, nGroups, condPredictScale);
    checkMatches(new ConditionalUnet1d(config), stateDict);
    return config;
  }

  private static long[] shape(Map<String, Tensor> stateDict, String key, int rank) {
    Tensor t = stateDict.get(key);
    if (t == null) {
      throw new IllegalArgumentException("not a ConditionalUnet1D state dict: key '" + key + "' is missing");
    }
    if (t.shape().length != rank) {
      throw new IllegalArgumentException("state dict tensor '" + key + "' has rank " + t.shape().length + ", expected " + rank);
    }
    return t.shape();
  }

  private static void requireInitialized(ConditionalUnet1d net) {
    if (!net.isInitialized()) {
      throw new IllegalStateException("ConditionalUnet1d is not initialised: call initializeParameters(manager) first");
    }
  }
}
