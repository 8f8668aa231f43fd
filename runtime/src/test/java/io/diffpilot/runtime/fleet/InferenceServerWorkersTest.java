package io.diffpilot.runtime.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.PolicyShape;
import io.diffpilot.core.SamplerKind;
import io.diffpilot.core.Sampling;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InferenceServerWorkersTest {

  /** A model copy that answers only once released, and says which copy it is in every action. */
  private static final class GatedCopy implements ChunkPolicy {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final float id;

    GatedCopy(float id) {
      this.id = id;
    }

    @Override
    public PolicyShape shape() {
      return new PolicyShape(2, 4, 8, 2);
    }

    @Override
    public float[][] predictChunk(float[][] obsHistory, Sampling sampling) {
      entered.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      float[][] out = new float[8][2];
      for (float[] row : out) {
        row[0] = id;
      }
      return out;
    }
  }

  @Test
  void aFreeWorkerTakesTheNextRequestWhileAnotherCopyIsBusy() throws Exception {
    GatedCopy first = new GatedCopy(1);
    GatedCopy second = new GatedCopy(2);
    BlockingQueue<InferenceReply> replies = new LinkedBlockingQueue<>();
    try (InferenceServer server = InferenceServer.withWorkers(Map.of("m", List.of(first, second)), 1)) {
      server.onRequest(request("a"), r -> replies.add(r), System.nanoTime(), null);
      server.onRequest(request("b"), r -> replies.add(r), System.nanoTime(), null);
      // Both copies are inside a call at once: one queue, two workers.
      assertThat(first.entered.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(second.entered.await(5, TimeUnit.SECONDS)).isTrue();
      second.release.countDown();
      InferenceReply early = replies.poll(5, TimeUnit.SECONDS);
      assertThat(early).isNotNull();
      assertThat(early.actions()[0][0]).isEqualTo(2f); // answered by the free copy, the other still busy
      first.release.countDown();
      InferenceReply late = replies.poll(5, TimeUnit.SECONDS);
      assertThat(late).isNotNull();
      assertThat(late.actions()[0][0]).isEqualTo(1f);
      assertThat(List.of(early.robotId(), late.robotId())).containsExactlyInAnyOrder("a", "b");
    }
  }

  @Test
  void aModelWithoutCopiesIsRefused() {
    assertThatThrownBy(() -> InferenceServer.withWorkers(Map.of("m", List.of()), 1))
        .hasMessageContaining("model 'm' has no instance");
  }

  private static InferenceRequest request(String robot) {
    return new InferenceRequest(robot, "m", new float[2][4], 1, 5_000_000_000L, 0, SamplerKind.DDIM);
  }
}
