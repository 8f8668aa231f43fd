package io.diffpilot.policy.fast;

import io.diffpilot.policy.io.Safetensors;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where each state dict tensor lives in one flat float vector, in PyTorch's own element order:
 * the layout that parameters, gradients, Adam moments and the EMA share, so that the optimizer
 * and the average are single loops and checkpoints are slices.
 */
public final class StateDictLayout {

  /** One tensor: its first element's index and its shape. */
  public record Slot(int offset, long[] shape, int size) {}

  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private final Set<String> used = new HashSet<>();
  private final int size;

  public StateDictLayout(Map<String, Safetensors.Tensor> stateDict) {
    int at = 0;
    for (Map.Entry<String, Safetensors.Tensor> e : stateDict.entrySet()) {
      long[] shape = e.getValue().shape().clone();
      int n = Math.toIntExact(e.getValue().numel());
      slots.put(e.getKey(), new Slot(at, shape, n));
      at += n;
    }
    this.size = at;
  }

  /** Total number of parameters. */
  public int size() {
    return size;
  }

  public Map<String, Slot> slots() {
    return slots;
  }

  /** The flat vector of {@code stateDict} (same names and order as this layout). */
  public float[] flatten(Map<String, Safetensors.Tensor> stateDict) {
    float[] v = new float[size];
    for (Map.Entry<String, Slot> e : slots.entrySet()) {
      Safetensors.Tensor t = stateDict.get(e.getKey());
      if (t == null || !Arrays.equals(t.shape(), e.getValue().shape())) {
        throw new IllegalArgumentException("state dict lacks '" + e.getKey() + "' with shape "
            + Arrays.toString(e.getValue().shape()));
      }
      System.arraycopy(t.toFloatArray(), 0, v, e.getValue().offset(), e.getValue().size());
    }
    return v;
  }

  /** A state dict of copies of {@code flat}'s slices. */
  public Map<String, Safetensors.Tensor> tensors(float[] flat) {
    Map<String, Safetensors.Tensor> out = new LinkedHashMap<>();
    for (Map.Entry<String, Slot> e : slots.entrySet()) {
      Slot s = e.getValue();
      out.put(e.getKey(), Safetensors.Tensor.ofFloats(Arrays.copyOfRange(flat, s.offset(), s.offset() + s.size()), s.shape()));
    }
    return out;
  }

  /** The slot of {@code name}, checking its shape; marks it used. */
  Slot require(String name, long... shape) {
    Slot s = slots.get(name);
    if (s == null) {
      throw new IllegalArgumentException("state dict lacks '" + name + "'");
    }
    if (!Arrays.equals(s.shape(), shape)) {
      throw new IllegalArgumentException("'" + name + "' has shape " + Arrays.toString(s.shape()) + ", expected "
          + Arrays.toString(shape));
    }
    used.add(name);
    return s;
  }

  void checkAllUsed() {
    for (String name : slots.keySet()) {
      if (!used.contains(name)) {
        throw new IllegalArgumentException("unexpected state dict entry '" + name + "'");
      }
    }
  }
}
