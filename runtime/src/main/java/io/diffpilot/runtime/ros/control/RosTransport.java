package io.diffpilot.runtime.ros.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.diffpilot.core.Clock;
import io.diffpilot.core.Observation;
import io.diffpilot.policy.backend.BackendReport;
import io.diffpilot.ros1.master.MasterUnreachableException;
import io.diffpilot.ros1.msg.BoolMessage;
import io.diffpilot.ros1.msg.DiagnosticArray;
import io.diffpilot.ros1.msg.DiagnosticStatus;
import io.diffpilot.ros1.msg.Float32MultiArray;
import io.diffpilot.ros1.msg.Header;
import io.diffpilot.ros1.msg.JointState;
import io.diffpilot.ros1.msg.JointTrajectory;
import io.diffpilot.ros1.msg.RosTime;
import io.diffpilot.ros1.msg.RosoutLog;
import io.diffpilot.ros1.msg.StdSrvs;
import io.diffpilot.ros1.msg.StringMessage;
import io.diffpilot.ros1.node.RosNode;
import io.diffpilot.ros1.tcpros.Publication;
import io.diffpilot.runtime.transport.ControllerTransport;
import io.diffpilot.runtime.transport.Fault;
import io.diffpilot.runtime.transport.OutgoingChunk;
import io.diffpilot.runtime.transport.RuntimeStatus;
import io.diffpilot.runtime.transport.TransportException;
import io.diffpilot.runtime.transport.TransportListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DiffPilot's control loop over ROS 1: observations from {@code Float32MultiArray} or (stamped)
 * {@code JointState}, action chunks out as {@code trajectory_msgs/JointTrajectory}, status as a
 * latched {@code std_msgs/String} (JSON) and as {@code diagnostic_msgs/DiagnosticArray} on
 * {@code /diagnostics}, emergency stop from {@code std_msgs/Bool} and the services
 * {@code ~emergency_stop} ({@code std_srvs/SetBool}) and {@code ~reset} ({@code std_srvs/Trigger}).
 *
 * <p>With stamped observations ({@code JointState}) each chunk's header stamp is the stamp of the
 * observation it answers and its points' {@code time_from_start} count from there, so a robot can
 * match chunk to observation; unstamped observations keep the stamp = time of the first action.
 *
 * <p>Observations are decoded on the subscription's reader thread and handed to the listener
 * there; chunks are serialized once and queued per subscriber, so publishing never waits on the
 * network. The transport owns its {@link RosNode} and closes it.
 */
public final class RosTransport implements ControllerTransport {

  private static final Logger LOG = LoggerFactory.getLogger(RosTransport.class);
  /** Chunks queued per subscriber before the oldest is dropped: a stale chunk is worthless. */
  private static final int CHUNK_QUEUE = 4;
  /** Observation stamps remembered to stamp the chunks that answer them. */
  private static final int STAMPS_KEPT = 256;
  /** A state change is put on /rosout at most this often per state (flapping under load). */
  private static final long STATE_LOG_INTERVAL_NANOS = 5_000_000_000L;

  private final RosNode node;
  private final RosTopics topics;
  private final Clock clock;
  private final Optional<BackendReport> inference;
  private final ObservationDecoder decoder;
  private final TrajectoryEncoder encoder;
  private final ObjectMapper json = new ObjectMapper();
  private final long[] stampSeq = new long[STAMPS_KEPT];
  private final long[] stampNanos = new long[STAMPS_KEPT];
  private final Map<RuntimeStatus.State, Long> stateLoggedAt = new LinkedHashMap<>();
  private volatile Publication<JointTrajectory> actions;
  private volatile Publication<StringMessage> status;
  private volatile Publication<DiagnosticArray> diagnostics;
  private volatile TransportListener listener;
  private volatile RuntimeStatus lastStatus;
  private RuntimeStatus.State loggedState;
  private int unloggedStateChanges;
  private volatile boolean closed;

