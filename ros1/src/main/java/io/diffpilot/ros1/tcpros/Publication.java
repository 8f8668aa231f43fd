package io.diffpilot.ros1.tcpros;

import io.diffpilot.ros1.msg.MessageType;
import io.diffpilot.ros1.msg.RosMessage;
import io.diffpilot.ros1.msg.RosWriter;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A topic this node publishes over TCPROS. {@link #publish} serializes once and hands the frame
 * to every connected subscriber's queue without blocking; latched topics also send the last
 * message to each new subscriber.
 */
public final class Publication<T extends RosMessage> extends TopicEndpoint<T> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Publication.class);

  private final boolean latching;
  private final int queueSize;
  private final List<SubscriberLink> links = new CopyOnWriteArrayList<>();
  private final RosWriter writer = new RosWriter();
  private byte[] latched;
  private long published;
  private volatile boolean closed;

  public Publication(String topic, MessageType<T> type, String callerId, boolean latching, int queueSize, IntSupplier connectionIds) {
    super(topic, type, callerId, connectionIds);
    if (queueSize < 1) {
      throw new IllegalArgumentException("queueSize must be >= 1");
    }
    this.latching = latching;
    this.queueSize = queueSize;
  }

  /** Sends {@code message} to every subscriber; never blocks on the network. */
  public void publish(T message) {
    byte[] frame;
    synchronized (writer) {
      writer.reset().int32(0);
      message.write(writer);
      frame = writer.toByteArray();
      published++;
    }
    ConnectionHeader.putInt(frame, 0, frame.length - 4);
    if (latching) {
      synchronized (this) {
        latched = frame;
      }
    }
    for (SubscriberLink l : links) {
      l.offer(frame);
    }
  }

  /** Number of currently connected subscribers. */
  public int subscriberCount() {
    return links.size();
  }

  /** Messages dropped from slow subscribers' queues, over all connections so far open. */
  public long droppedCount() {
    long d = 0;
    for (SubscriberLink l : links) {
      d += l.dropped();
    }
    return d;
  }

  public synchronized long publishedCount() {
    return published;
  }

  /**
   * Completes the handshake of a subscriber whose header was read: answers an md5 mismatch
   * with {@code error=} and closes, otherwise answers our header and starts streaming.
   */
  void accept(Socket socket, Map<String, String> header) throws IOException {
    String caller = header.getOrDefault("callerid", "?");
    String md5 = header.getOrDefault("md5sum", "");
    if (closed) {
      reject(socket, "publisher of [" + topic + "] is shutting down");
      return;
    }
    if (!md5.equals("*") && !md5.equals(type.md5())) {
      String error = "Client [" + caller + "] wants topic [" + topic + "] to have datatype/md5sum ["
          + header.getOrDefault("type", "") + "/" + md5 + "], but our version has [" + type.name() + "/" + type.md5()
          + "]. Dropping connection.";
      LOG.warn("{}", error);
      reject(socket, error);
      return;
    }
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(0);
    ConnectionHeader.write(socket.getOutputStream(), connectionHeader("latching", latching ? "1" : "0"));
    SubscriberLink[] self = new SubscriberLink[1];
    if (socket.getChannel() == null) {
      throw new IllegalArgumentException("TCPROS links need a channel socket (TcprosServer accepts them)");
    }
    SubscriberLink link = new SubscriberLink(connectionIds.getAsInt(), caller, socket.getChannel(), queueSize, () -> links.remove(self[0]));
    self[0] = link;
    links.add(link);
    synchronized (this) {
      if (latched != null) {
        link.offer(latched);
      }
    }
    Thread t = new Thread(link, "tcpros-out " + topic + " → " + caller);
    t.setDaemon(true);
    t.start();
    LOG.info("subscriber {} connected to {} (connection {})", caller, topic, link.id);
  }

  static void reject(Socket socket, String error) throws IOException {
    ConnectionHeader.write(socket.getOutputStream(), Map.of("error", error));
    socket.close();
  }

  /** getBusInfo rows: [connectionId, destinationCallerId, "o", "TCPROS", topic, connected, info]. */
  public List<Object[]> busInfo() {
    List<Object[]> out = new ArrayList<>();
    for (SubscriberLink l : links) {
      out.add(new Object[] {l.id, l.callerId, "o", "TCPROS", topic, l.isOpen(), "TCPROS connection on port to [" + l.callerId + "]"});
    }
    return out;
  }

  /** Sends what is still queued (latched status, last chunk; at most 200 ms), then disconnects. */
  @Override
  public void close() {
    closed = true;
    for (SubscriberLink l : links) {
      l.closeAfterDrain(200);
    }
  }
}
