package io.diffpilot.ros1.tcpros;

import io.diffpilot.ros1.msg.MalformedMessageException;
import io.diffpilot.ros1.msg.RosMessage;
import io.diffpilot.ros1.msg.RosWriter;
import io.diffpilot.ros1.msg.ServiceType;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCPROS service this node offers. The client sends its connection header ({@code service},
 * {@code md5sum}, {@code callerid}, maybe {@code probe=1} or {@code persistent=1}); we answer ours,
 * then for each request frame (uint32 length + body) write one byte ok (1) + the response frame,
 * or ok (0) + an error string when the handler fails. A probe ({@code rosservice type/call} asks
 * for the type first) ends after the header.
 */
public final class ServiceServer<Q extends RosMessage, R extends RosMessage> {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceServer.class);
  private static final int MAX_REQUEST_BYTES = 1 << 20;

  private final String service;
  private final ServiceType<Q, R> type;
  private final String callerId;
  private final Function<Q, R> handler;
  private final AtomicLong calls = new AtomicLong();

  public ServiceServer(String service, ServiceType<Q, R> type, String callerId, Function<Q, R> handler) {
    this.service = Objects.requireNonNull(service, "service");
    this.type = Objects.requireNonNull(type, "type");
    this.callerId = Objects.requireNonNull(callerId, "callerId");
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  public String service() {
    return service;
  }

  public ServiceType<Q, R> type() {
    return type;
  }

  /** Requests answered (successfully or with an error). */
  public long callCount() {
    return calls.get();
  }

  /** Serves one client connection whose header was read, until it closes; runs on its own thread. */
  void serve(Socket socket, Map<String, String> header) throws IOException {
    String md5 = header.getOrDefault("md5sum", "*");
    if (!md5.equals("*") && !md5.equals(type.md5())) {
      Publication.reject(socket, "request from [" + header.getOrDefault("callerid", "?") + "]: md5sums do not match: ["
          + md5 + "] vs. [" + type.md5() + "] for service [" + service + "] of type " + type.name());
      return;
    }
    Map<String, String> reply = new LinkedHashMap<>();
    reply.put("callerid", callerId);
    reply.put("md5sum", type.md5());
    reply.put("request_type", type.name() + "Request");
    reply.put("response_type", type.name() + "Response");
    reply.put("type", type.name());
    OutputStream out = socket.getOutputStream();
    ConnectionHeader.write(out, reply);
    if ("1".equals(header.get("probe"))) {
      socket.close();
      return;
    }
    socket.setSoTimeout(0);
    InputStream in = socket.getInputStream();
    DataInputStream d = new DataInputStream(in);
    try {
      while (true) {
        int len;
        try {
          len = ConnectionHeader.readLength(d, "service request");
        } catch (EOFException e) {
          return; // the client is done (rospy closes after each non-persistent call)
        }
        if (len < 0 || len > MAX_REQUEST_BYTES) {
          throw new MalformedMessageException("service request length " + Integer.toUnsignedString(len) + " exceeds " + MAX_REQUEST_BYTES);
        }
        byte[] body = d.readNBytes(len);
        if (body.length != len) {
          throw new MalformedMessageException("truncated service request");
        }
        writeResponse(out, answer(body));
        calls.incrementAndGet();
      }
    } finally {
      TcprosServer.closeQuietly(socket);
    }
  }

  private Object answer(byte[] body) {
    try {
      return handler.apply(type.decodeRequest(body));
    } catch (RuntimeException e) {
      LOG.warn("service {} failed: {}", service, e.getMessage());
      return "service " + service + " failed: " + e.getMessage();
    }
  }

  private static void writeResponse(OutputStream out, Object answer) throws IOException {
    byte[] payload;
    int ok;
    if (answer instanceof RosMessage m) {
      RosWriter w = new RosWriter();
      m.write(w);
      payload = w.toByteArray();
      ok = 1;
    } else {
      payload = String.valueOf(answer).getBytes(StandardCharsets.UTF_8);
      ok = 0;
    }
    byte[] frame = new byte[5 + payload.length];
    frame[0] = (byte) ok;
    ConnectionHeader.putInt(frame, 1, payload.length);
    System.arraycopy(payload, 0, frame, 5, payload.length);
    out.write(frame);
    out.flush();
  }
}
