package io.diffpilot.runtime.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diffpilot.core.Clock;
import io.diffpilot.core.Observation;
import io.diffpilot.runtime.transport.Fault;
import io.diffpilot.runtime.transport.OutgoingChunk;
import io.diffpilot.runtime.transport.TransportException;
import io.diffpilot.runtime.transport.TransportListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Controller and robot over Debian's real mosquitto, with password file, ACL and TLS (CA file).
 * Needs /usr/sbin/mosquitto and openssl (scripts/install-test-deps.sh installs them); skipped
 * with a message where they are missing.
 */
class MosquittoEndToEndTest {
  @RegisterExtension
  static final MosquittoProcess mosquitto = new MosquittoProcess();

  private static BrokerConfig tls(String user, String pass) {
    return BrokerConfig.plain(mosquitto.tlsUrl()).withCredentials(user, pass).withCaFile(mosquitto.caFile());
  }

  private static BrokerConfig plain(String user, String pass) {
    return BrokerConfig.plain(mosquitto.plainUrl()).withCredentials(user, pass);
  }

  @Test
  void chunksFlowOverTlsWithPasswords() throws Exception {
    try (Rig rig = new Rig("m-tls", tls("controller", "ctlpw"), tls("robot", "robotpw"))) {
      rig.observeUntil(0.25f, () -> rig.hasPolicyChunkAfter(0));
      OutgoingChunk c = rig.chunks.stream().filter(x -> x.origin() == OutgoingChunk.Origin.POLICY).findFirst().get();
      assertThat(c.robotId()).isEqualTo("m-tls");
    }
  }

  @Test
  void wrongPasswordAndAnonymousAreRefusedWithAClearError() {
    TransportListener ignore = org.mockito.Mockito.mock(TransportListener.class);
    MqttTransport wrong = new MqttTransport(plain("controller", "nope"), Topics.of("m-auth"), Clock.system());
    assertThatThrownBy(() -> wrong.start(ignore)).isInstanceOf(TransportException.class)
        .hasMessageContaining("cannot connect").hasMessageContaining(mosquitto.plainUrl());
    MqttTransport anonymous = new MqttTransport(BrokerConfig.plain(mosquitto.plainUrl()), Topics.of("m-auth"), Clock.system());
    assertThatThrownBy(() -> anonymous.start(ignore)).isInstanceOf(TransportException.class);
  }

  @Test
  void plaintextClientOnTheTlsPortIsRefused() {
    TransportListener ignore = org.mockito.Mockito.mock(TransportListener.class);
    BrokerConfig wrongScheme = BrokerConfig.plain("tcp://127.0.0.1:" + mosquitto.tlsPort).withCredentials("controller", "ctlpw");
    assertThatThrownBy(() -> new MqttTransport(wrongScheme, Topics.of("m-x"), Clock.system()).start(ignore))
        .isInstanceOf(TransportException.class);
  }

  @Test
  void aclStopsAReadOnlyUserFromDrivingTheRobot() throws Exception {
    try (Rig rig = new Rig("m-acl", plain("controller", "ctlpw"), plain("robot", "robotpw"));
        MqttRobotClient viewer = new MqttRobotClient(plain("viewer", "viewpw"), Topics.of("m-acl"), c -> {}, null)) {
      for (int i = 1; i <= 5; i++) {
        viewer.publishObservation(new Observation(1000 + i, rig.clock.nanos(), new float[] {9, 9}));
      }
      rig.observeUntil(0.1f, () -> rig.loop.status().observationsAccepted() >= 3);
      Thread.sleep(200);
      // Only the robot's own observations (sequence 1, 2, …) got in: the viewer's 1001…1005 were
      // denied by the broker (MQTT 3.1.1 drops them silently), so none of them is ever answered.
      assertThat(rig.chunks).noneMatch(c -> c.answersObservationSequence() > 1000);
      assertThat(rig.loop.faultCount(Fault.OUT_OF_ORDER)).isZero();
    }
  }

  @Test
  void brokerKilledAndRestartedMidRunReconnectsResubscribesAndResumes() throws Exception {
    try (Rig rig = new Rig("m-restart", tls("controller", "ctlpw"), tls("robot", "robotpw"))) {
      rig.observeUntil(1f, () -> rig.hasPolicyChunkAfter(0));
      mosquitto.kill();
      Rig.await(() -> !rig.transport.isConnected() && !rig.robotClient.isConnected());
      mosquitto.start();
      long before = rig.seq;
      rig.observeUntil(2f, () -> rig.hasPolicyChunkAfter(before));
      assertThat(rig.loop.faultCount(Fault.CONNECTION_LOST)).isGreaterThanOrEqualTo(1);
    }
  }
}
