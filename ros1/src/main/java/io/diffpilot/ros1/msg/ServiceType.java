package io.diffpilot.ros1.msg;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Function;

/**
 * A ROS service type as a TCPROS service server needs it: name, md5 sum (genmsg's: the md5 of the
 * request's md5 text followed by the response's) and the codecs of both halves.
 *
 * @param name {@code pkg/Name}
 * @param md5 what {@code rossrv md5} prints
 */
public record ServiceType<Q extends RosMessage, R extends RosMessage>(
    String name, String md5, Function<RosReader, Q> requestDecoder, Function<RosReader, R> responseDecoder) {

  public ServiceType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(md5, "md5");
    Objects.requireNonNull(requestDecoder, "requestDecoder");
    Objects.requireNonNull(responseDecoder, "responseDecoder");
  }

  /**
   * A service whose request and response hold only built-in fields, given as genmsg's md5 text
   * (one {@code type name} per line, no comments, no constants).
   */
  public static <Q extends RosMessage, R extends RosMessage> ServiceType<Q, R> ofBuiltinFields(String name,
      String requestMd5Text, String responseMd5Text, Function<RosReader, Q> request, Function<RosReader, R> response) {
    try {
      byte[] d = MessageDigest.getInstance("MD5").digest((requestMd5Text + responseMd5Text).getBytes(StandardCharsets.UTF_8));
      return new ServiceType<>(name, HexFormat.of().formatHex(d), request, response);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Q decodeRequest(byte[] body) {
    RosReader r = new RosReader(body);
    Q q = requestDecoder.apply(r);
    r.expectEnd(name + " request");
    return q;
  }

  public R decodeResponse(byte[] body) {
    RosReader r = new RosReader(body);
    R v = responseDecoder.apply(r);
    r.expectEnd(name + " response");
    return v;
  }
}
