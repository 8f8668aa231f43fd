package io.diffpilot.ros1.tcpros;

import io.diffpilot.ros1.master.RosApiException;
import io.diffpilot.ros1.master.RosXmlRpc;
import io.diffpilot.ros1.msg.MalformedMessageException;
import io.diffpilot.ros1.msg.MessageType;
import io.diffpilot.ros1.msg.RosMessage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.apache.xmlrpc.XmlRpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A topic this node subscribes to: one connection (and reader thread) per publisher, as the
 * master and {@code publisherUpdate} list them. A publisher that sends garbage, a truncated
 * message or a wrong md5 is logged and dropped; it is not retried until it leaves the
 * publisher list and comes back. A connection that merely breaks is retried while listed.
 *
 * <p>After a master restart the new master knows only the publishers that registered with it
 * since; stock rospy and roscpp publishers never register again, yet their TCPROS links work
 * peer to peer. So links the master has never listed since the restart ({@link #masterRestarted})
 * are kept while connected, and only end when their publisher closes them: they are not retried
 * then, because no master would tell us if that publisher went away.
 */
public final class Subscription<T extends RosMessage> extends TopicEndpoint<T> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);
  /** Larger frames are treated as garbage rather than allocated. */
  public static final int MAX_MESSAGE_BYTES = 64 << 20;

  private final Consumer<T> callback;
  private final Map<String, PublisherLink> links = new LinkedHashMap<>();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong droppedConnections = new AtomicLong();
  private volatile boolean closed;

  public Subscription(String topic, MessageType<T> type, String callerId, Consumer<T> callback, IntSupplier connectionIds) {
    super(topic, type, callerId, connectionIds);
    this.callback = callback;
  }

  public long receivedCount() {
    return received.get();
  }

  /** Connections dropped because the publisher sent something that does not decode. */
  public long droppedConnectionCount() {
    return droppedConnections.get();
  }

  /** Number of publishers with an established connection. */
  public synchronized int connectedCount() {
    int n = 0;
    for (PublisherLink l : links.values()) {
      n += l.connected ? 1 : 0;
    }
    return n;
  }

  /**
   * Connects to publishers that are new in {@code publisherUris} and disconnects those the master
   * no longer lists, except links kept over a master restart that are still connected.
   *
   * @return what changed, for the caller's log
   */
  public synchronized LinkChanges updatePublishers(Collection<String> publisherUris) {
    if (closed) {
      return LinkChanges.NONE;
    }
    Set<String> wanted = new HashSet<>(publisherUris);
    List<String> dropped = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    links.entrySet().removeIf(e -> {
      PublisherLink l = e.getValue();
      if (wanted.contains(e.getKey())) {
        l.unlisted = false;
        return false;
      }
      if (l.unlisted && l.connected) {
        kept.add(e.getKey());
        return false;
      }
      l.stop();
      dropped.add(e.getKey());
      return true;
    });
    List<String> added = new ArrayList<>();
    for (String uri : publisherUris) {
      if (!links.containsKey(uri)) {
        PublisherLink l = new PublisherLink(uri, connectionIds.getAsInt());
        links.put(uri, l);
        l.thread.start();
        added.add(uri);
      }
    }
    return new LinkChanges(added, dropped, kept);
  }

  /**
   * The master restarted and forgot every registration: the current links become unlisted
   * survivors until the new master lists their publishers (see the class comment).
   */
  public synchronized void masterRestarted() {
    for (PublisherLink l : links.values()) {
      l.unlisted = true;
    }
  }

  /** Publisher URIs with an established connection. */
  public synchronized List<String> connectedPublishers() {
    List<String> out = new ArrayList<>();
    for (PublisherLink l : links.values()) {
      if (l.connected) {
        out.add(l.uri);
      }
    }
    return out;
  }

  /**
   * What one update of the publisher list did.
   *
   * @param added publishers now being connected
   * @param dropped publishers disconnected because the master no longer lists them
   * @param kept connected publishers the (restarted) master does not list, kept
   */
  public record LinkChanges(List<String> added, List<String> dropped, List<String> kept) {
    static final LinkChanges NONE = new LinkChanges(List.of(), List.of(), List.of());

    public LinkChanges {
      added = List.copyOf(added);
      dropped = List.copyOf(dropped);
      kept = List.copyOf(kept);
    }

    public boolean isEmpty() {
      return added.isEmpty() && dropped.isEmpty() && kept.isEmpty();
    }
  }

  private synchronized void forget(PublisherLink l) {
    links.remove(l.uri, l);
  }

  /** getBusInfo rows: [connectionId, publisherUri, "i", "TCPROS", topic, connected, info]. */
  public synchronized List<Object[]> busInfo() {
    List<Object[]> out = new ArrayList<>();
    for (PublisherLink l : links.values()) {
      out.add(new Object[] {l.id, l.uri, "i", "TCPROS", topic, l.connected, "TCPROS connection to [" + l.uri + "]"});
    }
    return out;
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (PublisherLink l : links.values()) {
      l.stop();
    }
    links.clear();
  }

  private final class PublisherLink implements Runnable {
    final String uri;
    final int id;
    final Thread thread;
    volatile boolean active = true;
    volatile boolean connected;
    /** Kept over a master restart; the new master has not listed this publisher (yet). */
    volatile boolean unlisted;
    volatile Socket socket;
    long backoffMillis = 200;

    PublisherLink(String uri, int id) {
      this.uri = uri;
      this.id = id;
      this.thread = new Thread(this, "tcpros-in " + topic + " ← " + uri);
      thread.setDaemon(true);
    }

    void stop() {
      active = false;
      Socket s = socket;
      if (s != null) {
        TcprosServer.closeQuietly(s);
      }
      thread.interrupt();
    }

    @Override
    public void run() {
      while (active) {
        try {
          connectAndRead();
          return; // only returns once stopped
        } catch (MalformedMessageException e) {
          droppedConnections.incrementAndGet();
          LOG.warn("dropped connection to publisher {} of {}: {}", uri, topic, e.getMessage());
          return;
        } catch (RosApiException e) {
          LOG.warn("publisher {} refused {}: {}", uri, topic, e.getMessage());
          return;
        } catch (IOException | XmlRpcException e) {
          if (!active) {
            return;
          }
          if (unlisted) {
            LOG.warn("connection to publisher {} of {} lost: {}; not retried, the restarted master does not list it",
                uri, topic, e.getMessage());
            forget(this);
            return;
          }
          LOG.info("connection to publisher {} of {} lost: {}; retrying", uri, topic, e.getMessage());
        } finally {
          connected = false;
          Socket s = socket;
          if (s != null) {
            TcprosServer.closeQuietly(s);
          }
        }
        try {
          Thread.sleep(backoffMillis);
        } catch (InterruptedException e) {
          return;
        }
        backoffMillis = Math.min(backoffMillis * 2, 2000);
      }
    }

    private void connectAndRead() throws IOException, XmlRpcException {
      Object reply = new RosXmlRpc(uri, Duration.ofSeconds(3))
          .call("requestTopic", callerId, topic, new Object[] {new Object[] {"TCPROS"}});
      if (!(reply instanceof Object[] p) || p.length < 3 || !"TCPROS".equals(p[0])) {
        throw new MalformedMessageException("requestTopic answer is not a TCPROS endpoint");
      }
      Socket s = new Socket();
      socket = s;
      if (!active) {
        return;
      }
      s.connect(new InetSocketAddress((String) p[1], (Integer) p[2]), 3000);
      s.setTcpNoDelay(true);
      ConnectionHeader.write(s.getOutputStream(), connectionHeader("tcp_nodelay", "1"));
      InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16);
      s.setSoTimeout(5000);
      Map<String, String> reply2 = ConnectionHeader.read(in);
      s.setSoTimeout(0);
      if (reply2.containsKey("error")) {
        throw new MalformedMessageException("publisher answered error: " + reply2.get("error"));
      }
      String md5 = reply2.getOrDefault("md5sum", "");
      if (!md5.equals(type.md5()) && !md5.equals("*")) {
        throw new MalformedMessageException("publisher's md5sum " + md5 + " is not " + type.name() + "'s " + type.md5());
      }
      connected = true;
      backoffMillis = 200;
      DataInputStream d = new DataInputStream(in);
      while (active) {
        int len;
        try {
          len = ConnectionHeader.readLength(d, "next message");
        } catch (EOFException e) {
          if (!active) {
            return;
          }
          throw e;
        }
        if (len < 0 || len > MAX_MESSAGE_BYTES) {
          throw new MalformedMessageException("message length " + Integer.toUnsignedString(len) + " exceeds " + MAX_MESSAGE_BYTES);
        }
        byte[] body = new byte[len];
        int got = 0;
        while (got < len) {
          int n = d.read(body, got, len - got);
          if (n < 0) {
            throw new MalformedMessageException("truncated message: connection closed after " + got + " of " + len + " bytes");
          }
          got += n;
        }
        T msg = type.decode(body);
        received.incrementAndGet();
        try {
          callback.accept(msg);
        } catch (RuntimeException e) {
          LOG.error("subscriber callback for {} failed", topic, e);
        }
      }
    }
  }
}
