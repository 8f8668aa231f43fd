package io.diffpilot.ros1.tcpros;

import io.diffpilot.ros1.msg.MalformedMessageException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.ServerSocketChannel;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's TCPROS listening socket. Each incoming subscriber connection is handshaken on its
 * own short-lived thread with a read timeout, so garbage or a silent peer costs one thread for a
 * few seconds and never the node.
 */
public final class TcprosServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TcprosServer.class);
  private static final int HANDSHAKE_TIMEOUT_MILLIS = 5000;

  private final ServerSocket server;
  private final String host;
  private final Function<String, Publication<?>> publications;
  private final Function<String, ServiceServer<?, ?>> services;
  private final AtomicLong rejected = new AtomicLong();
  private final Thread acceptor;

  public TcprosServer(InetAddress bind, String advertisedHost, Function<String, Publication<?>> publications) throws IOException {
    this(bind, advertisedHost, publications, name -> null);
  }

  /** @param services the node's services by resolved name (connections with a {@code service} header) */
  public TcprosServer(InetAddress bind, String advertisedHost, Function<String, Publication<?>> publications,
      Function<String, ServiceServer<?, ?>> services) throws IOException {
    // A channel-backed server socket: publications write to subscribers through SocketChannels.
    ServerSocketChannel ch = ServerSocketChannel.open();
    ch.bind(new java.net.InetSocketAddress(bind, 0), 50);
    this.server = ch.socket();
    this.host = advertisedHost;
    this.publications = publications;
    this.services = services;
    this.acceptor = new Thread(this::acceptLoop, "tcpros-accept :" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String host() {
    return host;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Incoming connections dropped for a bad header, an unknown topic or a wrong md5. */
  public long rejectedCount() {
    return rejected.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> handshake(s), "tcpros-handshake " + s.getRemoteSocketAddress());
        t.setDaemon(true);
        t.start();
      } catch (SocketException | java.nio.channels.ClosedChannelException e) {
        return; // closed
      } catch (IOException e) {
        LOG.warn("TCPROS accept failed: {}", e.toString());
      }
    }
  }

  private void handshake(Socket s) {
    String peer = String.valueOf(s.getRemoteSocketAddress());
    try {
      s.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
      Map<String, String> header = ConnectionHeader.read(new BufferedInputStream(s.getInputStream()));
      String service = header.get("service");
      if (service != null) {
        ServiceServer<?, ?> server = services.apply(service);
        if (server == null) {
          rejected.incrementAndGet();
          LOG.warn("TCPROS connection from {} dropped: no service {}", peer, service);
          Publication.reject(s, "no service [" + service + "] here");
          return;
        }
        server.serve(s, header);
        return;
      }
      String topic = header.get("topic");
      if (topic == null) {
        rejected.incrementAndGet();
        LOG.warn("TCPROS connection from {} dropped: header has neither topic nor service", peer);
        Publication.reject(s, "no topic or service in connection header");
        return;
      }
      Publication<?> pub = publications.apply(topic);
      if (pub == null) {
        rejected.incrementAndGet();
        LOG.warn("TCPROS connection from {} dropped: not a publisher of {}", peer, topic);
        Publication.reject(s, "not a publisher of [" + topic + "]");
        return;
      }
      int before = pub.subscriberCount();
      pub.accept(s, header);
      if (pub.subscriberCount() == before && s.isClosed()) {
        rejected.incrementAndGet();
      }
    } catch (MalformedMessageException | IOException e) {
      rejected.incrementAndGet();
      LOG.warn("TCPROS connection from {} dropped: {}", peer, e.getMessage());
      closeQuietly(s);
    }
  }

  static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already broken
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      LOG.debug("closing TCPROS server: {}", e.toString());
    }
  }
}