  /** Without a backend report (fake policies, benchmarks). */
  public RosTransport(RosNode node, RosTopics topics, Clock clock) {
    this(node, topics, clock, null);
  }

  /**
   * @param node a started node; this transport closes it
   * @param clock the controller's clock, whose {@code nanos()} is passed as arrival time
   * @param inference what runs the policy, for the log, the status and the diagnostics; null if unknown
   */
  public RosTransport(RosNode node, RosTopics topics, Clock clock, BackendReport inference) {
    this.node = Objects.requireNonNull(node, "node");
    this.topics = Objects.requireNonNull(topics, "topics");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.inference = Optional.ofNullable(inference);
    this.decoder = new ObservationDecoder(topics.jointNames());
    this.encoder = new TrajectoryEncoder(topics.actionNames());
  }

  public RosNode node() {
    return node;
  }

  @Override
  public void start(TransportListener listener) throws TransportException {
    this.listener = Objects.requireNonNull(listener, "listener");
    String robot = topics.robotId();
    try {
      actions = node.advertise(topics.actionTopic(), JointTrajectory.TYPE, false, CHUNK_QUEUE);
      status = node.advertise(topics.statusTopic(), StringMessage.TYPE, true, 8);
      diagnostics = node.advertise("/diagnostics", DiagnosticArray.TYPE, false, 8);
      switch (topics.observationType()) {
        case FLOAT32 -> node.subscribe(topics.observationTopic(), Float32MultiArray.TYPE,
            m -> deliver(listener, () -> decoder.fromFloat32(m, RosTime.now().toNanos()), false));
        case JOINT_STATE -> node.subscribe(topics.observationTopic(), JointState.TYPE,
            m -> deliver(listener, () -> decoder.fromJointState(m, RosTime.now().toNanos()), true));
      }
      node.subscribe(topics.estopTopic(), BoolMessage.TYPE, m -> emergencyStop(m.data(), "topic " + node.resolve(topics.estopTopic())));
      node.advertiseService("~emergency_stop", StdSrvs.SET_BOOL, req -> {
        emergencyStop(req.data(), "service call");
        return new StdSrvs.Response(true, "emergency stop " + (req.data() ? "engaged" : "released") + " for " + robot);
      });
      node.advertiseService("~reset", StdSrvs.TRIGGER, req -> {
        emergencyStop(false, "reset service");
        RuntimeStatus s = lastStatus;
        return new StdSrvs.Response(true, "emergency stop released for " + robot + "; state "
            + (s == null ? "STARTING" : s.state().name()));
      });
      node.onMasterReachability(listener::onConnectionChange);
    } catch (MasterUnreachableException e) {
      throw new TransportException(e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new TransportException("cannot set up the ROS topics of " + robot + ": " + e.getMessage(), e);
    }
    node.rosout(RosoutLog.INFO, LOG, "ROS transport for " + robot + ": observations " + node.resolve(topics.observationTopic())
        + " (" + topics.observationType() + "), chunks " + node.resolve(topics.actionTopic()) + ", status "
        + node.resolve(topics.statusTopic()) + " and /diagnostics, estop " + node.resolve(topics.estopTopic())
        + ", services " + node.resolve("~emergency_stop") + " and " + node.resolve("~reset"));
    inference.ifPresent(r -> {
      if (r.fallback().isPresent()) {
        node.rosout(RosoutLog.WARN, LOG, "!!! SLOW INFERENCE: " + r.summary() + " !!! " + r.fallback().get());
      } else {
        node.rosout(RosoutLog.INFO, LOG, "inference backend " + r.backend() + ", kernel " + r.kernel());
      }
    });
  }

  private void emergencyStop(boolean engaged, String via) {
    TransportListener l = listener;
    node.rosout(engaged ? RosoutLog.WARN : RosoutLog.INFO, LOG,
        "emergency stop " + (engaged ? "engaged" : "released") + " for " + topics.robotId() + " by " + via);
    try {
      l.onEmergencyStop(topics.robotId(), engaged);
    } catch (RuntimeException e) {
      LOG.error("emergency-stop listener failed", e);
    }
  }

  private interface Decode {
    Observation get();
  }

  private void deliver(TransportListener listener, Decode decode, boolean stamped) {
    long arrived = clock.nanos();
    Observation o;
    try {
      o = decode.get();
    } catch (RuntimeException e) {
      listener.onMalformed(topics.robotId(), "observation on " + node.resolve(topics.observationTopic()) + ": " + e.getMessage());
      return;
    }
    if (stamped) {
      synchronized (stampSeq) {
        int i = (int) Math.floorMod(o.sequence(), (long) STAMPS_KEPT);
        stampSeq[i] = o.sequence();
        stampNanos[i] = o.captureNanos();
      }
    }
    try {
      listener.onObservation(topics.robotId(), o, arrived);
    } catch (RuntimeException e) {
      LOG.error("observation listener failed", e);
    }
  }

  /** The stamp of stamped observation {@code sequence}, if still remembered. */
  private Optional<Long> observationStamp(long sequence) {
    if (topics.observationType() != ObservationType.JOINT_STATE || sequence < 0) {
      return Optional.empty();
    }
    synchronized (stampSeq) {
      int i = (int) Math.floorMod(sequence, (long) STAMPS_KEPT);
      return stampSeq[i] == sequence && sequence != 0 ? Optional.of(stampNanos[i]) : Optional.empty();
    }
  }

  @Override
  public boolean publishChunk(OutgoingChunk chunk) {
    Publication<JointTrajectory> p = actions;
    if (p == null || closed || !chunk.robotId().equals(topics.robotId())) {
      return false;
    }
    try {
      long reference = observationStamp(chunk.answersObservationSequence()).orElse(chunk.chunk().startNanos());
      p.publish(encoder.encode(chunk.chunk(), chunk.sequence(), reference));
      return true;
    } catch (RuntimeException e) {
      LOG.warn("chunk {} not published: {}", chunk.sequence(), e.getMessage());
      return false;
    }
  }

  @Override
  public boolean publishStatus(RuntimeStatus s) {
    Publication<StringMessage> p = status;
    if (p == null || closed) {
      return false;
    }
    logStateChange(s);
    lastStatus = s;
    p.publish(new StringMessage(statusJson(s)));
    Publication<DiagnosticArray> d = diagnostics;
    if (d != null) {
      d.publish(new DiagnosticArray(new Header(0, RosTime.now(), ""), List.of(diagnosticStatus(s))));
    }
    return true;
  }

  private synchronized void logStateChange(RuntimeStatus s) {
    if (s.state() == loggedState) {
      return;
    }
    long now = clock.nanos();
    Long last = stateLoggedAt.get(s.state());
    if (last != null && now - last < STATE_LOG_INTERVAL_NANOS && s.state() != RuntimeStatus.State.OFFLINE) {
      unloggedStateChanges++;
      return;
    }
    stateLoggedAt.put(s.state(), now);
    String more = unloggedStateChanges == 0 ? "" : " (" + unloggedStateChanges + " more state changes not logged)";
    unloggedStateChanges = 0;
    int level = switch (s.state()) {
      case RUNNING, STARTING, OFFLINE -> RosoutLog.INFO;
      case HOLDING, EMERGENCY_STOPPED -> RosoutLog.WARN;
    };
    node.rosout(level, LOG, topics.robotId() + ": " + (loggedState == null ? "" : loggedState + " -> ") + s.state()
        + (s.detail().isEmpty() ? "" : ": " + s.detail()) + more);
    loggedState = s.state();
  }

  /** Milliseconds per denoising step of the last policy chunk, or NaN before the first. */
  static double perStepMillis(RuntimeStatus s) {
    return s.lastStepsUsed() > 0 ? s.lastInferenceNanos() / 1e6 / s.lastStepsUsed() : Double.NaN;
  }

  /** The status as one JSON object (what {@code rostopic echo} shows). */
  String statusJson(RuntimeStatus s) {
    ObjectNode o = json.createObjectNode();
    o.put("robot_id", s.robotId());
    o.put("state", s.state().name());
    o.put("stamp_nanos", s.stampNanos());
    o.put("observations_accepted", s.observationsAccepted());
    o.put("chunks_published", s.chunksPublished());
    o.put("last_steps_used", s.lastStepsUsed());
    o.put("last_inference_nanos", s.lastInferenceNanos());
    double perStep = perStepMillis(s);
    if (!Double.isNaN(perStep)) {
      o.put("step_ms", Math.round(perStep * 1000) / 1000.0);
    }
    inference.ifPresent(r -> {
      ObjectNode i = o.putObject("inference");
      i.put("backend", r.backend());
      i.put("kernel", r.kernel());
      r.fallback().ifPresent(f -> i.put("fallback", f));
    });
    ObjectNode faults = o.putObject("faults");
    for (Map.Entry<Fault, Long> e : s.faults().entrySet()) {
      faults.put(e.getKey().name(), e.getValue());
    }
    o.put("detail", s.detail());
    return o.toString();
  }

  /**
   * The status as one {@code DiagnosticStatus}: level OK while RUNNING with the fast backend,
   * WARN while starting, holding or on a slow fallback, ERROR under emergency stop, STALE offline.
   */
  DiagnosticStatus diagnosticStatus(RuntimeStatus s) {
    boolean fallback = inference.flatMap(BackendReport::fallback).isPresent();
    int level = switch (s.state()) {
      case RUNNING -> fallback ? DiagnosticStatus.WARN : DiagnosticStatus.OK;
      case STARTING, HOLDING -> DiagnosticStatus.WARN;
      case EMERGENCY_STOPPED -> DiagnosticStatus.ERROR;
      case OFFLINE -> DiagnosticStatus.STALE;
    };
    List<DiagnosticStatus.KeyValue> v = new ArrayList<>();
    v.add(new DiagnosticStatus.KeyValue("state", s.state().name()));
    v.add(new DiagnosticStatus.KeyValue("observations_accepted", Long.toString(s.observationsAccepted())));
    v.add(new DiagnosticStatus.KeyValue("chunks_published", Long.toString(s.chunksPublished())));
    v.add(new DiagnosticStatus.KeyValue("last_steps_used", Integer.toString(s.lastStepsUsed())));
    v.add(new DiagnosticStatus.KeyValue("last_inference_ms", String.format(Locale.ROOT, "%.3f", s.lastInferenceNanos() / 1e6)));
    double perStep = perStepMillis(s);
    v.add(new DiagnosticStatus.KeyValue("step_ms", Double.isNaN(perStep) ? "" : String.format(Locale.ROOT, "%.3f", perStep)));
    inference.ifPresent(r -> {
      v.add(new DiagnosticStatus.KeyValue("backend", r.backend()));
      v.add(new DiagnosticStatus.KeyValue("kernel", r.kernel()));
      r.fallback().ifPresent(f -> v.add(new DiagnosticStatus.KeyValue("fallback", f)));
    });
    for (Map.Entry<Fault, Long> e : s.faults().entrySet()) {
      v.add(new DiagnosticStatus.KeyValue("fault " + e.getKey().name(), Long.toString(e.getValue())));
    }
    String message = s.state().name() + (s.detail().isEmpty() ? "" : ": " + s.detail())
        + (fallback ? " (slow inference fallback)" : "");
    return new DiagnosticStatus(level, "diffpilot: " + s.robotId() + " controller", message, s.robotId(), v);
  }

  @Override
  public boolean isConnected() {
    return !closed && !node.isShutdown() && node.isMasterReachable();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    publishStatus(RuntimeStatus.offline(topics.robotId(), clock.nanos()));
    closed = true;
    node.close();
  }
}
