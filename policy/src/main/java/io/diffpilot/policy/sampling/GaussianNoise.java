package io.diffpilot.policy.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Standard normal noise from generators we own, so a chunk depends only on its seed, never on
 * DJL's or libtorch's global RNG. Row b of a batch draws from its own stream seeded with
 * {@code seed + b}: row 0 of a batch equals a single-row call with the same seed, and rows do not
 * depend on the batch size. Each draw fills one float[] and makes one NDArray.
 *
 * <p>Not thread-safe; one instance per sampling call.
 */
public final class GaussianNoise {

  private final SplittableRandom[] rows;

  private GaussianNoise(SplittableRandom[] rows) {
    this.rows = rows;
  }

  /** Noise for {@code batch} rows, row b seeded with {@code seed + b}. */
  public static GaussianNoise seeded(long seed, int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1, got " + batch);
    }
    SplittableRandom[] r = new SplittableRandom[batch];
    for (int b = 0; b < batch; b++) {
      r[b] = new SplittableRandom(seed + b);
    }
    return new GaussianNoise(r);
  }

  /** Number of rows B this source was made for. */
  public int batch() {
    return rows.length;
  }

  /** Next N(0, 1) array of {@code shape} = [B, ...], float32, on {@code manager}'s device. */
  public NDArray next(NDManager manager, Shape shape) {
    if (shape.dimension() == 0 || shape.get(0) != rows.length) {
      throw new IllegalArgumentException("noise shape " + shape + " must start with batch " + rows.length);
    }
    return manager.create(nextFloats(shape), shape);
  }

  /** Next N(0, 1) values for {@code shape} = [B, ...], row-major, as a float[]. */
  public float[] nextFloats(Shape shape) {
    int perRow = Math.toIntExact(shape.size() / rows.length);
    float[] out = new float[perRow * rows.length];
    for (int b = 0; b < rows.length; b++) {
      SplittableRandom r = rows[b];
      int base = b * perRow;
      for (int i = 0; i < perRow; i++) {
        out[base + i] = (float) r.nextGaussian();
      }
    }
    return out;
  }
}
