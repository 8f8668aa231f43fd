package io.diffpilot.runtime.record;

import static io.diffpilot.ros1.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.core.Episode;
import io.diffpilot.demos.dataset.DatasetSchema;
import io.diffpilot.demos.dataset.Feature;
import io.diffpilot.demos.lerobot.LeRobotDataset;
import io.diffpilot.demos.record.EpisodeRecorder;
import io.diffpilot.ros1.msg.Header;
import io.diffpilot.ros1.msg.JointState;
import io.diffpilot.ros1.msg.JointTrajectory;
import io.diffpilot.ros1.msg.JointTrajectoryPoint;
import io.diffpilot.ros1.msg.RosDuration;
import io.diffpilot.ros1.msg.RosTime;
import io.diffpilot.ros1.msg.StringMessage;
import io.diffpilot.ros1.node.RosNode;
import io.diffpilot.ros1.tcpros.Publication;
import io.diffpilot.ros1.testing.RoscoreExtension;
import io.diffpilot.runtime.ros.control.ObservationType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RosRecordSource} with robot-stamped messages: {@code JointState} observations (reordered
 * by joint name) and {@code JointTrajectory} first points, both on the robot's clock, so the step
 * count and pairing are exact; a trajectory without points is counted as malformed.
 */
@Tag("ros")
class RosJointRecordTest {

  @TempDir static Path temp;
  @RegisterExtension static final RoscoreExtension core = new RoscoreExtension();

  static final long T0 = 1_700_000_000_000_000_000L;
  static final long STEP = 100_000_000L;

  @Test
  void jointStatesAndTrajectoryFirstPointsPairByRobotStamps() throws Exception {
    Path out = temp.resolve("joint-demos");
    StringWriter log = new StringWriter();
    DatasetSchema schema = new DatasetSchema(10, Map.of("state", Feature.observation("state", 2, List.of())),
        Feature.action(2, List.of()));
    LiveRecorder recorder = new LiveRecorder(EpisodeRecorder.open(out, schema, "arm", 50_000_000L), "state", "demo",
        new PrintWriter(log, true));
    try (RosNode node = RosNode.start(core.nodeConfig("joint_recorder", "__ns:=/j"));
        RosNode robot = RosNode.start(core.nodeConfig("joint_robot"))) {
      RosRecordSource.attach(node, new RosRecordSource.Topics("joint_states", ObservationType.JOINT_STATE,
          List.of("elbow", "shoulder"), "command", RosRecordSource.ActionType.JOINT_TRAJECTORY, "record"), recorder);
      Publication<JointState> js = robot.advertise("/j/joint_states", JointState.TYPE, false, 64);
      Publication<JointTrajectory> cmd = robot.advertise("/j/command", JointTrajectory.TYPE, false, 64);
      Publication<StringMessage> marker = robot.advertise("/j/record", StringMessage.TYPE, false, 8);
      await("the recorder to subscribe", Duration.ofSeconds(20),
          () -> js.subscriberCount() == 1 && cmd.subscriberCount() == 1 && marker.subscriberCount() == 1);
      marker.publish(new StringMessage("start wave"));
      await("the episode to start", Duration.ofSeconds(10), () -> recorder.recorder().recording());
      for (int k = 0; k < 6; k++) {
        long t = T0 + k * STEP;
        js.publish(new JointState(new Header(k, RosTime.ofNanos(t), ""), List.of("shoulder", "elbow"),
            new double[] {k, 10 + k}, new double[0], new double[0]));
        // the command for this step: stamped 10 ms after the state, point 0 at +0. The two topics
        // are separate connections, so the command may overtake the state: it is then rejected
        // (no observation within the 50 ms max age) and sent again.
        JointTrajectory command = new JointTrajectory(new Header(k, RosTime.ofNanos(t + 10_000_000L), ""),
            List.of("shoulder", "elbow"), List.of(JointTrajectoryPoint.positions(new double[] {-k, -10 - k}, RosDuration.ofNanos(0))));
        int step = k + 1;
        for (int attempt = 0; recorder.recorder().steps() < step; attempt++) {
          assertThat(attempt).as("command %d never made a step: %s", k, recorder.summary()).isLessThan(40);
          cmd.publish(command);
          long until = System.currentTimeMillis() + 500;
          while (recorder.recorder().steps() < step && System.currentTimeMillis() < until) {
            Thread.sleep(10);
          }
        }
      }
      cmd.publish(new JointTrajectory(new Header(9, RosTime.ofNanos(T0 + 7 * STEP), ""), List.of(), List.of()));
      await("the empty trajectory to be counted", Duration.ofSeconds(10), () -> recorder.malformedCount() == 1);
      marker.publish(new StringMessage("save"));
      await("the episode to be saved", Duration.ofSeconds(30), () -> recorder.savedEpisodes() == 1);
    } finally {
      recorder.close();
    }
    Episode e = LeRobotDataset.open(out).episode(0);
    assertThat(e.task()).isEqualTo("wave");
    assertThat(e.length()).isEqualTo(6);
    for (int k = 0; k < 6; k++) {
      assertThat(e.observation("state")[k]).containsExactly(10 + k, k); // elbow, shoulder
      assertThat(e.actions()[k]).containsExactly(-k, -10 - k);
    }
  }
}
