package io.diffpilot.runtime.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.core.ActionChunk;
import io.diffpilot.core.Observation;
import io.diffpilot.runtime.proto.v1.ChunkOrigin;
import io.diffpilot.runtime.transport.Fault;
import io.diffpilot.runtime.transport.OutgoingChunk;
import io.diffpilot.runtime.transport.RuntimeStatus;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProtobufCodecTest {
  private final ProtobufCodec codec = new ProtobufCodec();

  @Test
  void observationRoundTripsExactly() {
    Observation o = new Observation(42, 123_456_789L, new float[] {1.5f, -2f, Float.MIN_VALUE});
    Decoded<Observation> d = codec.decodeObservation(codec.encodeObservation("r1", o), "r1");
    assertThat(d.isOk()).isTrue();
    assertThat(d.value().sequence()).isEqualTo(42);
    assertThat(d.value().captureNanos()).isEqualTo(123_456_789L);
    assertThat(d.value().state()).containsExactly(1.5f, -2f, Float.MIN_VALUE);
  }

  @Test
  void observationSessionRoundTripsAndAnAbsentOneIsZero() {
    Observation o = new Observation(1, 10, new float[] {1f}, -7L); // uint64 on the wire: all 64 bits kept
    assertThat(codec.decodeObservation(codec.encodeObservation("r1", o), "r1").value().session()).isEqualTo(-7L);
    byte[] legacy = io.diffpilot.runtime.proto.v1.Observation.newBuilder().setRobotId("r1").setSequence(1)
        .setCaptureNanos(10).addState(1f).build().toByteArray();
    assertThat(codec.decodeObservation(legacy, "r1").value().session()).isZero();
  }

  @Test
  void observationNaNPassesDecodingSoTheWindowCountsIt() {
    Observation o = new Observation(1, 10, new float[] {Float.NaN});
    assertThat(codec.decodeObservation(codec.encodeObservation("r1", o), "r1").value().state()[0]).isNaN();
  }

  @Test
  void observationFromAnotherRobotIsRejected() {
    byte[] p = codec.encodeObservation("r2", new Observation(1, 10, new float[] {1}));
    assertThat(codec.decodeObservation(p, "r1").rejection()).contains("robot_id 'r2'").contains("'r1'");
  }

  @Test
  void observationMissingFieldsIsRejectedNamingTheField() {
    byte[] noState = io.diffpilot.runtime.proto.v1.Observation.newBuilder().setRobotId("r1").setSequence(1)
        .setCaptureNanos(5).build().toByteArray();
    assertThat(codec.decodeObservation(noState, "r1").rejection()).contains("observation.state");
    byte[] noTime = io.diffpilot.runtime.proto.v1.Observation.newBuilder().setRobotId("r1").addState(1)
        .build().toByteArray();
    assertThat(codec.decodeObservation(noTime, "r1").rejection()).contains("capture_nanos");
    byte[] hugeSeq = io.diffpilot.runtime.proto.v1.Observation.newBuilder().setRobotId("r1").setSequence(-1)
        .setCaptureNanos(5).addState(1).build().toByteArray();
    assertThat(codec.decodeObservation(hugeSeq, "r1").rejection()).contains("sequence");
    assertThat(codec.decodeObservation(new byte[0], "r1").rejection()).contains("robot_id is empty");
    assertThat(codec.decodeObservation(null, "r1").rejection()).contains("no payload");
    assertThat(codec.decodeObservation(new byte[ProtobufCodec.MAX_PAYLOAD_BYTES + 1], "r1").rejection())
        .contains("exceeds");
  }

  @Test
  void chunkRoundTripsExactly() {
    ActionChunk a = new ActionChunk(1_000, 100_000_000, new float[][] {{1, 2}, {3, 4}, {5, 6}}, 8);
    OutgoingChunk c = new OutgoingChunk("r1", 7, 41, a, 12_345, OutgoingChunk.Origin.POLICY);
    OutgoingChunk back = codec.decodeChunk(codec.encodeChunk(c), "r1").value();
    assertThat(back.sequence()).isEqualTo(7);
    assertThat(back.answersObservationSequence()).isEqualTo(41);
    assertThat(back.inferenceNanos()).isEqualTo(12_345);
    assertThat(back.origin()).isEqualTo(OutgoingChunk.Origin.POLICY);
    assertThat(back.stepsUsed()).isEqualTo(8);
    assertThat(back.chunk().startNanos()).isEqualTo(1_000);
    assertThat(back.chunk().stepNanos()).isEqualTo(100_000_000);
    assertThat(back.chunk().actions()).isDeepEqualTo(a.actions());
  }

  @Test
  void chunkWithRaggedOrNonFiniteActionsIsRejected() {
    io.diffpilot.runtime.proto.v1.ActionChunk.Builder b = io.diffpilot.runtime.proto.v1.ActionChunk.newBuilder()
        .setRobotId("r1").setStepNanos(10).setActionDim(2).setOrigin(ChunkOrigin.CHUNK_ORIGIN_POLICY)
        .addActions(1).addActions(2).addActions(3);
    assertThat(codec.decodeChunk(b.build().toByteArray(), "r1").rejection()).contains("multiple of action_dim 2");
    b.addActions(Float.NaN);
    assertThat(codec.decodeChunk(b.build().toByteArray(), "r1").rejection()).contains("actions[1][1] is not finite");
    b.clearActions().addActions(1).addActions(2).setOrigin(ChunkOrigin.CHUNK_ORIGIN_UNSPECIFIED);
    assertThat(codec.decodeChunk(b.build().toByteArray(), "r1").rejection()).contains("origin");
    b.setOrigin(ChunkOrigin.CHUNK_ORIGIN_HOLD).setStepNanos(0);
    assertThat(codec.decodeChunk(b.build().toByteArray(), "r1").rejection()).contains("step_nanos");
  }

  @Test
  void statusRoundTripsWithFaultCounts() {
    RuntimeStatus s = new RuntimeStatus("r1", RuntimeStatus.State.HOLDING, 99, 10, 4, 16, 2_000_000,
        Map.of(Fault.STALE, 3L, Fault.WATCHDOG_HOLD, 1L), "watchdog");
    RuntimeStatus back = codec.decodeStatus(codec.encodeStatus(s), "r1").value();
    assertThat(back).isEqualTo(s);
  }

  @Test
  void emergencyStopRoundTripsAndEmptyPayloadIsRejected() {
    assertThat(codec.decodeEmergencyStop(codec.encodeEmergencyStop("r1", true, 5, "op"), "r1").value()).isTrue();
    assertThat(codec.decodeEmergencyStop(codec.encodeEmergencyStop("r1", false, 5, null), "r1").value()).isFalse();
    assertThat(codec.decodeEmergencyStop(new byte[0], "r1").isOk()).isFalse();
  }

  /** Fuzz: random bytes and mutated valid payloads never throw; each gives a value or a reason. */
  @Test
  void randomBytesNeverEscapeAsAnException() {
    SplittableRandom rnd = new SplittableRandom(20261129);
    byte[] valid = codec.encodeChunk(new OutgoingChunk("r1", 1, 1,
        new ActionChunk(5, 10, new float[][] {{1, 2}, {3, 4}}, 3), 7, OutgoingChunk.Origin.POLICY));
    byte[] validObs = codec.encodeObservation("r1", new Observation(3, 9, new float[] {1, 2, 3}));
    int rejected = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] p;
      if (i % 3 == 0) {
        p = new byte[rnd.nextInt(64)];
        rnd.nextBytes(p);
      } else {
        p = (i % 3 == 1 ? valid : validObs).clone();
        for (int k = 0, flips = 1 + rnd.nextInt(4); k < flips; k++) {
          p[rnd.nextInt(p.length)] = (byte) rnd.nextInt(256);
        }
      }
      for (Decoded<?> d : new Decoded<?>[] {codec.decodeObservation(p, "r1"), codec.decodeChunk(p, "r1"),
          codec.decodeStatus(p, "r1"), codec.decodeEmergencyStop(p, "r1")}) {
        assertThat(d.isOk() ^ d.rejection() != null).isTrue();
        if (!d.isOk()) {
          rejected++;
          assertThat(d.rejection()).isNotBlank();
        }
      }
    }
    assertThat(rejected).isGreaterThan(40_000);
  }
}
