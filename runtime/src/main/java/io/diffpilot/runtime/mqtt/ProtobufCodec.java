package io.diffpilot.runtime.mqtt;

import io.diffpilot.core.ActionChunk;
import io.diffpilot.core.Observation;
import io.diffpilot.runtime.proto.v1.ChunkOrigin;
import io.diffpilot.runtime.proto.v1.EmergencyStop;
import io.diffpilot.runtime.proto.v1.RunState;
import io.diffpilot.runtime.proto.v1.Status;
import io.diffpilot.runtime.transport.Fault;
import io.diffpilot.runtime.transport.OutgoingChunk;
import io.diffpilot.runtime.transport.RuntimeStatus;
import java.util.EnumMap;
import java.util.Map;

/**
 * Protobuf ({@code diffpilot.v1}) ⇄ core records, with strict validation on the way in.
 *
 * <p>Every {@code decode*} method returns a {@link Decoded}: malformed bytes, missing or
 * inconsistent fields, a robot id that differs from the topic's, oversize payloads, non-finite
 * numbers: all become a rejection with a reason naming the field; nothing is thrown. Stateless and
 * thread-safe.
 */
public final class ProtobufCodec {

  /** Payloads above this size are refused before parsing (1 MiB). */
  public static final int MAX_PAYLOAD_BYTES = 1 << 20;
  /** Widest observation vector accepted. */
  public static final int MAX_STATE_DIM = 16_384;

  private static final ProtoWire<io.diffpilot.runtime.proto.v1.Observation> OBSERVATION = new ProtoWire<>("observation",
      io.diffpilot.runtime.proto.v1.Observation.getDefaultInstance(), io.diffpilot.runtime.proto.v1.Observation::getRobotId);
  private static final ProtoWire<io.diffpilot.runtime.proto.v1.ActionChunk> CHUNK = new ProtoWire<>("action_chunk",
      io.diffpilot.runtime.proto.v1.ActionChunk.getDefaultInstance(), io.diffpilot.runtime.proto.v1.ActionChunk::getRobotId);
  private static final ProtoWire<Status> STATUS = new ProtoWire<>("status", Status.getDefaultInstance(), Status::getRobotId);
  private static final ProtoWire<EmergencyStop> ESTOP =
      new ProtoWire<>("estop", EmergencyStop.getDefaultInstance(), EmergencyStop::getRobotId);

  // ---------------------------------------------------------------- observation

  public byte[] encodeObservation(String robotId, Observation o) {
    io.diffpilot.runtime.proto.v1.Observation.Builder b = io.diffpilot.runtime.proto.v1.Observation.newBuilder()
        .setRobotId(robotId)
        .setSequence(o.sequence())
        .setCaptureNanos(o.captureNanos())
        .setSessionId(o.session());
    for (float v : o.state()) {
      b.addState(v);
    }
    return b.build().toByteArray();
  }

  /**
   * Decodes an observation published on {@code diffpilot/<expectedRobotId>/observation}. Values are
   * not checked for finiteness here: the observation window counts NaN separately (NOT_FINITE).
   */
  public Decoded<Observation> decodeObservation(byte[] payload, String expectedRobotId) {
    return OBSERVATION.parse(payload, expectedRobotId).then(ProtobufCodec::observation);
  }

  private static Decoded<Observation> observation(io.diffpilot.runtime.proto.v1.Observation m) {
    if (m.getSequence() < 0) {
      return Decoded.rejected("observation.sequence " + Long.toUnsignedString(m.getSequence()) + " exceeds 2^63-1");
    }
    if (m.getCaptureNanos() <= 0) {
      return Decoded.rejected("observation.capture_nanos must be > 0, got " + m.getCaptureNanos());
    }
    int n = m.getStateCount();
    if (n == 0) {
      return Decoded.rejected("observation.state is empty");
    }
    if (n > MAX_STATE_DIM) {
      return Decoded.rejected("observation.state has " + n + " values, more than " + MAX_STATE_DIM);
    }
    float[] state = new float[n];
    for (int i = 0; i < n; i++) {
      state[i] = m.getState(i);
    }
    return Decoded.ok(new Observation(m.getSequence(), m.getCaptureNanos(), state, m.getSessionId()));
  }

