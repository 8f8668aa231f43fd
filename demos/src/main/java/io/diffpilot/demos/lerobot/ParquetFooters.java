package io.diffpilot.demos.lerobot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.ListType;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.StringType;
import org.apache.parquet.format.Type;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Reads and writes Parquet footers with Parquet's own Thrift structures: joins files of one
 * schema into one file, byte for byte, keeping each input's row groups (so that DuckDB's
 * per-episode files become one file with one row group per episode, as LeRobot writes it), and
 * sets footer key-value metadata ({@code huggingface}, {@code ARROW:schema}).
 */
final class ParquetFooters {

  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  private ParquetFooters() {}

  /** The footer of {@code file}. */
  static FileMetaData read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < 12) {
        throw new IOException(file + ": " + size + " bytes is too short for Parquet");
      }
      ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      ch.read(tail, size - 8);
      int length = tail.getInt(0);
      byte[] magic = new byte[4];
      tail.position(4);
      tail.get(magic);
      if (!java.util.Arrays.equals(magic, MAGIC) || length <= 0 || length > size - 12) {
        throw new IOException(file + ": no Parquet footer at the end (truncated or not Parquet)");
      }
      ByteBuffer footer = ByteBuffer.allocate(length);
      ch.read(footer, size - 8 - length);
      return Util.readFileMetaData(new ByteArrayInputStream(footer.array()));
    }
  }

  /**
   * Writes {@code out} holding every row group of {@code parts}, in order, with {@code keyValues}
   * added to (or replacing entries of) the first part's footer metadata.
   *
   * @throws IOException if the parts' schemas differ or a part is not Parquet
   */
  static void join(List<Path> parts, Path out, Map<String, String> keyValues) throws IOException {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to join into " + out);
    }
    FileMetaData joined = null;
    try (OutputStream os = Files.newOutputStream(out)) {
      os.write(MAGIC);
      long position = MAGIC.length;
      for (Path part : parts) {
        FileMetaData md = read(part);
        long dataEnd = Files.size(part) - 8 - footerLength(part);
        long shift = position - MAGIC.length;
        for (RowGroup g : md.getRow_groups()) {
          shift(g, shift);
        }
        if (joined == null) {
          joined = md.deepCopy();
        } else {
          if (!joined.getSchema().equals(md.getSchema())) {
            throw new IOException(part + ": its schema differs from " + parts.get(0) + "'s");
          }
          for (RowGroup g : md.getRow_groups()) {
            joined.addToRow_groups(g);
          }
          joined.setNum_rows(joined.getNum_rows() + md.getNum_rows());
        }
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.READ)) {
          long copied = ch.transferTo(MAGIC.length, dataEnd - MAGIC.length, java.nio.channels.Channels.newChannel(os));
          if (copied != dataEnd - MAGIC.length) {
            throw new IOException(part + ": short copy");
          }
        }
        position += dataEnd - MAGIC.length;
      }
      annotateAsPyarrowDoes(joined);
      for (int i = 0; i < joined.getRow_groupsSize(); i++) {
        if (joined.getRow_groups().get(i).isSetOrdinal()) {
          joined.getRow_groups().get(i).setOrdinal((short) i);
        }
      }
      Map<String, String> kv = new LinkedHashMap<>();
      if (joined.isSetKey_value_metadata()) {
        for (KeyValue e : joined.getKey_value_metadata()) {
          kv.put(e.getKey(), e.getValue());
        }
      }
      kv.putAll(keyValues);
      List<KeyValue> list = new ArrayList<>();
      kv.forEach((k, v) -> list.add(new KeyValue(k).setValue(v)));
      joined.setKey_value_metadata(list);
      ByteArrayOutputStream footer = new ByteArrayOutputStream();
      Util.writeFileMetaData(joined, footer);
      os.write(footer.toByteArray());
      os.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.size()).array());
      os.write(MAGIC);
    }
  }

  /**
   * DuckDB and pyarrow describe the same columns with different annotations; the data pages do
   * not depend on them. Written as pyarrow writes them, so that a LeRobot file and ours have the
   * same Parquet schema: the root is "schema", lists carry the LIST logical type as well as the
   * converted type, strings the STRING logical type, and plain int64 no converted type.
   */
  static void annotateAsPyarrowDoes(FileMetaData md) {
    List<SchemaElement> schema = md.getSchema();
    schema.get(0).setName("schema");
    for (SchemaElement e : schema.subList(1, schema.size())) {
      if (e.isSetConverted_type() && e.getConverted_type() == ConvertedType.LIST && !e.isSetLogicalType()) {
        e.setLogicalType(LogicalType.LIST(new ListType()));
      }
      if (e.isSetConverted_type() && e.getConverted_type() == ConvertedType.UTF8 && !e.isSetLogicalType()) {
        e.setLogicalType(LogicalType.STRING(new StringType()));
      }
      if (e.isSetType() && e.getType() == Type.INT64 && e.isSetConverted_type()
          && e.getConverted_type() == ConvertedType.INT_64) {
        e.unsetConverted_type();
        e.unsetLogicalType();
      }
    }
  }

  private static int footerLength(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer tail = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      ch.read(tail, ch.size() - 8);
      return tail.getInt(0);
    }
  }

  /** Moves every file offset of {@code g} by {@code shift} bytes. */
  private static void shift(RowGroup g, long shift) {
    if (g.isSetFile_offset()) {
      g.setFile_offset(g.getFile_offset() + shift);
    }
    for (ColumnChunk c : g.getColumns()) {
      if (c.getFile_offset() != 0) {
        c.setFile_offset(c.getFile_offset() + shift);
      }
      // A page index holds absolute page offsets of its own; rather than rewrite it, drop it
      // (it is optional; DuckDB 1.1 does not write one).
      c.unsetOffset_index_offset();
      c.unsetOffset_index_length();
      c.unsetColumn_index_offset();
      c.unsetColumn_index_length();
      ColumnMetaData m = c.getMeta_data();
      if (m == null) {
        continue;
      }
      m.setData_page_offset(m.getData_page_offset() + shift);
      if (m.isSetDictionary_page_offset()) {
        m.setDictionary_page_offset(m.getDictionary_page_offset() + shift);
      }
      if (m.isSetIndex_page_offset()) {
        m.setIndex_page_offset(m.getIndex_page_offset() + shift);
      }
      if (m.isSetBloom_filter_offset()) {
        m.setBloom_filter_offset(m.getBloom_filter_offset() + shift);
      }
    }
  }
}
