package io.diffpilot.ros1.node;

import io.diffpilot.ros1.slave.SlaveApi;
import io.diffpilot.ros1.tcpros.Publication;
import io.diffpilot.ros1.tcpros.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slave API of one node, answered from its publications and subscriptions: other nodes ask
 * it for TCPROS endpoints, the master tells it of new publishers, and rosnode asks for its bus
 * info, its pid, or that it shut down.
 */
final class NodeSlave implements SlaveApi {

  // The node's logger: these lines are the node's story, and users filter logs by RosNode.
  private static final Logger LOG = LoggerFactory.getLogger(RosNode.class);

  private final NodeConfig config;
  private final Map<String, Publication<?>> publications;
  private final Map<String, Subscription<?>> subscriptions;
  private final IntSupplier tcprosPort;
  private final Consumer<String> shutdownRequest;

  /**
   * @param tcprosPort the node's TCPROS port (known once its server is open)
   * @param shutdownRequest called with the reason when rosnode (or the master) asks the node to
   *     shut down; must return at once, the reply is still to be sent
   */
  NodeSlave(NodeConfig config, Map<String, Publication<?>> publications, Map<String, Subscription<?>> subscriptions,
      IntSupplier tcprosPort, Consumer<String> shutdownRequest) {
    this.config = config;
    this.publications = publications;
    this.subscriptions = subscriptions;
    this.tcprosPort = tcprosPort;
    this.shutdownRequest = shutdownRequest;
  }

  @Override
  public Object[] requestTopic(String callerId, String topic, Object[] protocols) {
    if (!publications.containsKey(topic)) {
      return new Object[] {-1, "not a publisher of [" + topic + "]", new Object[0]};
    }
    int port = tcprosPort.getAsInt();
    for (Object p : protocols) {
      if (p instanceof Object[] proto && proto.length > 0 && "TCPROS".equals(proto[0])) {
        return new Object[] {1, "ready on " + config.host() + ":" + port, new Object[] {"TCPROS", config.host(), port}};
      }
    }
    return new Object[] {0, "no supported protocol (only TCPROS)", new Object[0]};
  }

  @Override
  public Object[] publisherUpdate(String callerId, String topic, Object[] publisherUris) {
    Subscription<?> s = subscriptions.get(topic);
    if (s != null) {
      List<String> uris = new ArrayList<>();
      for (Object u : publisherUris) {
        uris.add(String.valueOf(u));
      }
      Subscription.LinkChanges c = s.updatePublishers(uris);
      if (!c.isEmpty()) {
        LOG.info("publisherUpdate for {}: connecting {}, dropped {}, kept over a master restart {}", topic,
            c.added(), c.dropped(), c.kept());
      }
    }
    return new Object[] {1, "", 0};
  }

  @Override
  public Object[] getPid(String callerId) {
    return new Object[] {1, "", (int) ProcessHandle.current().pid()};
  }

  @Override
  public Object[] getBusInfo(String callerId) {
    List<Object> rows = new ArrayList<>();
    publications.values().forEach(p -> rows.addAll(p.busInfo()));
    subscriptions.values().forEach(s -> rows.addAll(s.busInfo()));
    return new Object[] {1, "bus info", rows.toArray()};
  }

  @Override
  public Object[] getBusStats(String callerId) {
    return new Object[] {1, "", new Object[] {new Object[0], new Object[0], new Object[0]}};
  }

  @Override
  public Object[] getPublications(String callerId) {
    return new Object[] {1, "publications", publications.values().stream()
        .map(p -> new Object[] {p.topic(), p.type().name()}).toArray()};
  }

  @Override
  public Object[] getSubscriptions(String callerId) {
    return new Object[] {1, "subscriptions", subscriptions.values().stream()
        .map(s -> new Object[] {s.topic(), s.type().name()}).toArray()};
  }

  @Override
  public Object[] getMasterUri(String callerId) {
    return new Object[] {1, "", config.masterUri()};
  }

  @Override
  public Object[] paramUpdate(String callerId, String key, Object value) {
    return new Object[] {1, "", 0};
  }

  @Override
  public Object[] shutdown(String callerId, String reason) {
    shutdownRequest.accept("requested by " + callerId + ": " + reason);
    return new Object[] {1, "shutdown", 0};
  }
}
