package io.diffpilot.runtime.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.core.Clock;
import io.diffpilot.core.Observation;
import io.diffpilot.runtime.fake.FixedCostPolicy;
import io.diffpilot.runtime.control.ControlConfig;
import io.diffpilot.runtime.control.ControlLoop;
import io.diffpilot.runtime.transport.OutgoingChunk;
import io.diffpilot.runtime.transport.RuntimeStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** A controller and a robot client over one broker, with helpers to wait for what crosses it. */
final class Rig implements AutoCloseable {
  static final long MS = 1_000_000L;
  final String robot;
  final Clock clock = Clock.system();
  final MqttTransport transport;
  final ControlLoop loop;
  final MqttRobotClient robotClient;
  final List<OutgoingChunk> chunks = new CopyOnWriteArrayList<>();
  final List<RuntimeStatus> statuses = new CopyOnWriteArrayList<>();
  long seq;

  Rig(String robot, BrokerConfig controllerBroker, BrokerConfig robotBroker) throws Exception {
    this.robot = robot;
    ControlConfig config = ControlConfig.defaults(robot).withBudget(40 * MS, 2, 8)
        .withTiming(20 * MS, 4, 300 * MS, 500 * MS);
    transport = new MqttTransport(controllerBroker, Topics.of(robot), clock);
    loop = new ControlLoop(config, new FixedCostPolicy(2, 2, 8, 2, 1 * MS), transport, clock, null);
    loop.start(10 * MS);
    robotClient = new MqttRobotClient(robotBroker, Topics.of(robot), chunks::add, statuses::add);
  }

  /** Publishes one observation [x, x] stamped now. */
  boolean observe(float x) {
    return robotClient.publishObservation(new Observation(++seq, clock.nanos(), new float[] {x, x}));
  }

  /** Publishes observations every 20 ms until {@code done} holds (or 20 s pass). */
  void observeUntil(float x, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000 * MS;
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 20 s for the condition").isLessThan(deadline);
      observe(x);
      Thread.sleep(20);
    }
  }

  static void await(BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000 * MS;
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 20 s for the condition").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  boolean hasPolicyChunkAfter(long obsSeq) {
    return chunks.stream().anyMatch(c -> c.origin() == OutgoingChunk.Origin.POLICY && c.answersObservationSequence() > obsSeq);
  }

  @Override
  public void close() {
    robotClient.close();
    loop.close();
  }
}
