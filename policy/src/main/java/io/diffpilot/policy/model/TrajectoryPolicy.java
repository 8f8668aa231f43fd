package io.diffpilot.policy.model;

import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.PolicyShape;
import io.diffpilot.core.Sampling;
import io.diffpilot.policy.normalize.LinearNormalizer;
import java.util.Objects;

/**
 * What every backend of a trained policy shares: the model's config and normaliser, the
 * {@link ChunkCodec} at its edges, and the rule that a chunk is the slice of the predicted
 * trajectory [B][Tp][A] from horizon index To − 1 ({@link #predictChunks}). A backend only says
 * how it predicts the trajectory ({@link #predictHorizons}).
 */
public abstract class TrajectoryPolicy implements ChunkPolicy {
  protected final PolicyConfig config;
  protected final LinearNormalizer normalizer;
  protected final ChunkCodec codec;
  private final PolicyShape shape;

  protected TrajectoryPolicy(PolicyConfig config, LinearNormalizer normalizer) {
    this.config = Objects.requireNonNull(config, "config");
    this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
    this.codec = new ChunkCodec(config.policy(), normalizer);
    this.shape = config.policy().shape();
  }

  public PolicyConfig config() {
    return config;
  }

  public LinearNormalizer normalizer() {
    return normalizer;
  }

  @Override
  public PolicyShape shape() {
    return shape;
  }

  /**
   * Samples chunks for B robots in one batch; row b uses noise seed {@code sampling.seed() + b}
   * (so row 0 equals {@link #predictChunk} with the same sampling). Timeline of one row (To = 2,
   * Ta = 8, Tp = 16 shown; t is the last observed step):
   * <pre>
   *   step:          t−1  t    t+1  …  t+7  t+8  …  t+14
   *   observations:  o    o                                  (history[0], history[1]: To of them)
   *   predicted:     a    a    a    …  a    a    …  a        (Tp actions from step t−To+1)
   *   returned:           a    a    …  a                     (Ta actions from horizon index To−1)
   * </pre>
   *
   * @param histories [B][To][obsDim], oldest first, finite, in observation units
   * @return [B][Ta][A] in action units; the first action of a row is for the last observed step
   */
  @Override
  public float[][][] predictChunks(float[][][] histories, Sampling sampling) {
    return codec.chunks(predictHorizons(histories, sampling));
  }

  /**
   * The whole predicted trajectory [B][Tp][A] in action units (the chunk is a slice of it).
   *
   * @param histories [B][To][obsDim], oldest first, finite, in observation units
   */
  public abstract float[][][] predictHorizons(float[][][] histories, Sampling sampling);
}
