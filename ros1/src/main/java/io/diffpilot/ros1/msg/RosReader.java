package io.diffpilot.ros1.msg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads ROS 1 wire format from a byte range. Every length is checked against the bytes left, so
 * a truncated or garbage message fails with a {@link MalformedMessageException} naming the
 * offset instead of allocating a huge array or reading past the end.
 */
public final class RosReader {

  private final byte[] buf;
  private final int end;
  private int pos;

  public RosReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  public RosReader(byte[] buf, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > buf.length) {
      throw new IllegalArgumentException("range outside the buffer");
    }
    this.buf = buf;
    this.pos = offset;
    this.end = offset + length;
  }

  public int remaining() {
    return end - pos;
  }

  private void need(int n, String what) {
    if (n < 0 || end - pos < n) {
      throw new MalformedMessageException(
          "truncated message: " + what + " needs " + n + " bytes at offset " + pos + ", " + (end - pos) + " left");
    }
  }

  public boolean bool() {
    return uint8() != 0;
  }

  public int uint8() {
    need(1, "uint8");
    return buf[pos++] & 0xff;
  }

  public int int32() {
    need(4, "int32");
    int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
    pos += 4;
    return v;
  }

  public long uint32() {
    return int32() & 0xffffffffL;
  }

  public long int64() {
    long lo = int32() & 0xffffffffL;
    long hi = int32() & 0xffffffffL;
    return lo | hi << 32;
  }

  public float float32() {
    return Float.intBitsToFloat(int32());
  }

  public double float64() {
    return Double.longBitsToDouble(int64());
  }

  /** A length prefix for {@code elementBytes}-sized elements, checked against what is left. */
  private int count(int elementBytes, String what) {
    long n = uint32();
    if (n * elementBytes > remaining()) {
      throw new MalformedMessageException(
          "truncated message: " + what + " of " + n + " elements at offset " + (pos - 4) + ", " + remaining() + " bytes left");
    }
    return (int) n;
  }

  public String string() {
    int n = count(1, "string");
    String s = new String(buf, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  public RosTime time() {
    return new RosTime(uint32(), uint32());
  }

  public RosDuration duration() {
    return new RosDuration(int32(), int32());
  }

  public float[] float32Array() {
    float[] a = new float[count(4, "float32[]")];
    for (int i = 0; i < a.length; i++) {
      a[i] = float32();
    }
    return a;
  }

  public double[] float64Array() {
    double[] a = new double[count(8, "float64[]")];
    for (int i = 0; i < a.length; i++) {
      a[i] = float64();
    }
    return a;
  }

  public List<String> stringArray() {
    int n = count(4, "string[]");
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(string());
    }
    return List.copyOf(out);
  }

  /** A uint32 count then elements decoded by {@code element}; each element is at least 1 byte. */
  public <T> List<T> messages(Function<RosReader, T> element) {
    int n = count(1, "message[]");
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(element.apply(this));
    }
    return List.copyOf(out);
  }

  /** Fails unless every byte was consumed: trailing bytes mean the sender's type differs. */
  public void expectEnd(String type) {
    if (pos != end) {
      throw new MalformedMessageException(type + ": " + (end - pos) + " unexpected trailing bytes");
    }
  }
}
