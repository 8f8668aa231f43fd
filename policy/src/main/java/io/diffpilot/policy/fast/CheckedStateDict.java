package io.diffpilot.policy.fast;

import io.diffpilot.policy.io.Safetensors;
import java.util.Arrays;
import java.util.Map;

/**
 * A diffusion_policy state dict as the java kernels read it: every tensor checked by name, shape,
 * dtype and finiteness as it is taken, packed for the kernel's panel width, and at the end no
 * tensor left unused (so a state dict of another configuration fails, naming the key).
 */
final class CheckedStateDict {
  private final Map<String, Safetensors.Tensor> tensors;
  private final java.util.Set<String> used = new java.util.HashSet<>();
  private final int mr;
  long parameters;

  CheckedStateDict(Map<String, Safetensors.Tensor> tensors, int mr) {
    this.tensors = tensors;
    this.mr = mr;
  }

  float[] floats(String name, long... shape) {
    Safetensors.Tensor t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException("state dict has no tensor '" + name + "'");
    }
    if (!Arrays.equals(t.shape(), shape)) {
      throw new IllegalArgumentException("state dict tensor '" + name + "' has shape " + Arrays.toString(t.shape())
          + ", the configuration needs " + Arrays.toString(shape));
    }
    if (t.dtype() != Safetensors.DType.F32) {
      throw new IllegalArgumentException("state dict tensor '" + name + "' is " + t.dtype() + ", expected F32");
    }
    float[] v = t.toFloatArray();
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        throw new IllegalArgumentException("state dict tensor '" + name + "' has a non-finite value at " + i);
      }
    }
    if (used.add(name)) {
      parameters += v.length;
    }
    return v;
  }

  PackedWeights conv(String prefix, int cout, int cin, int taps) {
    float[] weight = floats(prefix + ".weight", cout, cin, taps);
    return PackedWeights.conv(weight, cout, cin, taps, floats(prefix + ".bias", cout), mr);
  }

  PackedWeights linear(String prefix, int cout, int cin) {
    float[] weight = floats(prefix + ".weight", cout, cin);
    return PackedWeights.linear(weight, cout, cin, floats(prefix + ".bias", cout), mr);
  }

  void checkAllUsed() {
    for (String name : tensors.keySet()) {
      if (!used.contains(name)) {
        throw new IllegalArgumentException("state dict tensor '" + name + "' is not part of this configuration");
      }
    }
  }
}
