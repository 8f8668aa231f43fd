package io.diffpilot.ros1.msg;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes ROS 1 wire format: little-endian, no padding, strings and variable arrays prefixed by a
 * uint32 length, time and duration as two 32-bit words (secs, nsecs). Growable; reuse it with
 * {@link #reset()} to keep the publish path allocation-light.
 */
public final class RosWriter {

  private byte[] buf;
  private int pos;

  public RosWriter() {
    this(256);
  }

  public RosWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  public RosWriter reset() {
    pos = 0;
    return this;
  }

  public int size() {
    return pos;
  }

  /** A copy of the bytes written so far. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }

  public RosWriter bool(boolean v) {
    return uint8(v ? 1 : 0);
  }

  public RosWriter uint8(int v) {
    ensure(1);
    buf[pos++] = (byte) v;
    return this;
  }

  public RosWriter int32(int v) {
    ensure(4);
    buf[pos++] = (byte) v;
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) (v >>> 16);
    buf[pos++] = (byte) (v >>> 24);
    return this;
  }

  /** uint32 from the low 32 bits of {@code v}. */
  public RosWriter uint32(long v) {
    return int32((int) v);
  }

  public RosWriter int64(long v) {
    int32((int) v);
    return int32((int) (v >>> 32));
  }

  public RosWriter float32(float v) {
    return int32(Float.floatToRawIntBits(v));
  }

  public RosWriter float64(double v) {
    return int64(Double.doubleToRawLongBits(v));
  }

  public RosWriter string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int32(b.length);
    ensure(b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
    return this;
  }

  public RosWriter time(RosTime t) {
    uint32(t.secs());
    return uint32(t.nsecs());
  }

  public RosWriter duration(RosDuration d) {
    int32(d.secs());
    return int32(d.nsecs());
  }

  public RosWriter float32Array(float[] a) {
    int32(a.length);
    for (float v : a) {
      float32(v);
    }
    return this;
  }

  public RosWriter float64Array(double[] a) {
    int32(a.length);
    for (double v : a) {
      float64(v);
    }
    return this;
  }

  public RosWriter stringArray(List<String> a) {
    int32(a.size());
    for (String s : a) {
      string(s);
    }
    return this;
  }

  /** Writes a uint32 count then each element with its own {@code write}. */
  public RosWriter messages(List<? extends RosMessage> list) {
    int32(list.size());
    for (RosMessage m : list) {
      m.write(this);
    }
    return this;
  }
}
