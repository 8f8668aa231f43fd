package io.diffpilot.demos.rosbag;

import io.diffpilot.demos.dataset.DatasetFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;

/**
 * The records of a chunk, uncompressed: {@code none} (rosbag record's default), {@code bz2}
 * ({@code -j}) or {@code lz4} ({@code --lz4}, the LZ4 frame format roslz4 writes), through
 * Apache Commons Compress. The result must be exactly the chunk's declared {@code size}.
 */
final class ChunkData {

  private ChunkData() {}

  static ByteBuffer uncompressed(BagRecord chunk) {
    String compression = chunk.text("compression");
    int declared = chunk.int32("size");
    ByteBuffer data = decompress(chunk, compression, declared);
    if (data.remaining() != declared) {
      throw new DatasetFormatException(chunk.file(), "chunk at byte " + chunk.offset(), "size field " + declared
          + " but " + data.remaining() + " bytes of data");
    }
    return data;
  }

  private static ByteBuffer decompress(BagRecord chunk, String compression, int declared) {
    if (compression.equals("none")) {
      return chunk.data();
    }
    ByteBuffer raw = chunk.data();
    byte[] bytes = new byte[raw.remaining()];
    raw.get(bytes);
    try (InputStream in = switch (compression) {
      case "bz2" -> new BZip2CompressorInputStream(new ByteArrayInputStream(bytes));
      case "lz4" -> new FramedLZ4CompressorInputStream(new ByteArrayInputStream(bytes));
      default -> throw new DatasetFormatException(chunk.file(), "chunk at byte " + chunk.offset(), "compression '"
          + compression + "' is not supported (none, bz2, lz4)");
    }) {
      // One byte more than declared, so that a chunk longer than its size field is caught.
      byte[] out = in.readNBytes(declared + 1);
      return ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    } catch (IOException e) {
      throw new DatasetFormatException(chunk.file(), "chunk at byte " + chunk.offset(), compression
          + " data cannot be decompressed: " + e.getMessage());
    }
  }
}
