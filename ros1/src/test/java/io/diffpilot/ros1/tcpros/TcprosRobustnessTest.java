package io.diffpilot.ros1.tcpros;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.ros1.msg.Float32MultiArray;
import io.diffpilot.ros1.msg.MultiArrayLayout;
import io.diffpilot.ros1.slave.SlaveApi;
import io.diffpilot.ros1.slave.SlaveServer;
import io.diffpilot.ros1.testing.Await;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Hostile or slow peers, without a master: raw sockets against our publisher and subscriber. */
class TcprosRobustnessTest {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  static void await(String what, BooleanSupplier c) throws InterruptedException {
    Await.await(what, Duration.ofSeconds(10), c);
  }

  /** A fake publisher node: its slave API points subscribers at {@code tcpPort}. */
  static SlaveServer fakePublisherSlave(int tcpPort) throws IOException {
    SlaveApi api = new SlaveApi() {
      public Object[] requestTopic(String c, String t, Object[] p) {
        return new Object[] {1, "", new Object[] {"TCPROS", "127.0.0.1", tcpPort}};
      }
      public Object[] publisherUpdate(String c, String t, Object[] u) { return new Object[] {1, "", 0}; }
      public Object[] getPid(String c) { return new Object[] {1, "", 1}; }
      public Object[] getBusInfo(String c) { return new Object[] {1, "", new Object[0]}; }
      public Object[] getBusStats(String c) { return new Object[] {1, "", new Object[0]}; }
      public Object[] getPublications(String c) { return new Object[] {1, "", new Object[0]}; }
      public Object[] getSubscriptions(String c) { return new Object[] {1, "", new Object[0]}; }
      public Object[] getMasterUri(String c) { return new Object[] {1, "", ""}; }
      public Object[] paramUpdate(String c, String k, Object v) { return new Object[] {1, "", 0}; }
      public Object[] shutdown(String c, String r) { return new Object[] {1, "", 0}; }
    };
    return new SlaveServer(LOOPBACK, "127.0.0.1", api);
  }

  /** Accepts one subscriber, answers a good header, then runs {@code then} on the stream. */
  static Thread serveOne(ServerSocket server, IoAction then) {
    Thread t = new Thread(() -> {
      try (Socket s = server.accept()) {
        ConnectionHeader.read(s.getInputStream());
        ConnectionHeader.write(s.getOutputStream(), Map.of("callerid", "/fake", "md5sum", Float32MultiArray.TYPE.md5(),
            "type", Float32MultiArray.TYPE.name(), "topic", "/t", "latching", "0"));
        then.run(s.getOutputStream());
        s.shutdownOutput();
        Thread.sleep(200);
      } catch (IOException | InterruptedException ignored) {
        // the subscriber hung up on us: that is what the test provokes
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }

  interface IoAction {
    void run(OutputStream out) throws IOException;
  }

  static byte[] frame(byte[] body) {
    byte[] f = new byte[4 + body.length];
    ConnectionHeader.putInt(f, 0, body.length);
    System.arraycopy(body, 0, f, 4, body.length);
    return f;
  }

  @Test
  void truncatedMessageDropsTheConnectionAfterTheGoodOnes() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, LOOPBACK); SlaveServer slave = fakePublisherSlave(server.getLocalPort())) {
      byte[] good = Float32MultiArray.TYPE.encode(new Float32MultiArray(MultiArrayLayout.FLAT, new float[] {1f, 2f}));
      serveOne(server, out -> {
        out.write(frame(good));
        // a frame whose body says 2 floats but carries one
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 4);
        out.write(frame(cut));
        out.write(frame(good)); // never read: the connection is dropped before
        out.flush();
      });
      List<Float32MultiArray> got = new CopyOnWriteArrayList<>();
      AtomicInteger ids = new AtomicInteger();
      try (Subscription<Float32MultiArray> sub = new Subscription<>("/t", Float32MultiArray.TYPE, "/me", got::add, ids::incrementAndGet)) {
        sub.updatePublishers(List.of(slave.uri()));
        await("the connection to be dropped", () -> sub.droppedConnectionCount() == 1);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).data()).containsExactly(1f, 2f);
      }
    }
  }

  @Test
  void connectionClosedMidFrameIsATruncatedMessage() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, LOOPBACK); SlaveServer slave = fakePublisherSlave(server.getLocalPort())) {
      serveOne(server, out -> {
        out.write(new byte[] {100, 0, 0, 0, 1, 2, 3});
        out.flush();
      });
      AtomicInteger ids = new AtomicInteger();
      try (Subscription<Float32MultiArray> sub = new Subscription<>("/t", Float32MultiArray.TYPE, "/me", m -> { }, ids::incrementAndGet)) {
        sub.updatePublishers(List.of(slave.uri()));
        await("the connection to be dropped", () -> sub.droppedConnectionCount() == 1);
        assertThat(sub.receivedCount()).isZero();
      }
    }
  }

  @Test
  void garbageLengthIsNotAllocated() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, LOOPBACK); SlaveServer slave = fakePublisherSlave(server.getLocalPort())) {
      serveOne(server, out -> {
        out.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f});
        out.flush();
      });
      AtomicInteger ids = new AtomicInteger();
      try (Subscription<Float32MultiArray> sub = new Subscription<>("/t", Float32MultiArray.TYPE, "/me", m -> { }, ids::incrementAndGet)) {
        sub.updatePublishers(List.of(slave.uri()));
        await("the connection to be dropped", () -> sub.droppedConnectionCount() == 1);
      }
    }
  }

  @Test
  void slowSubscriberLosesOldestMessagesWithoutBlockingThePublisher() throws Exception {
    AtomicInteger ids = new AtomicInteger();
    Publication<Float32MultiArray> pub = new Publication<>("/t", Float32MultiArray.TYPE, "/me", false, 4, ids::incrementAndGet);
    try (TcprosServer server = new TcprosServer(LOOPBACK, "127.0.0.1", t -> t.equals("/t") ? pub : null);
        Socket stalled = new Socket("127.0.0.1", server.port())) {
      ConnectionHeader.write(stalled.getOutputStream(), Map.of("callerid", "/slow", "topic", "/t", "md5sum", "*", "type", "*"));
      ConnectionHeader.read(stalled.getInputStream());
      await("the subscriber to be connected", () -> pub.subscriberCount() == 1);
      float[] big = new float[16_384]; // 64 KiB per message: the socket buffers fill after a few
      for (int i = 0; i < 200; i++) {
        big[0] = i;
        pub.publish(new Float32MultiArray(MultiArrayLayout.FLAT, big.clone()));
      }
      // 200 publishes returned although nobody reads: the publisher was not blocked
      assertThat(pub.publishedCount()).isEqualTo(200);
      await("messages to be dropped", () -> pub.droppedCount() > 0);
      // the newest message is still delivered once the subscriber reads again
      DataInputStream in = new DataInputStream(stalled.getInputStream());
      float last = -1;
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (last != 199f && System.nanoTime() < deadline) {
        int len = Integer.reverseBytes(in.readInt());
        byte[] body = new byte[len];
        in.readFully(body);
        last = Float32MultiArray.TYPE.decode(body).data()[0];
      }
      assertThat(last).isEqualTo(199f);
    } finally {
      pub.close();
    }
  }
}