  // ---------------------------------------------------------------- action chunk

  public byte[] encodeChunk(OutgoingChunk c) {
    ActionChunk a = c.chunk();
    io.diffpilot.runtime.proto.v1.ActionChunk.Builder b = io.diffpilot.runtime.proto.v1.ActionChunk.newBuilder()
        .setRobotId(c.robotId())
        .setSequence(c.sequence())
        .setObservationSequence(Math.max(0, c.answersObservationSequence()))
        .setStartNanos(a.startNanos())
        .setStepNanos(a.stepNanos())
        .setActionDim(a.actionDim())
        .setStepsUsed(a.inferenceSteps())
        .setInferenceNanos(c.inferenceNanos())
        .setOrigin(switch (c.origin()) {
          case POLICY -> ChunkOrigin.CHUNK_ORIGIN_POLICY;
          case HOLD -> ChunkOrigin.CHUNK_ORIGIN_HOLD;
          case EMERGENCY_STOP -> ChunkOrigin.CHUNK_ORIGIN_EMERGENCY_STOP;
        });
    FlatRows.append(a.actions(), b::addActions);
    return b.build().toByteArray();
  }

  /** Decodes a chunk published on {@code diffpilot/<expectedRobotId>/action_chunk} (robot side). */
  public Decoded<OutgoingChunk> decodeChunk(byte[] payload, String expectedRobotId) {
    return CHUNK.parse(payload, expectedRobotId).then(ProtobufCodec::chunk);
  }

  private static Decoded<OutgoingChunk> chunk(io.diffpilot.runtime.proto.v1.ActionChunk m) {
    if (m.getSequence() < 0 || m.getObservationSequence() < 0) {
      return Decoded.rejected("action_chunk.sequence / observation_sequence exceeds 2^63-1");
    }
    if (m.getStepNanos() <= 0) {
      return Decoded.rejected("action_chunk.step_nanos must be > 0, got " + m.getStepNanos());
    }
    int dim = m.getActionDim();
    if (dim <= 0 || dim > MAX_STATE_DIM) {
      return Decoded.rejected("action_chunk.action_dim must be in [1, " + MAX_STATE_DIM + "], got "
          + Integer.toUnsignedString(dim));
    }
    int n = m.getActionsCount();
    if (n == 0 || n % dim != 0) {
      return Decoded.rejected("action_chunk.actions has " + n + " values, not a positive multiple of action_dim " + dim);
    }
    if (m.getInferenceNanos() < 0) {
      return Decoded.rejected("action_chunk.inference_nanos must be >= 0");
    }
    if (m.getStepsUsed() < 0) {
      return Decoded.rejected("action_chunk.steps_used exceeds 2^31-1");
    }
    OutgoingChunk.Origin origin = switch (m.getOrigin()) {
      case CHUNK_ORIGIN_POLICY -> OutgoingChunk.Origin.POLICY;
      case CHUNK_ORIGIN_HOLD -> OutgoingChunk.Origin.HOLD;
      case CHUNK_ORIGIN_EMERGENCY_STOP -> OutgoingChunk.Origin.EMERGENCY_STOP;
      default -> null;
    };
    if (origin == null) {
      return Decoded.rejected("action_chunk.origin is " + m.getOriginValue() + ", not a known ChunkOrigin");
    }
    int steps = n / dim;
    long lastOffset = (long) (steps - 1) * m.getStepNanos();
    if (m.getStepNanos() > Long.MAX_VALUE / Math.max(1, steps) || m.getStartNanos() > Long.MAX_VALUE - lastOffset) {
      return Decoded.rejected("action_chunk: start_nanos + steps * step_nanos overflows");
    }
    float[][] actions = new float[steps][dim];
    for (int i = 0; i < n; i++) {
      float v = m.getActions(i);
      if (!Float.isFinite(v)) {
        return Decoded.rejected("action_chunk.actions[" + i / dim + "][" + i % dim + "] is not finite");
      }
      actions[i / dim][i % dim] = v;
    }
    ActionChunk chunk = new ActionChunk(m.getStartNanos(), m.getStepNanos(), actions, m.getStepsUsed());
    return Decoded.ok(new OutgoingChunk(m.getRobotId(), m.getSequence(), m.getObservationSequence(), chunk,
        m.getInferenceNanos(), origin));
  }

