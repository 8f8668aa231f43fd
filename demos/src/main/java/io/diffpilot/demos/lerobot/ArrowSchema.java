package io.diffpilot.demos.lerobot;

import com.google.flatbuffers.FlatBufferBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.flatbuf.Endianness;
import org.apache.arrow.flatbuf.Field;
import org.apache.arrow.flatbuf.FixedSizeList;
import org.apache.arrow.flatbuf.FloatingPoint;
import org.apache.arrow.flatbuf.Int;
import org.apache.arrow.flatbuf.KeyValue;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.apache.arrow.flatbuf.Precision;
import org.apache.arrow.flatbuf.Schema;
import org.apache.arrow.flatbuf.Type;
import org.apache.arrow.flatbuf.Utf8;

/**
 * The Arrow schema pyarrow stores in a Parquet footer under {@code ARROW:schema}: an Arrow IPC
 * Schema message (continuation marker, length, flatbuffer padded to 8 bytes), base64-encoded.
 * Parquet itself has only variable-length lists; this entry is what tells pyarrow, Hugging Face
 * {@code datasets} and so LeRobot that {@code action} is a {@code fixed_size_list<float>[A]}.
 *
 * <p>All fields are nullable and list items are named {@code item}, as pyarrow writes them.
 *
 * @param fields the columns, in file order
 * @param metadata schema-level key-value metadata (pyarrow repeats {@code huggingface} and
 *     {@code pandas} here)
 */
record ArrowSchema(List<ArrowField> fields, Map<String, String> metadata) {

  /** Footer key of the entry. */
  static final String FOOTER_KEY = "ARROW:schema";

  ArrowSchema {
    fields = List.copyOf(fields);
    metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** A column type: a scalar, a fixed-size list or a variable-length list of a scalar. */
  enum Scalar { FLOAT32, FLOAT64, INT64, UTF8 }

  /**
   * One column.
   *
   * @param listSize 0 for a scalar, −1 for a variable-length list, else the fixed list size
   */
  record ArrowField(String name, Scalar type, int listSize) {
    ArrowField {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      if (listSize < -1) {
        throw new IllegalArgumentException("list size " + listSize);
      }
    }

    static ArrowField scalar(String name, Scalar type) {
      return new ArrowField(name, type, 0);
    }

    static ArrowField fixedList(String name, Scalar type, int size) {
      if (size < 1) {
        throw new IllegalArgumentException("fixed-size list '" + name + "' of size " + size);
      }
      return new ArrowField(name, type, size);
    }

    static ArrowField list(String name, Scalar type) {
      return new ArrowField(name, type, -1);
    }
  }

  /** The footer value: base64 of the encapsulated IPC schema message. */
  String footerValue() {
    FlatBufferBuilder b = new FlatBufferBuilder(1024);
    int[] fieldOffsets = new int[fields.size()];
    for (int i = 0; i < fieldOffsets.length; i++) {
      fieldOffsets[i] = field(b, fields.get(i));
    }
    int fieldsVector = Schema.createFieldsVector(b, fieldOffsets);
    List<Integer> kvs = new ArrayList<>();
    for (var e : metadata.entrySet()) {
      kvs.add(KeyValue.createKeyValue(b, b.createString(e.getKey()), b.createString(e.getValue())));
    }
    int metadataVector = Schema.createCustomMetadataVector(b, kvs.stream().mapToInt(Integer::intValue).toArray());
    Schema.startSchema(b);
    Schema.addEndianness(b, Endianness.Little);
    Schema.addFields(b, fieldsVector);
    Schema.addCustomMetadata(b, metadataVector);
    int schema = Schema.endSchema(b);
    Message.startMessage(b);
    Message.addVersion(b, MetadataVersion.V5);
    Message.addHeaderType(b, MessageHeader.Schema);
    Message.addHeader(b, schema);
    Message.addBodyLength(b, 0);
    b.finish(Message.endMessage(b));
    byte[] flat = b.sizedByteArray();
    int padded = (flat.length + 7) / 8 * 8;
    ByteBuffer ipc = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    ipc.putInt(0xFFFFFFFF).putInt(padded).put(flat);
    return Base64.getEncoder().encodeToString(ipc.array());
  }

  private static int field(FlatBufferBuilder b, ArrowField f) {
    int name = b.createString(f.name());
    int children;
    byte typeType;
    int type;
    if (f.listSize() == 0) {
      children = Field.createChildrenVector(b, new int[0]);
      typeType = typeTypeOf(f.type());
      type = scalarType(b, f.type());
    } else {
      int item = field(b, ArrowField.scalar("item", f.type()));
      children = Field.createChildrenVector(b, new int[] {item});
      if (f.listSize() > 0) {
        typeType = Type.FixedSizeList;
        type = FixedSizeList.createFixedSizeList(b, f.listSize());
      } else {
        typeType = Type.List;
        org.apache.arrow.flatbuf.List.startList(b);
        type = org.apache.arrow.flatbuf.List.endList(b);
      }
    }
    int customMetadata = Field.createCustomMetadataVector(b, new int[0]);
    Field.startField(b);
    Field.addName(b, name);
    Field.addNullable(b, true);
    Field.addTypeType(b, typeType);
    Field.addType(b, type);
    Field.addChildren(b, children);
    Field.addCustomMetadata(b, customMetadata);
    return Field.endField(b);
  }

  private static byte typeTypeOf(Scalar s) {
    return switch (s) {
      case FLOAT32, FLOAT64 -> Type.FloatingPoint;
      case INT64 -> Type.Int;
      case UTF8 -> Type.Utf8;
    };
  }

  private static int scalarType(FlatBufferBuilder b, Scalar s) {
    return switch (s) {
      case FLOAT32 -> FloatingPoint.createFloatingPoint(b, Precision.SINGLE);
      case FLOAT64 -> FloatingPoint.createFloatingPoint(b, Precision.DOUBLE);
      case INT64 -> Int.createInt(b, 64, true);
      case UTF8 -> {
        Utf8.startUtf8(b);
        yield Utf8.endUtf8(b);
      }
    };
  }
}
