package io.diffpilot.demos.rosbag;

import io.diffpilot.demos.dataset.DatasetFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One record of a bag, in the file or inside a chunk:
 * {@code uint32 header_len, header fields (uint32 len, "name=value"), uint32 data_len, data},
 * little-endian. Header values are bytes (op, conn, time are binary); the typed getters check
 * their length and name the file and byte offset when a field is missing or malformed.
 *
 * @param offset where the record starts in the file (for a record inside a chunk: the chunk's)
 * @param end where the next record starts in the file; -1 inside a chunk
 */
record BagRecord(String file, long offset, Map<String, byte[]> header, ByteBuffer data, long end) {

  static final byte OP_MESSAGE = 0x02;
  static final byte OP_BAG_HEADER = 0x03;
  static final byte OP_INDEX = 0x04;
  static final byte OP_CHUNK = 0x05;
  static final byte OP_CHUNK_INFO = 0x06;
  static final byte OP_CONNECTION = 0x07;

  byte op() {
    byte[] op = header.get("op");
    if (op == null || op.length != 1) {
      throw new DatasetFormatException(file, "byte " + offset, "record without a one-byte 'op' field");
    }
    return op[0];
  }

  int int32(String field) {
    return field(field, 4).getInt();
  }

  long int64(String field) {
    return field(field, 8).getLong();
  }

  /** A ROS time field (uint32 secs, uint32 nsecs) in nanoseconds. */
  long time(String field) {
    ByteBuffer b = field(field, 8);
    long secs = Integer.toUnsignedLong(b.getInt());
    long nsecs = Integer.toUnsignedLong(b.getInt());
    return secs * 1_000_000_000L + nsecs;
  }

  String text(String field) {
    byte[] v = header.get(field);
    if (v == null) {
      throw new DatasetFormatException(file, "byte " + offset, "record lacks header field '" + field + "'");
    }
    return new String(v, StandardCharsets.UTF_8);
  }

  private ByteBuffer field(String field, int bytes) {
    byte[] v = header.get(field);
    if (v == null || v.length != bytes) {
      throw new DatasetFormatException(file, "byte " + offset, "record field '" + field + "' missing or not "
          + bytes + " bytes");
    }
    return ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Parses the record at {@code b}'s position inside an in-memory chunk, advancing {@code b}. */
  static BagRecord parse(String file, ByteBuffer b, long chunkOffset, String where) {
    if (b.remaining() < 4) {
      throw new DatasetFormatException(file, where, "record cut off inside the chunk");
    }
    int headerLen = b.getInt();
    if (headerLen < 0 || headerLen + 4 > b.remaining()) {
      throw new DatasetFormatException(file, where, "record header length " + headerLen + " runs past the chunk");
    }
    ByteBuffer header = b.slice(b.position(), headerLen).order(ByteOrder.LITTLE_ENDIAN);
    b.position(b.position() + headerLen);
    int dataLen = b.getInt();
    if (dataLen < 0 || dataLen > b.remaining()) {
      throw new DatasetFormatException(file, where, "record data length " + dataLen + " runs past the chunk");
    }
    ByteBuffer data = b.slice(b.position(), dataLen).order(ByteOrder.LITTLE_ENDIAN);
    b.position(b.position() + dataLen);
    return new BagRecord(file, chunkOffset, fields(file, header, chunkOffset), data, -1);
  }

  /**
   * The {@code name=value} fields of a record header (or of a connection record's data, which
   * has the same layout); a field without '=' or running past the end is an error at {@code offset}.
   */
  static Map<String, byte[]> fields(String file, ByteBuffer b, long offset) {
    b.order(ByteOrder.LITTLE_ENDIAN);
    Map<String, byte[]> fields = new HashMap<>();
    while (b.hasRemaining()) {
      if (b.remaining() < 4) {
        throw new DatasetFormatException(file, "byte " + offset, "header field length cut off");
      }
      int len = b.getInt();
      if (len < 0 || len > b.remaining()) {
        throw new DatasetFormatException(file, "byte " + offset, "header field of " + len + " bytes runs past the header");
      }
      byte[] field = new byte[len];
      b.get(field);
      int eq = -1;
      for (int i = 0; i < len; i++) {
        if (field[i] == '=') {
          eq = i;
          break;
        }
      }
      if (eq < 0) {
        throw new DatasetFormatException(file, "byte " + offset, "header field without '='");
      }
      String key = new String(field, 0, eq, StandardCharsets.US_ASCII);
      byte[] value = new byte[len - eq - 1];
      System.arraycopy(field, eq + 1, value, 0, value.length);
      fields.put(key, value);
    }
    return fields;
  }
}
