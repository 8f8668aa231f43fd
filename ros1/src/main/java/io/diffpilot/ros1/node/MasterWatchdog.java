package io.diffpilot.ros1.node;

import io.diffpilot.ros1.master.MasterClient;
import io.diffpilot.ros1.master.MasterUnreachableException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the master on its own daemon thread while the node has registrations. When the master
 * stops answering, and when it answers again, the reachability listener hears of it; when the
 * master answers but no longer knows the node at its slave URI (roscore restarted), the node
 * registers everything again. Stock rospy and roscpp nodes never do; a controller must.
 */
final class MasterWatchdog {

  // The node's logger: these lines are the node's story, and users filter logs by RosNode.
  private static final Logger LOG = LoggerFactory.getLogger(RosNode.class);

  private final MasterClient master;
  private final String masterUri;
  private final String nodeName;
  private final String slaveUri;
  private final Duration poll;
  private final BooleanSupplier hasRegistrations;
  private final Runnable registerAll;
  private final AtomicInteger reRegistrations = new AtomicInteger();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile boolean masterDown;
  private volatile Consumer<Boolean> listener = up -> { };

  /**
   * @param hasRegistrations whether there is anything to register again (no check otherwise)
   * @param registerAll registers every publication, subscription and service again
   */
  MasterWatchdog(MasterClient master, NodeConfig config, String slaveUri, BooleanSupplier hasRegistrations,
      Runnable registerAll) {
    this.master = master;
    this.masterUri = config.masterUri();
    this.nodeName = config.fullName();
    this.slaveUri = slaveUri;
    this.poll = config.masterPoll();
    this.hasRegistrations = hasRegistrations;
    this.registerAll = registerAll;
    this.thread = new Thread(this::watch, "ros-master-watch " + nodeName);
    thread.setDaemon(true);
  }

  /** Starts polling, unless the poll period is zero (no watchdog). */
  void start() {
    if (!poll.isZero()) {
      thread.start();
    }
  }

  void stop() {
    stopped = true;
    thread.interrupt();
  }

  boolean isMasterReachable() {
    return !masterDown;
  }

  int reRegistrationCount() {
    return reRegistrations.get();
  }

  void onMasterReachability(Consumer<Boolean> listener) {
    this.listener = listener == null ? up -> { } : listener;
  }

  private void watch() {
    long pollMillis = poll.toMillis();
    while (!stopped) {
      try {
        Thread.sleep(pollMillis);
      } catch (InterruptedException e) {
        return;
      }
      if (stopped || !hasRegistrations.getAsBoolean()) {
        continue;
      }
      check();
    }
  }

  private void check() {
    try {
      Optional<String> known = master.lookupNode(nodeName);
      if (masterDown) {
        LOG.info("master {} answers again", masterUri);
        masterDown = false;
        notifyListener(true);
      }
      if (known.isEmpty() || !known.get().equals(slaveUri)) {
        LOG.warn("master {} does not know {} (restarted?): registering again", masterUri, nodeName);
        registerAll.run();
        reRegistrations.incrementAndGet();
      }
    } catch (MasterUnreachableException e) {
      if (!masterDown) {
        LOG.warn("lost the master: {}", e.getMessage());
        masterDown = true;
        notifyListener(false);
      }
    } catch (RuntimeException e) {
      LOG.warn("master check failed: {}", e.toString());
    }
  }

  private void notifyListener(boolean up) {
    try {
      listener.accept(up);
    } catch (RuntimeException e) {
      LOG.warn("master reachability listener failed: {}", e.toString());
    }
  }
}
