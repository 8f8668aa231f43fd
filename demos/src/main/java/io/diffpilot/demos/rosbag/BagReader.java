package io.diffpilot.demos.rosbag;

import io.diffpilot.demos.dataset.DatasetFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads ROS bag format 2.0 files (what ROS 1 {@code rosbag record} writes).
 *
 * <p>A bag is {@code #ROSBAG V2.0\n}, a bag header record (index_pos, conn_count, chunk_count),
 * then chunks (each followed by its index data records), then at {@code index_pos} the
 * connection and chunk info records. Each record is
 * {@code uint32 header_len, header fields (uint32 len, "name=value"), uint32 data_len, data},
 * little-endian. The reader walks every chunk in file order, takes the connection and message
 * records inside, and then checks the result against the index at the end of the file: the
 * number of chunks and, per chunk, the message count of each connection.
 *
 * <p>Chunk compression: {@code none} (rosbag record's default), {@code bz2} ({@code -j}) and
 * {@code lz4} ({@code --lz4}, the LZ4 frame format), through Apache Commons Compress.
 *
 * <p>A bag whose index is missing (recording killed, file truncated) is an error by default.
 * With {@code recover = true} the reader keeps every complete chunk up to the damage and reports
 * in {@link Bag#notes()} how many bytes at the end it could not use; it never drops data silently.
 */
public final class BagReader {

  private final BagFile bag;
  private final String name;
  private final long size;
  private final Map<Integer, BagConnection> connections = new LinkedHashMap<>();
  private final List<BagMessage> messages = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  /** Per chunk position: connection → messages seen in the chunk. */
  private final Map<Long, Map<Integer, Integer>> seenPerChunk = new TreeMap<>();

  private BagReader(BagFile bag) {
    this.bag = bag;
    this.name = bag.name();
    this.size = bag.size();
  }

  /** Reads a whole, indexed bag. */
  public static Bag read(Path file) {
    return read(file, false);
  }

  /**
   * Reads {@code file}.
   *
   * @param recover when the index is missing, keep the complete chunks (reported in notes)
   *     instead of failing
   * @throws DatasetFormatException naming the file and byte offset of the problem
   */
  public static Bag read(Path file, boolean recover) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      BagReader r = new BagReader(new BagFile(file.toString(), ch));
      r.readAll(recover);
      r.messages.sort(Comparator.comparingLong(BagMessage::timeNanos));
      return new Bag(file, Map.copyOf(r.connections), List.copyOf(r.messages), List.copyOf(r.notes));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bag " + file + ": " + io.diffpilot.demos.dataset.ErrorText.of(e), e);
    }
  }

  private void readAll(boolean recover) throws IOException {
    long first = bag.checkMagic();
    BagRecord header = bag.readRecord(first, "bag header");
    if (header.op() != BagRecord.OP_BAG_HEADER) {
      throw new DatasetFormatException(name, "byte " + first, "first record is not a bag header");
    }
    long indexPos = header.int64("index_pos");
    int chunkCount = header.int32("chunk_count");
    BagIndex index = null;
    String why;
    if (indexPos == 0) {
      why = "the bag has no index (index_pos 0: the recording did not finish)";
    } else if (indexPos <= header.end() || indexPos >= size) {
      why = "the bag's index is missing: index_pos " + indexPos + " lies outside the file's " + size
          + " bytes (the file was truncated)";
    } else {
      try {
        index = BagIndex.read(bag, indexPos);
        why = null;
      } catch (DatasetFormatException e) {
        why = "the bag's index is missing or cut off (" + e.getMessage() + ")";
      }
    }
    if (why != null) {
      if (!recover) {
        throw new DatasetFormatException(name, "bag header", why + "; run `rosbag reindex` on it, or import with"
            + " recovery to keep its complete chunks");
      }
      notes.add(why + "; recovering by scanning chunks");
    }
    long chunksEnd = index != null ? indexPos : size;
    long pos = header.end();
    int chunks = 0;
    while (pos < chunksEnd) {
      BagRecord r;
      try {
        r = bag.readRecord(pos, "record");
      } catch (DatasetFormatException e) {
        if (index != null) {
          throw e;
        }
        if (chunks == 0) {
          throw new DatasetFormatException(name, "byte " + pos, "no complete chunk to recover: " + e.getMessage());
        }
        notes.add("recovered " + chunks + " complete chunks (" + messages.size() + " messages); the last "
            + (size - pos) + " bytes from byte " + pos + " are an incomplete record and were not used");
        return;
      }
      byte op = r.op();
      if (op == BagRecord.OP_CHUNK) {
        readChunk(r);
        chunks++;
      } else if (op == BagRecord.OP_CONNECTION) {
        if (index == null && chunks > 0 && pos >= indexPos && indexPos > 0) {
          break; // the (damaged) index region begins
        }
        addConnection(r, pos);
      } else if (op == BagRecord.OP_MESSAGE) {
        addMessage(r, pos, -1);
      } else if (op == BagRecord.OP_CHUNK_INFO && index == null) {
        break;
      }
      pos = r.end();
    }
    if (index == null) {
      if (chunks == 0) {
        throw new DatasetFormatException(name, "byte " + header.end(), "no complete chunk to recover");
      }
      notes.add("recovered " + chunks + " complete chunks (" + messages.size() + " messages)"
          + (pos < size ? "; " + (size - pos) + " bytes of index from byte " + pos + " not used" : ""));
      return;
    }
    checkIndex(index, indexPos, chunkCount, chunks);
  }

  private void checkIndex(BagIndex index, long indexPos, int chunkCount, int chunksRead) {
    if (chunksRead != chunkCount || index.chunkInfos().size() != chunkCount) {
      throw new DatasetFormatException(name, "bag header", "declares " + chunkCount + " chunks; " + chunksRead
          + " found, " + index.chunkInfos().size() + " in the index at byte " + indexPos);
    }
    for (BagRecord r : index.connectionRecords()) {
      if (!connections.containsKey(r.int32("conn"))) {
        addConnection(r, r.offset());
      }
    }
    for (var info : index.chunkInfos().entrySet()) {
      Map<Integer, Integer> seen = seenPerChunk.get(info.getKey());
      if (seen == null) {
        throw new DatasetFormatException(name, "index at byte " + indexPos, "lists a chunk at byte " + info.getKey()
            + " where there is none");
      }
      for (var e : info.getValue().entrySet()) {
        int got = seen.getOrDefault(e.getKey(), 0);
        if (got != e.getValue()) {
          throw new DatasetFormatException(name, "chunk at byte " + info.getKey() + ", connection " + e.getKey(),
              "index lists " + e.getValue() + " messages, the chunk holds " + got);
        }
      }
    }
  }

  private void readChunk(BagRecord chunk) {
    ByteBuffer data = ChunkData.uncompressed(chunk);
    seenPerChunk.put(chunk.offset(), new HashMap<>());
    int start = data.position();
    while (data.hasRemaining()) {
      long inChunk = data.position() - start;
      BagRecord r = BagRecord.parse(name, data, chunk.offset(), "record at offset " + inChunk + " of the chunk at byte " + chunk.offset());
      byte op = r.op();
      if (op == BagRecord.OP_CONNECTION) {
        addConnection(r, chunk.offset());
      } else if (op == BagRecord.OP_MESSAGE) {
        addMessage(r, chunk.offset(), chunk.offset());
      }
    }
  }

  private void addConnection(BagRecord r, long offset) {
    int id = r.int32("conn");
    Map<String, byte[]> h = BagRecord.fields(name, r.data().duplicate(), offset);
    String topic = r.text("topic");
    String type = text(h, "type");
    if (type.isEmpty()) {
      throw new DatasetFormatException(name, "byte " + offset, "connection " + id + " on " + topic + " has no type");
    }
    connections.put(id, new BagConnection(id, topic, type, text(h, "md5sum"), text(h, "message_definition")));
  }

  private void addMessage(BagRecord r, long offset, long chunkPos) {
    int conn = r.int32("conn");
    if (!connections.containsKey(conn)) {
      throw new DatasetFormatException(name, "byte " + offset, "message on connection " + conn
          + " before that connection's record");
    }
    ByteBuffer d = r.data();
    byte[] body = new byte[d.remaining()];
    d.get(body);
    messages.add(new BagMessage(conn, r.time("time"), body));
    if (chunkPos >= 0) {
      seenPerChunk.get(chunkPos).merge(conn, 1, Integer::sum);
    }
  }

  private static String text(Map<String, byte[]> h, String key) {
    byte[] v = h.get(key);
    return v == null ? "" : new String(v, StandardCharsets.UTF_8);
  }
}
