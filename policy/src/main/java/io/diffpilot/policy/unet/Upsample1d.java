package io.diffpilot.policy.unet;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.training.ParameterStore;

/**
 * diffusion_policy's {@code Upsample1d}: ConvTranspose1d(C, C, kernel 4, stride 2, padding 1),
 * [B, C, T] → [B, C, 2T]. State-dict keys {@code conv.weight} [C_in, C_out, 4] (PyTorch's
 * transposed-convolution layout) and {@code conv.bias} [C].
 *
 * <p>DJL's transposed convolution is not implemented on the PyTorch engine. With stride 2 the
 * output splits into even and odd positions, each an ordinary "same" convolution (kernel 3,
 * padding 1) of the input with two taps of the flipped, transposed kernel:
 * {@code y[2m] = W1ᵀ x[m] + W3ᵀ x[m−1]} and {@code y[2m+1] = W2ᵀ x[m] + W0ᵀ x[m+1]}. Both
 * phases run as one convolution with 2C output channels whose results are interleaved. That is
 * exact, and it does half the arithmetic of convolving a zero-interleaved input. The phase
 * kernel is built once per weight array and device and reused by inference calls; training
 * calls rebuild it so that gradients reach {@code conv.weight}, and they drop the cached one.
 */
public final class Upsample1d extends ArrayBlock {

  private static final byte VERSION = 1;
  private static final int KERNEL = 4;

  private final int channels;
  private final Parameter weight;
  private final Parameter bias;
  private PhaseKernel cached; // guarded by this

  /** The two-phase kernel [2C, C, 3] and bias [2C] derived from one weight array on one device. */
  private record PhaseKernel(NDArray source, Device device, NDArray kernel, NDArray bias) {
    void close() {
      kernel.close();
      bias.close();
    }
  }

  public Upsample1d(int channels) {
    super(VERSION);
    this.channels = channels;
    // PyTorch computes a transposed convolution's fan-in from dim 1 of its weight: C_out · k.
    PyTorchDefaultInit init = PyTorchDefaultInit.forFanIn((long) channels * KERNEL);
    weight = addParameter(init.weight("conv.weight", new Shape(channels, channels, KERNEL)));
    bias = addParameter(init.bias("conv.bias", new Shape(channels)));
  }

  /** [B, C, T] → [B, C, 2T]. */
  public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
    NDArray w = ps.getValue(weight, x.getDevice(), training);
    NDArray b = ps.getValue(bias, x.getDevice(), training);
    NDArray phased;
    if (training) {
      invalidateCache();
      NDArray[] k = phaseKernel(w, b, false);
      phased = Conv1d.conv1d(x, k[0], k[1], new Shape(1), new Shape(1), new Shape(1), 1).singletonOrThrow();
    } else {
      PhaseKernel k = cachedKernel(w, b, x.getDevice());
      phased = Conv1d.conv1d(x, k.kernel(), k.bias(), new Shape(1), new Shape(1), new Shape(1), 1).singletonOrThrow();
    }
    Shape s = x.getShape();
    long batch = s.get(0);
    long length = s.get(2);
    // [B, 2C, T] = [B, phase, C, T] → [B, C, T, phase] → [B, C, 2T]
    return phased.reshape(batch, 2, channels, length).transpose(0, 2, 3, 1).reshape(batch, channels, 2 * length);
  }

  /** Drops the cached phase kernel; call after the weight array was changed in place. */
  public synchronized void invalidateCache() {
    if (cached != null) {
      cached.close();
      cached = null;
    }
  }

  private synchronized PhaseKernel cachedKernel(NDArray w, NDArray b, Device device) {
    NDArray source = weight.getArray();
    if (cached != null && cached.source() == source && cached.device().equals(device) && !cached.kernel().isReleased()) {
      return cached;
    }
    invalidateCache();
    NDArray[] k = phaseKernel(w, b, true);
    // The cache outlives the caller's scope: it belongs to the weights' manager from now on.
    NDScope.unregister(k);
    cached = new PhaseKernel(source, device, k[0], k[1]);
    return cached;
  }

  /** Kernel [2C, C, 3] (even phase first) and bias [2C]; {@code closeTemporaries} frees the rest. */
  private static NDArray[] phaseKernel(NDArray w, NDArray b, boolean closeTemporaries) {
    NDArray wt = w.transpose(1, 0, 2); // [C_out, C_in, 4]
    NDArray w0 = wt.get(":, :, 0:1");
    NDArray w1 = wt.get(":, :, 1:2");
    NDArray w2 = wt.get(":, :, 2:3");
    NDArray w3 = wt.get(":, :, 3:4");
    NDArray zero = w0.zerosLike();
    NDArray even = NDArrays.concat(new NDList(w3, w1, zero), 2);
    NDArray odd = NDArrays.concat(new NDList(zero, w2, w0), 2);
    NDArray kernel = even.concat(odd, 0);
    NDArray bias2 = b.concat(b, 0);
    if (closeTemporaries) {
      for (NDArray t : new NDArray[] {wt, w0, w1, w2, w3, zero, even, odd}) {
        t.close();
      }
    }
    return new NDArray[] {kernel, bias2};
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return sameBatch(inputShapes[0], channels, 2 * inputShapes[0].get(2));
  }
}
