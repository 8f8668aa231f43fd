package io.diffpilot.ros1.msg;

import java.util.Objects;
import java.util.function.Function;

/**
 * A message type as a topic needs it: name, md5 sum, full definition, and the codec.
 *
 * @param name {@code pkg/Name}
 * @param md5 genmsg md5 sum
 * @param definition full {@code message_definition} text
 * @param decoder reads one message; must consume exactly the body
 */
public record MessageType<T extends RosMessage>(String name, String md5, String definition, Function<RosReader, T> decoder) {

  public MessageType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(md5, "md5");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(decoder, "decoder");
  }

  /** The bundled definition of {@code name} with {@code decoder}. */
  public static <T extends RosMessage> MessageType<T> of(String name, Function<RosReader, T> decoder) {
    MessageCatalog c = MessageCatalog.bundled();
    return new MessageType<>(name, c.md5(name), c.fullText(name), decoder);
  }

  /** Decodes one whole message body; trailing or missing bytes are a {@link MalformedMessageException}. */
  public T decode(byte[] body) {
    RosReader r = new RosReader(body);
    T m = decoder.apply(r);
    r.expectEnd(name);
    return m;
  }

  public byte[] encode(T message) {
    RosWriter w = new RosWriter();
    message.write(w);
    return w.toByteArray();
  }
}