  // ---------------------------------------------------------------- status

  public byte[] encodeStatus(RuntimeStatus s) {
    Status.Builder b = Status.newBuilder()
        .setRobotId(s.robotId())
        .setState(switch (s.state()) {
          case STARTING -> RunState.RUN_STATE_STARTING;
          case RUNNING -> RunState.RUN_STATE_RUNNING;
          case HOLDING -> RunState.RUN_STATE_HOLDING;
          case EMERGENCY_STOPPED -> RunState.RUN_STATE_EMERGENCY_STOPPED;
          case OFFLINE -> RunState.RUN_STATE_OFFLINE;
        })
        .setStampNanos(s.stampNanos())
        .setObservationsAccepted(s.observationsAccepted())
        .setChunksPublished(s.chunksPublished())
        .setLastStepsUsed(s.lastStepsUsed())
        .setLastInferenceNanos(s.lastInferenceNanos())
        .setDetail(s.detail());
    for (Map.Entry<Fault, Long> e : s.faults().entrySet()) {
      b.putFaults(e.getKey().name(), e.getValue());
    }
    return b.build().toByteArray();
  }

  /** Decodes a status (monitors, tests); unknown fault names are ignored, as the .proto promises. */
  public Decoded<RuntimeStatus> decodeStatus(byte[] payload, String expectedRobotId) {
    return STATUS.parse(payload, expectedRobotId).then(ProtobufCodec::status);
  }

  private static Decoded<RuntimeStatus> status(Status m) {
    RuntimeStatus.State state = switch (m.getState()) {
      case RUN_STATE_STARTING -> RuntimeStatus.State.STARTING;
      case RUN_STATE_RUNNING -> RuntimeStatus.State.RUNNING;
      case RUN_STATE_HOLDING -> RuntimeStatus.State.HOLDING;
      case RUN_STATE_EMERGENCY_STOPPED -> RuntimeStatus.State.EMERGENCY_STOPPED;
      case RUN_STATE_OFFLINE -> RuntimeStatus.State.OFFLINE;
      default -> null;
    };
    if (state == null) {
      return Decoded.rejected("status.state is " + m.getStateValue() + ", not a known RunState");
    }
    EnumMap<Fault, Long> faults = new EnumMap<>(Fault.class);
    for (Map.Entry<String, Long> e : m.getFaultsMap().entrySet()) {
      for (Fault f : Fault.values()) {
        if (f.name().equals(e.getKey())) {
          if (e.getValue() < 0) {
            return Decoded.rejected("status.faults[" + e.getKey() + "] exceeds 2^63-1");
          }
          faults.put(f, e.getValue());
        }
      }
    }
    if (m.getObservationsAccepted() < 0 || m.getChunksPublished() < 0 || m.getLastStepsUsed() < 0
        || m.getLastInferenceNanos() < 0) {
      return Decoded.rejected("status: a counter is out of range");
    }
    return Decoded.ok(new RuntimeStatus(m.getRobotId(), state, m.getStampNanos(), m.getObservationsAccepted(),
        m.getChunksPublished(), m.getLastStepsUsed(), m.getLastInferenceNanos(), faults, m.getDetail()));
  }

  // ---------------------------------------------------------------- emergency stop

  public byte[] encodeEmergencyStop(String robotId, boolean engaged, long stampNanos, String source) {
    return EmergencyStop.newBuilder().setRobotId(robotId).setEngaged(engaged).setStampNanos(stampNanos)
        .setSource(source == null ? "" : source).build().toByteArray();
  }

  /**
   * Decodes an emergency-stop message. The caller treats a rejection as ENGAGED (fail safe); so
   * does an empty payload (it has no robot id), which is how MQTT clears a retained message: a
   * stop is released only by an explicit {@code engaged = false}.
   */
  public Decoded<Boolean> decodeEmergencyStop(byte[] payload, String expectedRobotId) {
    return ESTOP.parse(payload, expectedRobotId).then(m -> Decoded.ok(m.getEngaged()));
  }
}
