package io.diffpilot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A policy writes its sizes once ({@link PolicyShape}) and one of predictChunk / predictChunks. */
class ChunkPolicyTest {

  /** Answers each history with its seed in every action value. */
  private static final class SeedEcho implements ChunkPolicy {
    @Override
    public PolicyShape shape() {
      return new PolicyShape(2, 3, 4, 1);
    }

    @Override
    public float[][] predictChunk(float[][] obsHistory, Sampling sampling) {
      float[][] out = new float[actionSteps()][actionDim()];
      for (float[] row : out) {
        row[0] = sampling.seed() + obsHistory[0][0];
      }
      return out;
    }
  }

  /** Batches: row b gets seed + b. */
  private static final class BatchOnly implements ChunkPolicy {
    @Override
    public PolicyShape shape() {
      return new PolicyShape(1, 1, 2, 1);
    }

    @Override
    public float[][][] predictChunks(float[][][] histories, Sampling sampling) {
      float[][][] out = new float[histories.length][2][1];
      for (int b = 0; b < histories.length; b++) {
        out[b][0][0] = sampling.seed() + b;
      }
      return out;
    }
  }

  @Test
  void sizeAccessorsComeFromTheShape() {
    ChunkPolicy p = new SeedEcho();
    assertThat(new int[] {p.obsSteps(), p.obsDim(), p.actionSteps(), p.actionDim()}).containsExactly(2, 3, 4, 1);
  }

  @Test
  void predictChunksDefaultsToOneCallPerRowWithSeedPlusRow() {
    float[][][] histories = {{{10, 0, 0}, {0, 0, 0}}, {{20, 0, 0}, {0, 0, 0}}};
    float[][][] out = new SeedEcho().predictChunks(histories, Sampling.ddim(4, 100));
    assertThat(out).hasDimensions(2, 4);
    assertThat(out[0][3][0]).isEqualTo(110f);
    assertThat(out[1][0][0]).isEqualTo(121f);
  }

  @Test
  void predictChunkDefaultsToRowZeroOfTheBatch() {
    assertThat(new BatchOnly().predictChunk(new float[][] {{0}}, Sampling.ddim(2, 7))[0][0]).isEqualTo(7f);
  }

  @Test
  void shapeRejectsEmptySizes() {
    assertThatThrownBy(() -> new PolicyShape(0, 1, 1, 1)).hasMessageContaining("obsSteps 0");
    assertThatThrownBy(() -> new PolicyShape(1, 1, 1, 0)).hasMessageContaining("actionDim 0");
  }
}
