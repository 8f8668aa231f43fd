package io.diffpilot.runtime.mqtt;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.function.Function;

/**
 * One message type of the wire format, and the checks every decode of it starts with: the size,
 * then that the bytes parse as {@code prototype}'s type, then (for messages on a robot's own
 * topic) that the robot id matches the topic's.
 *
 * @param what the message's name in rejections
 * @param prototype the type's default instance, for its parser and name
 * @param robotId the message's robot id field
 */
record ProtoWire<M extends Message>(String what, M prototype, Function<M, String> robotId) {

  /** Size and parse only; fields are the caller's to check. */
  Decoded<M> parse(byte[] payload) {
    if (payload == null) {
      return Decoded.rejected(what + ": no payload");
    }
    if (payload.length > ProtobufCodec.MAX_PAYLOAD_BYTES) {
      return Decoded.rejected(what + ": payload of " + payload.length + " bytes exceeds " + ProtobufCodec.MAX_PAYLOAD_BYTES);
    }
    try {
      @SuppressWarnings("unchecked")
      M m = (M) prototype.getParserForType().parseFrom(payload);
      return Decoded.ok(m);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return Decoded.rejected(what + ": not a " + prototype.getDescriptorForType().getFullName() + " (" + e.getMessage() + ")");
    }
  }

  /** {@link #parse(byte[])}, then the robot id must be set and, unless {@code expected} is null, equal it. */
  Decoded<M> parse(byte[] payload, String expected) {
    return parse(payload).then(m -> {
      String id = robotId.apply(m);
      if (id.isEmpty()) {
        return Decoded.rejected(what + ".robot_id is empty");
      }
      if (expected != null && !id.equals(expected)) {
        return Decoded.rejected(what + ".robot_id '" + id + "' does not match the topic's robot '" + expected + "'");
      }
      return Decoded.ok(m);
    });
  }
}
