package io.diffpilot.demos.rosbag;

import io.diffpilot.demos.dataset.DatasetFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Positioned reads of whole records from an open bag file. Every length is checked against the
 * file's size first, so a cut-off file fails naming the byte where the damage starts instead of
 * reading garbage or allocating a huge buffer.
 */
final class BagFile {

  static final String MAGIC = "#ROSBAG V2.0\n";

  private final String name;
  private final FileChannel ch;
  private final long size;

  BagFile(String name, FileChannel ch) throws IOException {
    this.name = name;
    this.ch = ch;
    this.size = ch.size();
  }

  String name() {
    return name;
  }

  long size() {
    return size;
  }

  /** Checks the {@code #ROSBAG V2.0} line and returns where the first record starts. */
  long checkMagic() throws IOException {
    byte[] magic = new byte[MAGIC.length()];
    if (size < magic.length || ch.read(ByteBuffer.wrap(magic), 0) != magic.length
        || !MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
      throw new DatasetFormatException(name, "byte 0", "not a ROS bag 2.0 (no '#ROSBAG V2.0' line)");
    }
    return magic.length;
  }

  /** Reads the record at {@code pos}; {@code what} names it in errors. */
  BagRecord readRecord(long pos, String what) throws IOException {
    if (pos + 4 > size) {
      throw new DatasetFormatException(name, "byte " + pos, what + " cut off: file ends");
    }
    int headerLen = readInt(pos);
    long dataLenPos = pos + 4 + Integer.toUnsignedLong(headerLen);
    if (headerLen < 0 || dataLenPos + 4 > size) {
      throw new DatasetFormatException(name, "byte " + pos, what + " cut off: header of " + headerLen
          + " bytes runs past the end of the file (" + size + " bytes)");
    }
    int dataLen = readInt(dataLenPos);
    long end = dataLenPos + 4 + Integer.toUnsignedLong(dataLen);
    if (dataLen < 0 || end > size) {
      throw new DatasetFormatException(name, "byte " + pos, what + " cut off: data of " + Integer.toUnsignedLong(dataLen)
          + " bytes runs past the end of the file (" + size + " bytes)");
    }
    ByteBuffer header = read(pos + 4, headerLen);
    ByteBuffer data = read(dataLenPos + 4, dataLen);
    return new BagRecord(name, pos, BagRecord.fields(name, header, pos), data, end);
  }

  private int readInt(long pos) throws IOException {
    return read(pos, 4).getInt();
  }

  private ByteBuffer read(long pos, int len) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (ch.read(b, pos + b.position()) < 0) {
        throw new DatasetFormatException(name, "byte " + pos, "file ends inside a record");
      }
    }
    return b.flip();
  }
}
