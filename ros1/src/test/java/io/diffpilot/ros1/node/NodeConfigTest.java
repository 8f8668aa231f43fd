package io.diffpilot.ros1.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeConfigTest {

  static final Map<String, String> ENV = Map.of("ROS_MASTER_URI", "http://127.0.0.1:11311", "ROS_IP", "127.0.0.1");

  @Test
  void roslaunchArgumentsSetNameNamespaceRemapsAndParams() {
    List<String> rest = new ArrayList<>();
    NodeConfig c = NodeConfig.fromArgs("diffpilot", List.of("--model", "/m", "obs:=/robot/obs", "__name:=ctl",
        "__ns:=/arm1/", "_rate:=20", "__log:=/tmp/x.log", "~chunk:=/out", "status:=health"), ENV, rest);
    assertThat(rest).containsExactly("--model", "/m");
    assertThat(c.fullName()).isEqualTo("/arm1/ctl");
    assertThat(c.remaps()).containsEntry("/arm1/obs", "/robot/obs").containsEntry("/arm1/ctl/chunk", "/out")
        .containsEntry("/arm1/status", "/arm1/health");
    assertThat(c.privateParams()).containsEntry("rate", "20");
    assertThat(c.host()).isEqualTo("127.0.0.1");
  }

  @Test
  void environmentGivesMasterHostAndNamespace() {
    NodeConfig c = NodeConfig.fromArgs("n", List.of(), Map.of("ROS_MASTER_URI", "http://m:1", "ROS_HOSTNAME", "robot.local",
        "ROS_NAMESPACE", "fleet"), new ArrayList<>());
    assertThat(c.masterUri()).isEqualTo("http://m:1");
    assertThat(c.host()).isEqualTo("robot.local");
    assertThat(c.fullName()).isEqualTo("/fleet/n");
    NodeConfig ip = NodeConfig.fromArgs("n", List.of("__ip:=10.0.0.5", "__master:=http://x:2"),
        Map.of("ROS_MASTER_URI", "http://m:1", "ROS_HOSTNAME", "robot.local"), new ArrayList<>());
    assertThat(ip.host()).isEqualTo("10.0.0.5");
    assertThat(ip.masterUri()).isEqualTo("http://x:2");
  }

  @Test
  void missingMasterUriIsAClearError() {
    assertThatThrownBy(() -> NodeConfig.fromArgs("n", List.of(), Map.of(), new ArrayList<>()))
        .hasMessageContaining("ROS_MASTER_URI is not set");
  }

  @Test
  void namesResolveLikeRos() {
    assertThat(GraphNames.resolve("/", "/n", "obs")).isEqualTo("/obs");
    assertThat(GraphNames.resolve("/a", "/a/n", "obs")).isEqualTo("/a/obs");
    assertThat(GraphNames.resolve("/a", "/a/n", "/obs")).isEqualTo("/obs");
    assertThat(GraphNames.resolve("/a", "/a/n", "~joint_names")).isEqualTo("/a/n/joint_names");
    assertThat(GraphNames.resolve("/", "/n", "~")).isEqualTo("/n");
    assertThatThrownBy(() -> GraphNames.resolve("/", "/n", "")).hasMessageContaining("empty");
  }

  @Test
  void bindsLoopbackOnlyWhenAdvertisedAsLiteralLoopback() throws Exception {
    assertThat(RosNode.bindAddress("127.0.0.1").isLoopbackAddress()).isTrue();
    assertThat(RosNode.bindAddress("some-host-name").isAnyLocalAddress()).isTrue();
    assertThat(RosNode.bindAddress("10.1.2.3")).isEqualTo(InetAddress.getByName("0.0.0.0"));
  }
}
