package io.diffpilot.runtime.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.diffpilot.runtime.transport.Fault;
import org.slf4j.LoggerFactory;
import io.diffpilot.runtime.transport.OutgoingChunk;
import io.diffpilot.runtime.transport.RuntimeStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Controller and robot over the embedded HiveMQ CE broker (MQTT 5) on loopback. */
class EmbeddedBrokerEndToEndTest {
  private EmbeddedBroker broker;

  @BeforeEach
  void startBroker() throws Exception {
    broker = EmbeddedBroker.start(0);
  }

  @AfterEach
  void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void observationsInTimestampedChunksOut() throws Exception {
    try (Rig rig = new Rig("e2e-flow", BrokerConfig.plain(broker.url()), BrokerConfig.plain(broker.url()))) {
      rig.observeUntil(0.5f, () -> rig.hasPolicyChunkAfter(0));
      OutgoingChunk c = rig.chunks.stream().filter(x -> x.origin() == OutgoingChunk.Origin.POLICY).findFirst().get();
      assertThat(c.chunk().actions()[0][0]).isCloseTo(0.5f, within(0.1f)); // answers [0.5, 0.5]
      assertThat(c.stepsUsed()).isBetween(2, 8);
      assertThat(c.chunk().stepNanos()).isEqualTo(20 * Rig.MS);
      Rig.await(() -> rig.statuses.stream().anyMatch(s -> s.state() == RuntimeStatus.State.RUNNING));
    }
  }

  @Test
  void malformedPayloadOnTheWireIsCountedNotFatal() throws Exception {
    try (Rig rig = new Rig("e2e-bad", BrokerConfig.plain(broker.url()), BrokerConfig.plain(broker.url()))) {
      rig.robotClient.publishRawObservation(new byte[] {(byte) 0xff, 0x01, 0x02});
      Rig.await(() -> rig.loop.faultCount(Fault.MALFORMED_PAYLOAD) >= 1);
      rig.observeUntil(1f, () -> rig.hasPolicyChunkAfter(0)); // still serving
    }
  }

  @Test
  void emergencyStopOverTheWireHoldsAndWins() throws Exception {
    try (Rig rig = new Rig("e2e-estop", BrokerConfig.plain(broker.url()), BrokerConfig.plain(broker.url()))) {
      rig.observeUntil(1f, () -> rig.hasPolicyChunkAfter(0));
      rig.robotClient.publishEmergencyStop(true, rig.clock.nanos(), "test operator");
      rig.observeUntil(1f, () -> rig.chunks.stream().anyMatch(c -> c.origin() == OutgoingChunk.Origin.EMERGENCY_STOP));
      long stopAt = rig.seq;
      for (int i = 0; i < 20; i++) {
        rig.observe(1f);
        Thread.sleep(10);
      }
      assertThat(rig.hasPolicyChunkAfter(stopAt + 1)).isFalse();
      assertThat(rig.loop.status().state()).isEqualTo(RuntimeStatus.State.EMERGENCY_STOPPED);
      rig.robotClient.publishEmergencyStop(false, rig.clock.nanos(), "test operator");
      long releasedAfter = rig.seq + 5;
      rig.observeUntil(1f, () -> rig.hasPolicyChunkAfter(releasedAfter));
    }
  }

  @Test
  void brokerRestartMidRunReconnectsResubscribesAndResumes() throws Exception {
    try (Rig rig = new Rig("e2e-restart", BrokerConfig.plain(broker.url()), BrokerConfig.plain(broker.url()))) {
      rig.observeUntil(1f, () -> rig.hasPolicyChunkAfter(0));
      broker.stop();
      Rig.await(() -> !rig.transport.isConnected());
      Thread.sleep(300);
      broker.restart();
      long before = rig.seq;
      rig.observeUntil(2f, () -> rig.hasPolicyChunkAfter(before));
      assertThat(rig.loop.faultCount(Fault.CONNECTION_LOST)).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void lastWillMarksTheControllerOffline() throws Exception {
    try (Rig rig = new Rig("e2e-will", BrokerConfig.plain(broker.url()), BrokerConfig.plain(broker.url()))) {
      rig.observeUntil(1f, () -> rig.hasPolicyChunkAfter(0));
      rig.transport.crashForTest();
      Rig.await(() -> rig.statuses.stream().anyMatch(s -> s.state() == RuntimeStatus.State.OFFLINE
          && s.detail().contains("last will")));
    }
  }

  @Test
  void tenMegabyteObservationIsRefusedWithOneLogLineAndServingGoesOn() throws Exception {
    Logger linkLog = (Logger) LoggerFactory.getLogger(MqttLink.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    linkLog.addAppender(lines);
    try (Rig rig = new Rig("e2e-10mb", BrokerConfig.plain(broker.url()), BrokerConfig.plain(broker.url()))) {
      rig.observeUntil(1f, () -> rig.hasPolicyChunkAfter(0));
      byte[] tenMegabytes = new byte[10 * 1024 * 1024];
      for (int i = 0; i < 3; i++) {
        assertThat(rig.robotClient.publishRawObservation(tenMegabytes)).isFalse();
      }
      assertThat(rig.robotClient.oversizeRefused()).isEqualTo(3);
      assertThat(lines.list).filteredOn(e -> e.getFormattedMessage().contains("not sent")).hasSize(1)
          .allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull())
          .allSatisfy(e -> assertThat(e.getFormattedMessage()).contains("10485760 bytes"));
      long before = rig.seq;
      rig.observeUntil(1f, () -> rig.hasPolicyChunkAfter(before)); // the connection survived
      assertThat(rig.robotClient.isConnected()).isTrue();
    } finally {
      linkLog.detachAppender(lines);
    }
  }
}
