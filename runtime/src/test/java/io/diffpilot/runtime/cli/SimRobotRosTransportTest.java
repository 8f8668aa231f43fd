package io.diffpilot.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.ros1.msg.Float32MultiArray;
import io.diffpilot.ros1.node.RosNode;
import io.diffpilot.ros1.testing.RoscoreExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code diffpilot sim-robot --transport ros}: the Push-T robot as a ROS node, smoke-tested at tiny size. */
@Tag("ros")
class SimRobotRosTransportTest {

  @RegisterExtension static final RoscoreExtension core = new RoscoreExtension();

  @Test
  void simRobotOverRosPublishesStateObservationsAndEnds() throws Exception {
    List<float[]> seen = new CopyOnWriteArrayList<>();
    try (RosNode listener = RosNode.start(core.nodeConfig("obs_listener"))) {
      listener.subscribe("/simros/observation", Float32MultiArray.TYPE, m -> seen.add(m.data()));
      int code = Main.commandLine().execute("sim-robot", "--transport", "ros", "--max-steps", "20",
          "__master:=" + core.masterUri(), "__ip:=127.0.0.1", "__ns:=/simros");
      assertThat(code).isZero();
    }
    // the listener connects while the robot runs (2 s at 10 Hz); the first few may precede it
    assertThat(seen).isNotEmpty().allSatisfy(o -> assertThat(o).hasSize(5));
  }

  @Test
  void wrongTransportAndMqttOptionsOverRosAreUsageErrors() {
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(err, true));
    assertThat(cl.execute("sim-robot", "--transport", "carrier-pigeon")).isEqualTo(2);
    assertThat(cl.execute("sim-robot", "--transport", "ros", "--broker", "tcp://127.0.0.1:1")).isEqualTo(2);
    assertThat(cl.execute("sim-robot")).isEqualTo(2);
    assertThat(err.toString()).contains("--transport must be mqtt or ros").contains("are MQTT options")
        .contains("--transport mqtt needs --broker URL");
  }
}
