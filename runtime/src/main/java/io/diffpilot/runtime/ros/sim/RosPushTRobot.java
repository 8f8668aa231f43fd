package io.diffpilot.runtime.ros.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.diffpilot.core.ActionChunk;
import io.diffpilot.runtime.ros.control.TrajectoryEncoder;
import io.diffpilot.ros1.msg.Float32MultiArray;
import io.diffpilot.ros1.msg.JointTrajectory;
import io.diffpilot.ros1.msg.MultiArrayLayout;
import io.diffpilot.ros1.msg.RosTime;
import io.diffpilot.ros1.msg.StringMessage;
import io.diffpilot.ros1.node.RosNode;
import io.diffpilot.ros1.tcpros.Publication;
import io.diffpilot.sim.pusht.PushTEnv;
import io.diffpilot.sim.pusht.StepResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated Push-T robot as a ROS node, at its real control rate (10 Hz): it publishes the
 * observation ({@code Float32MultiArray} [obsDim]) each step, executes the newest received
 * {@code JointTrajectory} at the wall-clock time of each step (holding the agent's position
 * before the first chunk and after a chunk's last action), and publishes its progress as JSON on
 * {@code sim_status}.
 */
public final class RosPushTRobot {

  private static final Logger LOG = LoggerFactory.getLogger(RosPushTRobot.class);

  private final RosNode node;
  private final PushTEnv env;
  private volatile ActionChunk chunk;
  private volatile long chunksReceived;
  private final ObjectMapper json = new ObjectMapper();

  /** Episode outcome: steps run, final and best coverage, chunks received. */
  public record Outcome(int steps, double coverage, double maxCoverage, long chunksReceived, boolean success) {}

  public RosPushTRobot(RosNode node, PushTEnv env) {
    this.node = node;
    this.env = env;
  }

  /** Runs one episode from {@code seed}; returns early if the node is shut down. */
  public Outcome runEpisode(long seed) throws InterruptedException {
    Publication<Float32MultiArray> obs = node.advertise("observation", Float32MultiArray.TYPE, false, 4);
    Publication<StringMessage> status = node.advertise("sim_status", StringMessage.TYPE, true, 4);
    node.subscribe("action_chunk", JointTrajectory.TYPE, t -> {
      try {
        chunk = TrajectoryEncoder.decode(t);
        chunksReceived++;
      } catch (IllegalArgumentException e) {
        LOG.warn("ignoring chunk: {}", e.getMessage());
      }
    });
    env.reset(seed);
    long periodNanos = TimeUnit.SECONDS.toNanos(1) / PushTEnv.CONTROL_HZ;
    float[] observation = env.observation();
    float[] hold = {(float) env.state().agentX(), (float) env.state().agentY()};
    double maxCoverage = 0;
    StepResult last = null;
    long next = System.nanoTime();
    while (!env.isDone() && !node.isShutdown()) {
      obs.publish(new Float32MultiArray(MultiArrayLayout.FLAT, observation));
      next += periodNanos;
      long sleep = next - System.nanoTime();
      if (sleep > 0) {
        TimeUnit.NANOSECONDS.sleep(sleep);
      }
      float[] action = actionAt(RosTime.now().toNanos(), hold);
      if (action.length != 2) {
        LOG.warn("chunk actions have width {}, Push-T needs 2: holding", action.length);
        action = hold;
      }
      last = env.step(action);
      hold = action;
      observation = last.observation();
      maxCoverage = Math.max(maxCoverage, last.coverage());
      status.publish(new StringMessage(statusJson(last, maxCoverage)));
    }
    Outcome out = last == null ? new Outcome(0, 0, 0, chunksReceived, false)
        : new Outcome(last.step(), last.coverage(), maxCoverage, chunksReceived, last.success());
    LOG.info("Push-T episode (seed {}) ended: {}", seed, out);
    return out;
  }

  private float[] actionAt(long nowNanos, float[] hold) {
    ActionChunk c = chunk;
    if (c == null || nowNanos < c.startNanos()) {
      return hold;
    }
    int i = (int) Math.min((nowNanos - c.startNanos()) / c.stepNanos(), c.length() - 1);
    return c.actions()[i].clone();
  }

  private String statusJson(StepResult r, double maxCoverage) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("step", r.step());
    m.put("coverage", r.coverage());
    m.put("max_coverage", maxCoverage);
    m.put("chunks_received", chunksReceived);
    m.put("success", r.success());
    m.put("done", r.done());
    try {
      return json.writeValueAsString(m);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
