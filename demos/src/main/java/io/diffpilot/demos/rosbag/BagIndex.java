package io.diffpilot.demos.rosbag;

import io.diffpilot.demos.dataset.DatasetFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index at the end of a bag ({@code index_pos} to the end of the file): the connection
 * records again, and per chunk the message count of each connection, which the reader checks
 * against what it found in the chunks.
 *
 * @param chunkInfos chunk position → (connection → message count)
 * @param connectionRecords the index's connection records, in file order
 */
record BagIndex(Map<Long, Map<Integer, Integer>> chunkInfos, List<BagRecord> connectionRecords) {

  /** Reads the index from {@code indexPos} to the end of the file. */
  static BagIndex read(BagFile file, long indexPos) throws IOException {
    Map<Long, Map<Integer, Integer>> infos = new LinkedHashMap<>();
    List<BagRecord> conns = new ArrayList<>();
    long pos = indexPos;
    while (pos < file.size()) {
      BagRecord r = file.readRecord(pos, "index record");
      byte op = r.op();
      if (op == BagRecord.OP_CONNECTION) {
        conns.add(r);
      } else if (op == BagRecord.OP_CHUNK_INFO) {
        long chunkPos = r.int64("chunk_pos");
        int count = r.int32("count");
        ByteBuffer d = r.data();
        if (d.remaining() != count * 8L) {
          throw new DatasetFormatException(file.name(), "byte " + pos, "chunk info of " + count + " connections has "
              + d.remaining() + " bytes");
        }
        Map<Integer, Integer> perConn = new HashMap<>();
        for (int i = 0; i < count; i++) {
          perConn.put(d.getInt(), d.getInt());
        }
        infos.put(chunkPos, perConn);
      } else {
        throw new DatasetFormatException(file.name(), "byte " + pos, "unexpected record op " + op + " in the index");
      }
      pos = r.end();
    }
    return new BagIndex(infos, conns);
  }
}
