package io.diffpilot.policy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.diffpilot.policy.io.KeyMismatch;
import io.diffpilot.policy.io.Safetensors.DType;
import io.diffpilot.policy.io.Safetensors.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;

/** Copies parameters between a {@link DenoisingNetwork} and float32 state_dict tensors. */
public final class NetworkWeights {

  private NetworkWeights() {}

  /** The network's parameters as a state_dict (host copies). */
  public static Map<String, Tensor> stateDict(DenoisingNetwork net) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
      NDArray a = e.getValue().getArray();
      out.put(e.getKey(), Tensor.ofFloats(a.toType(DataType.FLOAT32, false).toFloatArray(), a.getShape().getShape()));
    }
    return out;
  }

  /**
   * Loads {@code weights} into the network: every parameter must be present with its exact shape,
   * and no unexpected tensor may be left over (a checkpoint of another architecture fails loudly).
   */
  public static void load(DenoisingNetwork net, Map<String, Tensor> weights) {
    Map<String, Parameter> params = net.namedParameters();
    KeyMismatch keys = KeyMismatch.of(params.keySet(), weights.keySet());
    if (!keys.none()) {
      throw new IllegalArgumentException("weights do not match the network: missing " + head(keys.missing())
          + ", unexpected " + head(keys.unexpected()));
    }
    for (Map.Entry<String, Parameter> e : params.entrySet()) {
      Tensor t = weights.get(e.getKey());
      Shape expected = e.getValue().getArray().getShape();
      if (!Arrays.equals(t.shape(), expected.getShape())) {
        throw new IllegalArgumentException("weight '" + e.getKey() + "' has shape " + Arrays.toString(t.shape())
            + ", the network expects " + expected);
      }
      if (t.dtype() != DType.F32 && t.dtype() != DType.F64) {
        throw new IllegalArgumentException("weight '" + e.getKey() + "' is " + t.dtype() + ", expected F32");
      }
      e.getValue().getArray().set(t.toFloatArray());
    }
    net.parametersChanged();
  }

  private static String head(SortedSet<String> names) {
    if (names.isEmpty()) {
      return "none";
    }
    return names.size() <= 5 ? names.toString() : names.stream().limit(5).toList() + " and " + (names.size() - 5) + " more";
  }
}
