package io.diffpilot.ros1.node;

import io.diffpilot.ros1.master.MasterClient;
import io.diffpilot.ros1.master.MasterUnreachableException;
import io.diffpilot.ros1.msg.MessageType;
import io.diffpilot.ros1.msg.Header;
import io.diffpilot.ros1.msg.RosMessage;
import io.diffpilot.ros1.msg.RosTime;
import io.diffpilot.ros1.msg.RosoutLog;
import io.diffpilot.ros1.msg.ServiceType;
import io.diffpilot.ros1.slave.SlaveServer;
import io.diffpilot.ros1.tcpros.Publication;
import io.diffpilot.ros1.tcpros.ServiceServer;
import io.diffpilot.ros1.tcpros.Subscription;
import io.diffpilot.ros1.tcpros.TcprosServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ROS 1 node: registered with the master, serving the slave API (XML-RPC) and TCPROS.
 *
 * <p>It unregisters everything when closed, and from a JVM shutdown hook on SIGINT/SIGTERM
 * (roslaunch stops nodes with SIGINT). A watchdog polls the master; when the master restarted
 * (it no longer knows this node) every publication, subscription and service is registered
 * again. Like rospy and roscpp it publishes its log lines on {@code /rosout} ({@link #rosout}).
 */
public final class RosNode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RosNode.class);

  private final NodeConfig config;
  private final String fullName;
  private final MasterClient master;
  private final SlaveServer slave;
  private final TcprosServer tcpros;
  private final Map<String, Publication<?>> publications = new ConcurrentHashMap<>();
  private final Map<String, Subscription<?>> subscriptions = new ConcurrentHashMap<>();
  private final Map<String, ServiceServer<?, ?>> services = new ConcurrentHashMap<>();
  private final AtomicInteger rosoutSeq = new AtomicInteger();
  private volatile Publication<RosoutLog> rosout;
  private final AtomicInteger connectionIds = new AtomicInteger();
  private final CountDownLatch shutdown = new CountDownLatch(1);
  private final Thread shutdownHook;
  private final MasterWatchdog watchdog;
  private volatile boolean closed;
  private volatile String shutdownReason = "";

  private RosNode(NodeConfig config) throws IOException {
    this.config = config;
    this.fullName = config.fullName();
    this.master = new MasterClient(config.masterUri(), fullName, config.masterTimeout());
    // Fail early and clearly when no master answers.
    master.getUri();
    InetAddress bind = bindAddress(config.host());
    this.slave = new SlaveServer(bind, config.host(),
        new NodeSlave(config, publications, subscriptions, this::tcprosPort, this::shutdownRequested));
    this.tcpros = new TcprosServer(bind, config.host(), publications::get, services::get);
    for (Map.Entry<String, String> p : config.privateParams().entrySet()) {
      master.setParam(resolve("~" + p.getKey()), ParamValues.parse(p.getValue()));
    }
    this.shutdownHook = new Thread(this::closeFromHook, "ros-shutdown " + fullName);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    this.watchdog = new MasterWatchdog(master, config, slave.uri(),
        () -> !publications.isEmpty() || !subscriptions.isEmpty(), this::registerAll);
    watchdog.start();
    this.rosout = advertise("/rosout", RosoutLog.TYPE, false, 100);
    rosout(RosoutLog.INFO, LOG, "node " + fullName + " up: slave " + slave.uri() + ", TCPROS " + config.host() + ":"
        + tcpros.port() + ", master " + config.masterUri());
  }

  /**
   * Logs {@code message} to {@code log} and publishes it on {@code /rosout} (rosgraph_msgs/Log,
   * what rqt_console and {@code /rosout_agg} show), as rospy's and roscpp's loggers do.
   *
   * @param level {@link RosoutLog#DEBUG} … {@link RosoutLog#FATAL}
   */
  public void rosout(int level, Logger log, String message) {
    switch (level) {
      case RosoutLog.DEBUG -> log.debug("{}", message);
      case RosoutLog.INFO -> log.info("{}", message);
      case RosoutLog.WARN -> log.warn("{}", message);
      default -> log.error("{}", message);
    }
    Publication<RosoutLog> p = rosout;
    if (p == null || closed) {
      return;
    }
    try {
      p.publish(new RosoutLog(new Header(rosoutSeq.incrementAndGet(), RosTime.now(), ""), level, fullName, message,
          log.getName(), "", 0, List.copyOf(publications.keySet())));
    } catch (RuntimeException e) {
      log.debug("rosout publish failed: {}", e.toString());
    }
  }

  /**
   * Starts a node.
   *
   * @throws MasterUnreachableException when no master answers at {@code config.masterUri()}
   */
  public static RosNode start(NodeConfig config) {
    try {
      return new RosNode(config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the node's sockets", e);
    }
  }

  /**
   * Binds where we are advertised when that is loopback given literally (ROS_IP=127.0.0.1 or
   * localhost), else everywhere, as roscpp does: other machines must reach us at
   * ROS_IP/ROS_HOSTNAME, and a host name may resolve to 127.0.1.1 locally but not elsewhere.
   */
  static InetAddress bindAddress(String host) throws IOException {
    boolean literal = host.equals("localhost") || host.matches("[0-9.]+") || host.contains(":");
    if (literal) {
      InetAddress a = InetAddress.getByName(host);
      if (a.isLoopbackAddress()) {
        return a;
      }
    }
    return InetAddress.getByName("0.0.0.0");
  }

  public String name() {
    return fullName;
  }

  public String slaveUri() {
    return slave.uri();
  }

  public int tcprosPort() {
    return tcpros.port();
  }

  public MasterClient master() {
    return master;
  }

  /** True unless the last master check failed. */
  public boolean isMasterReachable() {
    return watchdog.isMasterReachable();
  }

  /**
   * Called with {@code false} when the master stops answering and {@code true} when it answers
   * again (from the watchdog thread).
   */
  public void onMasterReachability(Consumer<Boolean> listener) {
    watchdog.onMasterReachability(listener);
  }

  /** Times the node registered again after losing its master. */
  public int reRegistrationCount() {
    return watchdog.reRegistrationCount();
  }

  /** Incoming TCPROS connections dropped (garbage header, wrong md5, unknown topic). */
  public long rejectedConnectionCount() {
    return tcpros.rejectedCount();
  }

  /** Resolves a graph name against this node's namespace and name, then applies the remaps. */
  public String resolve(String name) {
    String r = GraphNames.resolve(config.namespace(), fullName, name);
    return config.remaps().getOrDefault(r, r);
  }

  /** Advertises {@code topic} and registers it with the master. */
  public <T extends RosMessage> Publication<T> advertise(String topic, MessageType<T> type, boolean latching, int queueSize) {
    String t = resolve(topic);
    Publication<T> pub = new Publication<>(t, type, fullName, latching, queueSize, connectionIds::incrementAndGet);
    if (publications.putIfAbsent(t, pub) != null) {
      throw new IllegalStateException(fullName + " already publishes " + t);
    }
    master.registerPublisher(t, type.name(), slave.uri());
    return pub;
  }

  /** Subscribes {@code callback} to {@code topic}; it runs on the connection's reader thread. */
  public <T extends RosMessage> Subscription<T> subscribe(String topic, MessageType<T> type, Consumer<T> callback) {
    String t = resolve(topic);
    Subscription<T> sub = new Subscription<>(t, type, fullName, callback, connectionIds::incrementAndGet);
    if (subscriptions.putIfAbsent(t, sub) != null) {
      throw new IllegalStateException(fullName + " already subscribes to " + t);
    }
    sub.updatePublishers(master.registerSubscriber(t, type.name(), slave.uri()));
    return sub;
  }

  /**
   * Offers a service ({@code ~x} is private) over TCPROS and registers it with the master;
   * {@code handler} runs on the calling connection's thread, and an exception it throws becomes
   * the call's error.
   */
  public <Q extends RosMessage, R extends RosMessage> ServiceServer<Q, R> advertiseService(String name, ServiceType<Q, R> type,
      Function<Q, R> handler) {
    String n = resolve(name);
    ServiceServer<Q, R> server = new ServiceServer<>(n, type, fullName, handler);
    if (services.putIfAbsent(n, server) != null) {
      throw new IllegalStateException(fullName + " already offers " + n);
    }
    master.registerService(n, serviceUri(), slave.uri());
    return server;
  }

  /** Where this node's services answer: {@code rosrpc://host:port} (the TCPROS port). */
  public String serviceUri() {
    return "rosrpc://" + config.host() + ":" + tcpros.port();
  }

  /** The parameter {@code key} (resolved: {@code ~x} is private), if set. */
  public Optional<Object> param(String key) {
    return master.getParam(resolve(key));
  }

  public void setParam(String key, Object value) {
    master.setParam(resolve(key), value);
  }

  /**
   * For owners that close the node from their own shutdown hook (after publishing a last
   * message): removes the node's hook, so it cannot close the node first on SIGINT/SIGTERM.
   */
  public void handOverShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException ignored) {
      // already shutting down: the hook runs anyway
    }
  }

  /** Blocks until the node is shut down (by {@link #close}, the master, or a signal). */
  public void awaitShutdown() throws InterruptedException {
    shutdown.await();
  }

  public boolean awaitShutdown(long timeout, TimeUnit unit) throws InterruptedException {
    return shutdown.await(timeout, unit);
  }

  public boolean isShutdown() {
    return closed;
  }

  public String shutdownReason() {
    return shutdownReason;
  }

  /**
   * Registers every publication and subscription with a master that forgot them. TCPROS links
   * are peer to peer and survive the master: subscribers connected to us stay connected, and
   * links to publishers the new master does not list are kept (stock nodes never register again).
   */
  private void registerAll() {
    for (Publication<?> p : publications.values()) {
      master.registerPublisher(p.topic(), p.type().name(), slave.uri());
      rosout(RosoutLog.WARN, LOG, "registered publisher " + p.topic() + " again with the restarted master; "
          + p.subscriberCount() + " subscriber connection(s) kept");
    }
    for (Subscription<?> s : subscriptions.values()) {
      s.masterRestarted();
      Subscription.LinkChanges c = s.updatePublishers(master.registerSubscriber(s.topic(), s.type().name(), slave.uri()));
      rosout(RosoutLog.WARN, LOG, "registered subscriber " + s.topic() + " again with the restarted master; publishers"
          + " connected " + s.connectedPublishers() + ", kept though the master does not list them " + c.kept()
          + ", new " + c.added());
    }
    for (ServiceServer<?, ?> v : services.values()) {
      master.registerService(v.service(), serviceUri(), slave.uri());
    }
  }

  /**
   * From the slave API's {@code shutdown}: answer first, close after (closing the slave server
   * from inside its own request would cut the reply).
   */
  private void shutdownRequested(String reason) {
    shutdownReason = reason;
    LOG.warn("shutdown {}", shutdownReason);
    Thread t = new Thread(this::close, "ros-shutdown-request");
    t.setDaemon(true);
    t.start();
  }

  private void closeFromHook() {
    shutdownReason = "signal";
    closeInternal(false);
  }

  @Override
  public void close() {
    closeInternal(true);
  }

  private synchronized void closeInternal(boolean removeHook) {
    if (closed) {
      return;
    }
    closed = true;
    if (removeHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException ignored) {
        // the JVM is already shutting down: the hook is running or ran
      }
    }
    watchdog.stop();
    for (ServiceServer<?, ?> v : services.values()) {
      unregister(() -> master.unregisterService(v.service(), serviceUri()));
    }
    for (Subscription<?> s : subscriptions.values()) {
      unregister(() -> master.unregisterSubscriber(s.topic(), slave.uri()));
      s.close();
    }
    for (Publication<?> p : publications.values()) {
      unregister(() -> master.unregisterPublisher(p.topic(), slave.uri()));
      p.close();
    }
    tcpros.close();
    slave.close();
    shutdown.countDown();
    LOG.info("node {} shut down{}", fullName, shutdownReason.isEmpty() ? "" : " (" + shutdownReason + ")");
  }

  private void unregister(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("unregistering from the master failed: {}", e.getMessage());
    }
  }
}
