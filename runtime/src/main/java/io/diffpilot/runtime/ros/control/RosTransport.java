package io.diffpilot.runtime.ros.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.diffpilot.core.Clock;
import io.diffpilot.core.Observation;
import io.diffpilot.runtime.ros.master.MasterUnreachableException;
import io.diffpilot.runtime.ros.msg.BoolMessage;
import io.diffpilot.runtime.ros.msg.Float32MultiArray;
import io.diffpilot.runtime.ros.msg.JointState;
import io.diffpilot.runtime.ros.msg.JointTrajectory;
import io.diffpilot.runtime.ros.msg.RosTime;
import io.diffpilot.runtime.ros.msg.StringMessage;
import io.diffpilot.runtime.ros.node.RosNode;
import io.diffpilot.runtime.ros.tcpros.Publication;
import io.diffpilot.runtime.transport.ControllerTransport;
import io.diffpilot.runtime.transport.Fault;
import io.diffpilot.runtime.transport.OutgoingChunk;
import io.diffpilot.runtime.transport.RuntimeStatus;
import io.diffpilot.runtime.transport.TransportException;
import io.diffpilot.runtime.transport.TransportListener;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DiffPilot's control loop over ROS 1: observations from {@code Float32MultiArray} or
 * {@code JointState}, action chunks out as {@code trajectory_msgs/JointTrajectory}, status as a
 * latched {@code std_msgs/String} (JSON), emergency stop from {@code std_msgs/Bool}.
 *
 * <p>Observations are decoded on the subscription's reader thread and handed to the listener
 * there; chunks are serialized once and queued per subscriber, so publishing never waits on the
 * network. The transport owns its {@link RosNode} and closes it.
 */
public final class RosTransport implements ControllerTransport {

  private static final Logger LOG = LoggerFactory.getLogger(RosTransport.class);
  /** Chunks queued per subscriber before the oldest is dropped: a stale chunk is worthless. */
  private static final int CHUNK_QUEUE = 4;

  private final RosNode node;
  private final RosTopics topics;
  private final Clock clock;
  private final ObservationDecoder decoder;
  private final TrajectoryEncoder encoder;
  private final ObjectMapper json = new ObjectMapper();
  private volatile Publication<JointTrajectory> actions;
  private volatile Publication<StringMessage> status;
  private volatile boolean closed;

  /**
   * @param node a started node; this transport closes it
   * @param clock the controller's clock, whose {@code nanos()} is passed as arrival time
   */
  public RosTransport(RosNode node, RosTopics topics, Clock clock) {
    this.node = Objects.requireNonNull(node, "node");
    this.topics = Objects.requireNonNull(topics, "topics");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.decoder = new ObservationDecoder(topics.jointNames());
    this.encoder = new TrajectoryEncoder(topics.actionNames());
  }

  public RosNode node() {
    return node;
  }

  @Override
  public void start(TransportListener listener) throws TransportException {
    Objects.requireNonNull(listener, "listener");
    String robot = topics.robotId();
    try {
      actions = node.advertise(topics.actionTopic(), JointTrajectory.TYPE, false, CHUNK_QUEUE);
      status = node.advertise(topics.statusTopic(), StringMessage.TYPE, true, 8);
      switch (topics.observationType()) {
        case FLOAT32 -> node.subscribe(topics.observationTopic(), Float32MultiArray.TYPE,
            m -> deliver(listener, () -> decoder.fromFloat32(m, RosTime.now().toNanos())));
        case JOINT_STATE -> node.subscribe(topics.observationTopic(), JointState.TYPE,
            m -> deliver(listener, () -> decoder.fromJointState(m, RosTime.now().toNanos())));
      }
      node.subscribe(topics.estopTopic(), BoolMessage.TYPE, m -> {
        try {
          listener.onEmergencyStop(robot, m.data());
        } catch (RuntimeException e) {
          LOG.error("emergency-stop listener failed", e);
        }
      });
      node.onMasterReachability(listener::onConnectionChange);
    } catch (MasterUnreachableException e) {
      throw new TransportException(e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new TransportException("cannot set up the ROS topics of " + robot + ": " + e.getMessage(), e);
    }
    LOG.info("ROS transport for {}: observations {} ({}), chunks {}, status {}, estop {}", robot,
        node.resolve(topics.observationTopic()), topics.observationType(), node.resolve(topics.actionTopic()),
        node.resolve(topics.statusTopic()), node.resolve(topics.estopTopic()));
  }

  private interface Decode {
    Observation get();
  }

  private void deliver(TransportListener listener, Decode decode) {
    long arrived = clock.nanos();
    Observation o;
    try {
      o = decode.get();
    } catch (RuntimeException e) {
      listener.onMalformed(topics.robotId(), "observation on " + node.resolve(topics.observationTopic()) + ": " + e.getMessage());
      return;
    }
    try {
      listener.onObservation(topics.robotId(), o, arrived);
    } catch (RuntimeException e) {
      LOG.error("observation listener failed", e);
    }
  }

  @Override
  public boolean publishChunk(OutgoingChunk chunk) {
    Publication<JointTrajectory> p = actions;
    if (p == null || closed || !chunk.robotId().equals(topics.robotId())) {
      return false;
    }
    try {
      p.publish(encoder.encode(chunk.chunk(), chunk.sequence()));
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
    p.publish(new StringMessage(statusJson(s)));
    return true;
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
    ObjectNode faults = o.putObject("faults");
    for (Map.Entry<Fault, Long> e : s.faults().entrySet()) {
      faults.put(e.getKey().name(), e.getValue());
    }
    o.put("detail", s.detail());
    return o.toString();
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
