package io.diffpilot.ros1.msg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code .msg} definitions DiffPilot speaks (bundled as resources, copied from Debian's
 * ros-*-msgs packages) and what ROS derives from them: the md5 sum that both ends of a topic must
 * agree on, and the full {@code message_definition} text sent in connection headers and stored in
 * bags. Both follow genmsg ({@code gentools.compute_md5_text}, {@code compute_full_text}).
 */
public final class MessageCatalog {

  private static final String SEPARATOR = "=".repeat(80) + "\n";
  private static final MessageCatalog BUNDLED = new MessageCatalog(MessageCatalog::loadResource);

  private final Function<String, String> source;
  private final Map<String, MessageSpec> specs = new HashMap<>();
  private final Map<String, String> md5s = new HashMap<>();

  /** @param source full type name → definition text (throws if unknown) */
  public MessageCatalog(Function<String, String> source) {
    this.source = source;
  }

  /** The definitions bundled with DiffPilot. */
  public static MessageCatalog bundled() {
    return BUNDLED;
  }

  private static String loadResource(String type) {
    String path = "/io/diffpilot/ros1/msg/" + type + ".msg";
    try (InputStream in = MessageCatalog.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("unknown message type " + type + " (no resource " + path + ")");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public synchronized MessageSpec spec(String type) {
    return specs.computeIfAbsent(type, t -> MessageSpec.parse(t, source.apply(t)));
  }

  /** genmsg's md5 text: constants, then fields with nested message types replaced by their md5. */
  public synchronized String md5Text(String type) {
    MessageSpec spec = spec(type);
    StringBuilder sb = new StringBuilder();
    for (MessageSpec.Constant c : spec.constants()) {
      sb.append(c.type()).append(' ').append(c.name()).append('=').append(c.value()).append('\n');
    }
    for (MessageSpec.Field f : spec.fields()) {
      if (f.isBuiltin()) {
        sb.append(f.type()).append(' ').append(f.name()).append('\n');
      } else {
        sb.append(md5(f.baseType())).append(' ').append(f.name()).append('\n');
      }
    }
    return sb.toString().strip();
  }

  /** The md5 sum {@code rosmsg md5} prints. */
  public synchronized String md5(String type) {
    String known = md5s.get(type);
    if (known != null) {
      return known;
    }
    try {
      byte[] d = MessageDigest.getInstance("MD5").digest(md5Text(type).getBytes(StandardCharsets.UTF_8));
      String hex = HexFormat.of().formatHex(d);
      md5s.put(type, hex);
      return hex;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every message type {@code type} depends on, depth first, without duplicates (genmsg order). */
  public synchronized List<String> allDepends(String type) {
    List<String> out = new ArrayList<>();
    for (String d : spec(type).directDepends()) {
      if (!out.contains(d)) {
        out.add(d);
      }
      for (String d2 : allDepends(d)) {
        if (!out.contains(d2)) {
          out.add(d2);
        }
      }
    }
    return out;
  }

  /** The {@code message_definition} text: the type's text, then each dependency's after a separator. */
  public synchronized String fullText(String type) {
    StringBuilder sb = new StringBuilder(spec(type).text()).append('\n');
    for (String d : allDepends(type)) {
      sb.append(SEPARATOR).append("MSG: ").append(d).append('\n').append(spec(d).text()).append('\n');
    }
    return sb.substring(0, sb.length() - 1);
  }
}
