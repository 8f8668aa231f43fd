package io.diffpilot.runtime.mqtt;

import io.diffpilot.core.SamplerKind;
import io.diffpilot.runtime.fleet.InferenceReply;
import io.diffpilot.runtime.fleet.InferenceRequest;

/**
 * Protobuf encoding of {@code diffpilot.v1.InferenceRequest} and {@code InferenceReply}. Decoding
 * never throws: structure errors become a rejection naming the field. Whether a request fits a
 * model (width, finite values) is left to the service, which counts those faults by name.
 */
public final class InferenceCodec {
  private static final ProtoWire<io.diffpilot.runtime.proto.v1.InferenceRequest> REQUEST = new ProtoWire<>("request",
      io.diffpilot.runtime.proto.v1.InferenceRequest.getDefaultInstance(),
      io.diffpilot.runtime.proto.v1.InferenceRequest::getRobotId);
  private static final ProtoWire<io.diffpilot.runtime.proto.v1.InferenceReply> REPLY = new ProtoWire<>("reply",
      io.diffpilot.runtime.proto.v1.InferenceReply.getDefaultInstance(), io.diffpilot.runtime.proto.v1.InferenceReply::getRobotId);

  public byte[] encodeRequest(InferenceRequest r) {
    io.diffpilot.runtime.proto.v1.InferenceRequest.Builder b = io.diffpilot.runtime.proto.v1.InferenceRequest
        .newBuilder().setRobotId(r.robotId()).setModel(r.model()).setObsSteps(r.obsSteps()).setObsDim(r.obsDim())
        .setSteps(r.steps()).setBudgetNanos(r.budgetNanos()).setSeed(r.seed())
        .setSampler(r.sampler().name().toLowerCase(java.util.Locale.ROOT));
    FlatRows.append(r.history(), b::addHistory);
    return b.build().toByteArray();
  }

  public Decoded<InferenceRequest> decodeRequest(byte[] payload) {
    return REQUEST.parse(payload).then(InferenceCodec::request);
  }

  private static Decoded<InferenceRequest> request(io.diffpilot.runtime.proto.v1.InferenceRequest m) {
    int to = m.getObsSteps();
    int dim = m.getObsDim();
    if (m.getRobotId().isEmpty() || m.getModel().isEmpty()) {
      return new Decoded<>(null, "request: robot_id and model are required");
    }
    if (to < 1 || dim < 1 || (long) to * dim != m.getHistoryCount()) {
      return new Decoded<>(null, "request from " + m.getRobotId() + ": history has " + m.getHistoryCount()
          + " values, obs_steps x obs_dim = " + to + " x " + dim);
    }
    if (m.getSteps() < 1 || m.getBudgetNanos() <= 0) {
      return new Decoded<>(null, "request from " + m.getRobotId() + ": steps and budget_nanos must be > 0");
    }
    SamplerKind sampler;
    try {
      sampler = m.getSampler().isEmpty() ? SamplerKind.DDIM : SamplerKind.parse(m.getSampler());
    } catch (IllegalArgumentException e) {
      return new Decoded<>(null, "request from " + m.getRobotId() + ": " + e.getMessage());
    }
    float[][] history = new float[to][dim];
    for (int t = 0; t < to; t++) {
      for (int d = 0; d < dim; d++) {
        history[t][d] = m.getHistory(t * dim + d);
      }
    }
    return new Decoded<>(new InferenceRequest(m.getRobotId(), m.getModel(), history, m.getSteps(),
        m.getBudgetNanos(), m.getSeed(), sampler), null);
  }

  public byte[] encodeReply(InferenceReply r) {
    io.diffpilot.runtime.proto.v1.InferenceReply.Builder b = io.diffpilot.runtime.proto.v1.InferenceReply.newBuilder()
        .setRobotId(r.robotId()).setStepsUsed(r.stepsUsed()).setInferenceNanos(r.inferenceNanos())
        .setBatchSize(r.batchSize()).setQueuedNanos(r.queuedNanos()).setError(r.error());
    if (r.actions().length > 0) {
      b.setActionDim(r.actions()[0].length);
      FlatRows.append(r.actions(), b::addActions);
    }
    return b.build().toByteArray();
  }

  public Decoded<InferenceReply> decodeReply(byte[] payload) {
    return REPLY.parse(payload).then(InferenceCodec::reply);
  }

  private static Decoded<InferenceReply> reply(io.diffpilot.runtime.proto.v1.InferenceReply m) {
    if (!m.getError().isEmpty()) {
      return new Decoded<>(InferenceReply.refused(m.getRobotId().isEmpty() ? "?" : m.getRobotId(), m.getError()), null);
    }
    int a = m.getActionDim();
    if (a < 1 || m.getActionsCount() == 0 || m.getActionsCount() % a != 0) {
      return new Decoded<>(null, "reply: " + m.getActionsCount() + " actions values for action_dim " + a);
    }
    float[][] actions = new float[m.getActionsCount() / a][a];
    for (int i = 0; i < actions.length; i++) {
      for (int d = 0; d < a; d++) {
        float v = m.getActions(i * a + d);
        if (!Float.isFinite(v)) {
          return new Decoded<>(null, "reply: action " + i + " is not finite");
        }
        actions[i][d] = v;
      }
    }
    return new Decoded<>(new InferenceReply(m.getRobotId(), actions, m.getStepsUsed(), m.getInferenceNanos(),
        m.getBatchSize(), m.getQueuedNanos(), ""), null);
  }
}
