package io.diffpilot.runtime.fleet;

import io.diffpilot.core.Clock;
import io.diffpilot.core.Observation;
import io.diffpilot.runtime.transport.ControllerTransport;
import io.diffpilot.runtime.transport.OutgoingChunk;
import io.diffpilot.runtime.transport.RuntimeStatus;
import io.diffpilot.runtime.transport.TransportListener;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A robot and its control loop in one process, no wire between them: what {@code run} is on the
 * robot's own computer. The fleet benchmark and tests use it so that the only network hop measured
 * is the one to the inference services.
 */
public final class InProcessTransport implements ControllerTransport {
  private final String robotId;
  private final Clock clock;
  private final Consumer<OutgoingChunk> robot;
  private volatile TransportListener listener;

  /** @param robot receives each chunk on the loop's thread; must not block */
  public InProcessTransport(String robotId, Clock clock, Consumer<OutgoingChunk> robot) {
    this.robotId = Objects.requireNonNull(robotId, "robotId");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.robot = Objects.requireNonNull(robot, "robot");
  }

  @Override
  public void start(TransportListener l) {
    listener = Objects.requireNonNull(l, "listener");
  }

  /** The robot sends one observation; false before the loop has started. */
  public boolean offer(Observation o) {
    TransportListener l = listener;
    if (l == null) {
      return false;
    }
    l.onObservation(robotId, o, clock.nanos());
    return true;
  }

  @Override
  public boolean publishChunk(OutgoingChunk chunk) {
    robot.accept(chunk);
    return true;
  }

  @Override
  public boolean publishStatus(RuntimeStatus status) {
    return true;
  }

  @Override
  public boolean isConnected() {
    return listener != null;
  }

  @Override
  public void close() {}
}
