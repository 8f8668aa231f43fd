package io.diffpilot.demos.rosbag;

import io.diffpilot.demos.dataset.DatasetFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

  static final String MAGIC = "#ROSBAG V2.0\n";
  static final byte OP_MESSAGE = 0x02;
  static final byte OP_BAG_HEADER = 0x03;
  static final byte OP_INDEX = 0x04;
  static final byte OP_CHUNK = 0x05;
  static final byte OP_CHUNK_INFO = 0x06;
  static final byte OP_CONNECTION = 0x07;

  private final Path file;
  private final String name;
  private final FileChannel ch;
  private final long size;
  private final Map<Integer, BagConnection> connections = new LinkedHashMap<>();
  private final List<BagMessage> messages = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  /** Per chunk position: connection → messages seen in the chunk. */
  private final Map<Long, Map<Integer, Integer>> seenPerChunk = new TreeMap<>();

  private BagReader(Path file, FileChannel ch) throws IOException {
    this.file = file;
    this.name = file.toString();
    this.ch = ch;
    this.size = ch.size();
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
      BagReader r = new BagReader(file, ch);
      r.readAll(recover);
      r.messages.sort(Comparator.comparingLong(BagMessage::timeNanos));
      return new Bag(file, Map.copyOf(r.connections), List.copyOf(r.messages), List.copyOf(r.notes));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bag " + file + ": " + io.diffpilot.demos.dataset.ErrorText.of(e), e);
    }
  }

  /** A record read from the file or a chunk. */
  private record Record(long offset, Map<String, byte[]> header, ByteBuffer data, long end) {
    byte op(String file) {
      byte[] op = header.get("op");
      if (op == null || op.length != 1) {
        throw new DatasetFormatException(file, "byte " + offset, "record without a one-byte 'op' field");
      }
      return op[0];
    }

    int int32(String field, String file) {
      return field(field, 4, file).getInt();
    }

    long int64(String field, String file) {
      return field(field, 8, file).getLong();
    }

    long time(String field, String file) {
      ByteBuffer b = field(field, 8, file);
      long secs = Integer.toUnsignedLong(b.getInt());
      long nsecs = Integer.toUnsignedLong(b.getInt());
      return secs * 1_000_000_000L + nsecs;
    }

    String text(String field, String file) {
      byte[] v = header.get(field);
      if (v == null) {
        throw new DatasetFormatException(file, "byte " + offset, "record lacks header field '" + field + "'");
      }
      return new String(v, StandardCharsets.UTF_8);
    }

    private ByteBuffer field(String field, int bytes, String file) {
      byte[] v = header.get(field);
      if (v == null || v.length != bytes) {
        throw new DatasetFormatException(file, "byte " + offset, "record field '" + field + "' missing or not "
            + bytes + " bytes");
      }
      return ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN);
    }
  }

  /** The index at the end of a bag: chunk position → (connection → message count). */
  private record Index(Map<Long, Map<Integer, Integer>> chunkInfos, List<Record> connectionRecords) {}

  private void readAll(boolean recover) throws IOException {
    byte[] magic = new byte[MAGIC.length()];
    if (size < magic.length || ch.read(ByteBuffer.wrap(magic), 0) != magic.length
        || !MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
      throw new DatasetFormatException(name, "byte 0", "not a ROS bag 2.0 (no '#ROSBAG V2.0' line)");
    }
    Record header = readRecord(magic.length, "bag header");
    if (header.op(name) != OP_BAG_HEADER) {
      throw new DatasetFormatException(name, "byte " + magic.length, "first record is not a bag header");
    }
    long indexPos = header.int64("index_pos", name);
    int chunkCount = header.int32("chunk_count", name);
    Index index = null;
    String why;
    if (indexPos == 0) {
      why = "the bag has no index (index_pos 0: the recording did not finish)";
    } else if (indexPos <= header.end() || indexPos >= size) {
      why = "the bag's index is missing: index_pos " + indexPos + " lies outside the file's " + size
          + " bytes (the file was truncated)";
    } else {
      try {
        index = readIndex(indexPos);
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
      Record r;
      try {
        r = readRecord(pos, "record");
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
      byte op = r.op(name);
      if (op == OP_CHUNK) {
        readChunk(r);
        chunks++;
      } else if (op == OP_CONNECTION) {
        if (index == null && chunks > 0 && pos >= indexPos && indexPos > 0) {
          break; // the (damaged) index region begins
        }
        addConnection(r, pos);
      } else if (op == OP_MESSAGE) {
        addMessage(r, pos, -1);
      } else if (op == OP_CHUNK_INFO && index == null) {
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

  private Index readIndex(long indexPos) throws IOException {
    Map<Long, Map<Integer, Integer>> infos = new LinkedHashMap<>();
    List<Record> conns = new ArrayList<>();
    long pos = indexPos;
    while (pos < size) {
      Record r = readRecord(pos, "index record");
      byte op = r.op(name);
      if (op == OP_CONNECTION) {
        conns.add(r);
      } else if (op == OP_CHUNK_INFO) {
        long chunkPos = r.int64("chunk_pos", name);
        int count = r.int32("count", name);
        ByteBuffer d = r.data();
        if (d.remaining() != count * 8L) {
          throw new DatasetFormatException(name, "byte " + pos, "chunk info of " + count + " connections has "
              + d.remaining() + " bytes");
        }
        Map<Integer, Integer> perConn = new HashMap<>();
        for (int i = 0; i < count; i++) {
          perConn.put(d.getInt(), d.getInt());
        }
        infos.put(chunkPos, perConn);
      } else {
        throw new DatasetFormatException(name, "byte " + pos, "unexpected record op " + op + " in the index");
      }
      pos = r.end();
    }
    return new Index(infos, conns);
  }

  private void checkIndex(Index index, long indexPos, int chunkCount, int chunksRead) {
    if (chunksRead != chunkCount || index.chunkInfos().size() != chunkCount) {
      throw new DatasetFormatException(name, "bag header", "declares " + chunkCount + " chunks; " + chunksRead
          + " found, " + index.chunkInfos().size() + " in the index at byte " + indexPos);
    }
    for (Record r : index.connectionRecords()) {
      if (!connections.containsKey(r.int32("conn", name))) {
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

  private void readChunk(Record chunk) {
    String compression = chunk.text("compression", name);
    int declared = chunk.int32("size", name);
    ByteBuffer data = decompress(chunk, compression, declared);
    if (data.remaining() != declared) {
      throw new DatasetFormatException(name, "chunk at byte " + chunk.offset(), "size field " + declared
          + " but " + data.remaining() + " bytes of data");
    }
    seenPerChunk.put(chunk.offset(), new HashMap<>());
    int start = data.position();
    while (data.hasRemaining()) {
      long inChunk = data.position() - start;
      Record r = parseRecord(data, chunk.offset(), "record at offset " + inChunk + " of the chunk at byte " + chunk.offset());
      byte op = r.op(name);
      if (op == OP_CONNECTION) {
        addConnection(r, chunk.offset());
      } else if (op == OP_MESSAGE) {
        addMessage(r, chunk.offset(), chunk.offset());
      }
    }
  }

  /** The chunk's records, uncompressed: none, bz2 or lz4 (LZ4 frame format, as roslz4 writes). */
  private ByteBuffer decompress(Record chunk, String compression, int declared) {
    if (compression.equals("none")) {
      return chunk.data();
    }
    ByteBuffer raw = chunk.data();
    byte[] bytes = new byte[raw.remaining()];
    raw.get(bytes);
    try (java.io.InputStream in = switch (compression) {
      case "bz2" -> new org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream(
          new java.io.ByteArrayInputStream(bytes));
      case "lz4" -> new org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream(
          new java.io.ByteArrayInputStream(bytes));
      default -> throw new DatasetFormatException(name, "chunk at byte " + chunk.offset(), "compression '"
          + compression + "' is not supported (none, bz2, lz4)");
    }) {
      byte[] out = in.readNBytes(declared + 1);
      return ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    } catch (IOException e) {
      throw new DatasetFormatException(name, "chunk at byte " + chunk.offset(), compression
          + " data cannot be decompressed: " + e.getMessage());
    }
  }

  private void addConnection(Record r, long offset) {
    int id = r.int32("conn", name);
    Map<String, byte[]> h = parseHeader(r.data().duplicate(), offset);
    String topic = r.text("topic", name);
    String type = text(h, "type");
    if (type.isEmpty()) {
      throw new DatasetFormatException(name, "byte " + offset, "connection " + id + " on " + topic + " has no type");
    }
    connections.put(id, new BagConnection(id, topic, type, text(h, "md5sum"), text(h, "message_definition")));
  }

  private void addMessage(Record r, long offset, long chunkPos) {
    int conn = r.int32("conn", name);
    if (!connections.containsKey(conn)) {
      throw new DatasetFormatException(name, "byte " + offset, "message on connection " + conn
          + " before that connection's record");
    }
    ByteBuffer d = r.data();
    byte[] body = new byte[d.remaining()];
    d.get(body);
    messages.add(new BagMessage(conn, r.time("time", name), body));
    if (chunkPos >= 0) {
      seenPerChunk.get(chunkPos).merge(conn, 1, Integer::sum);
    }
  }

  private static String text(Map<String, byte[]> h, String key) {
    byte[] v = h.get(key);
    return v == null ? "" : new String(v, StandardCharsets.UTF_8);
  }

  /** Reads the record at {@code pos} of the file. */
  private Record readRecord(long pos, String what) throws IOException {
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
    return new Record(pos, parseHeader(header, pos), data, end);
  }

  /** Parses a record inside an in-memory chunk buffer, advancing it. */
  private Record parseRecord(ByteBuffer b, long chunkOffset, String where) {
    if (b.remaining() < 4) {
      throw new DatasetFormatException(name, where, "record cut off inside the chunk");
    }
    int headerLen = b.getInt();
    if (headerLen < 0 || headerLen + 4 > b.remaining()) {
      throw new DatasetFormatException(name, where, "record header length " + headerLen + " runs past the chunk");
    }
    ByteBuffer header = b.slice(b.position(), headerLen).order(ByteOrder.LITTLE_ENDIAN);
    b.position(b.position() + headerLen);
    int dataLen = b.getInt();
    if (dataLen < 0 || dataLen > b.remaining()) {
      throw new DatasetFormatException(name, where, "record data length " + dataLen + " runs past the chunk");
    }
    ByteBuffer data = b.slice(b.position(), dataLen).order(ByteOrder.LITTLE_ENDIAN);
    b.position(b.position() + dataLen);
    return new Record(chunkOffset, parseHeader(header, chunkOffset), data, -1);
  }

  private Map<String, byte[]> parseHeader(ByteBuffer b, long offset) {
    b.order(ByteOrder.LITTLE_ENDIAN);
    Map<String, byte[]> fields = new HashMap<>();
    while (b.hasRemaining()) {
      if (b.remaining() < 4) {
        throw new DatasetFormatException(name, "byte " + offset, "header field length cut off");
      }
      int len = b.getInt();
      if (len < 0 || len > b.remaining()) {
        throw new DatasetFormatException(name, "byte " + offset, "header field of " + len + " bytes runs past the header");
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
        throw new DatasetFormatException(name, "byte " + offset, "header field without '='");
      }
      String key = new String(field, 0, eq, StandardCharsets.US_ASCII);
      byte[] value = new byte[len - eq - 1];
      System.arraycopy(field, eq + 1, value, 0, value.length);
      fields.put(key, value);
    }
    return fields;
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
