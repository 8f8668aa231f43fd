package io.diffpilot.runtime.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.core.SamplerKind;
import io.diffpilot.runtime.fleet.InferenceReply;
import io.diffpilot.runtime.fleet.InferenceRequest;
import org.junit.jupiter.api.Test;

/** The remote-inference codec without a broker: round trips, and refusals that name what is wrong. */
class InferenceCodecTest {
  private final InferenceCodec codec = new InferenceCodec();

  @Test
  void requestRoundTrips() {
    InferenceRequest r = new InferenceRequest("arm1", "pusht", new float[][] {{1, 2}, {3, 4}}, 8, 40_000_000L, 7,
        SamplerKind.DDIM);
    InferenceRequest back = codec.decodeRequest(codec.encodeRequest(r)).value();
    assertThat(back.robotId()).isEqualTo("arm1");
    assertThat(back.model()).isEqualTo("pusht");
    assertThat(back.history()).isDeepEqualTo(r.history());
    assertThat(back.steps()).isEqualTo(8);
    assertThat(back.budgetNanos()).isEqualTo(40_000_000L);
    assertThat(back.seed()).isEqualTo(7);
    assertThat(back.sampler()).isEqualTo(SamplerKind.DDIM);
  }

  @Test
  void replyAndRefusalRoundTrip() {
    InferenceReply r = new InferenceReply("arm1", new float[][] {{0.5f, -1}, {2, 3}}, 8, 1_000, 4, 200, "");
    InferenceReply back = codec.decodeReply(codec.encodeReply(r)).value();
    assertThat(back.actions()).isDeepEqualTo(r.actions());
    assertThat(back.batchSize()).isEqualTo(4);
    assertThat(codec.decodeReply(codec.encodeReply(InferenceReply.refused("arm1", "busy"))).value().error())
        .isEqualTo("busy");
  }

  @Test
  void badPayloadsAreRefusedNamingTheMessage() {
    assertThat(codec.decodeRequest(null).rejection()).startsWith("request: ");
    assertThat(codec.decodeRequest(new byte[ProtobufCodec.MAX_PAYLOAD_BYTES + 1]).rejection()).contains("exceeds");
    assertThat(codec.decodeRequest(new byte[] {(byte) 0xff, 1}).rejection())
        .contains("not a diffpilot.v1.InferenceRequest");
    assertThat(codec.decodeReply(new byte[] {(byte) 0xff, 1}).rejection()).contains("not a diffpilot.v1.InferenceReply");
    assertThat(codec.decodeRequest(new byte[0]).rejection()).contains("robot_id and model are required");
  }
}
