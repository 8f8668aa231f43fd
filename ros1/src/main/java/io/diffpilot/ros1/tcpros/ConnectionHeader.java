package io.diffpilot.ros1.tcpros;

import io.diffpilot.ros1.msg.MalformedMessageException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TCPROS connection header: uint32 LE total length, then fields of (uint32 LE length,
 * {@code key=value} bytes). Headers larger than {@link #MAX_BYTES} are refused, so a garbage
 * length cannot make us allocate.
 */
public final class ConnectionHeader {

  public static final int MAX_BYTES = 1 << 20;

  private ConnectionHeader() {}

  public static byte[] encode(Map<String, String> fields) {
    byte[][] parts = new byte[fields.size()][];
    int total = 0;
    int i = 0;
    for (Map.Entry<String, String> e : fields.entrySet()) {
      parts[i] = (e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8);
      total += 4 + parts[i].length;
      i++;
    }
    byte[] out = new byte[4 + total];
    int pos = putInt(out, 0, total);
    for (byte[] p : parts) {
      pos = putInt(out, pos, p.length);
      System.arraycopy(p, 0, out, pos, p.length);
      pos += p.length;
    }
    return out;
  }

  public static void write(OutputStream out, Map<String, String> fields) throws IOException {
    out.write(encode(fields));
    out.flush();
  }

  /** Reads one header; a bad length or a field without '=' is a {@link MalformedMessageException}. */
  public static Map<String, String> read(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    int total = readLength(d, "connection header");
    if (total > MAX_BYTES) {
      throw new MalformedMessageException("connection header of " + Integer.toUnsignedString(total) + " bytes (max " + MAX_BYTES + ")");
    }
    byte[] body = new byte[total];
    d.readFully(body);
    Map<String, String> fields = new LinkedHashMap<>();
    int pos = 0;
    while (pos < total) {
      if (total - pos < 4) {
        throw new MalformedMessageException("connection header: truncated field length at " + pos);
      }
      int len = getInt(body, pos);
      pos += 4;
      if (len < 0 || len > total - pos) {
        throw new MalformedMessageException("connection header: field of " + Integer.toUnsignedString(len) + " bytes at " + (pos - 4) + " overruns the header");
      }
      String field = new String(body, pos, len, StandardCharsets.UTF_8);
      pos += len;
      int eq = field.indexOf('=');
      if (eq <= 0) {
        throw new MalformedMessageException("connection header: field without key=value: " + abbreviate(field));
      }
      fields.put(field.substring(0, eq), field.substring(eq + 1));
    }
    return fields;
  }

  /** Reads a uint32 LE length; EOF before it is an {@link java.io.EOFException}. */
  static int readLength(DataInputStream d, String what) throws IOException {
    int b0 = d.read();
    if (b0 < 0) {
      throw new java.io.EOFException("connection closed before " + what);
    }
    return b0 | d.readUnsignedByte() << 8 | d.readUnsignedByte() << 16 | d.readUnsignedByte() << 24;
  }

  static int putInt(byte[] b, int pos, int v) {
    b[pos] = (byte) v;
    b[pos + 1] = (byte) (v >>> 8);
    b[pos + 2] = (byte) (v >>> 16);
    b[pos + 3] = (byte) (v >>> 24);
    return pos + 4;
  }

  static int getInt(byte[] b, int pos) {
    return (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8 | (b[pos + 2] & 0xff) << 16 | (b[pos + 3] & 0xff) << 24;
  }

  static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }
}
