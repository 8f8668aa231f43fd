package io.diffpilot.policy.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the safetensors format (8-byte little-endian header length, a JSON header
 * {@code name → {dtype, shape, data_offsets}}, then the raw little-endian data), the format
 * PyTorch users save state dicts in. Supports F32, F64, I64 and I32; corrupt files fail with the
 * file name and the offending tensor.
 */
public final class Safetensors {

  /** One tensor: dtype, shape and its raw little-endian bytes. */
  public record Tensor(DType dtype, long[] shape, ByteBuffer data) {
    public Tensor {
      long n = 1;
      for (long s : shape) {
        if (s < 0) {
          throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
        }
        n *= s;
      }
      if (data.remaining() != n * dtype.bytes) {
        throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " and dtype " + dtype
            + " needs " + n * dtype.bytes + " bytes, got " + data.remaining());
      }
      data = data.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    public long numel() {
      long n = 1;
      for (long s : shape) {
        n *= s;
      }
      return n;
    }

    public float[] toFloatArray() {
      int n = Math.toIntExact(numel());
      float[] out = new float[n];
      ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
      switch (dtype) {
        case F32 -> b.asFloatBuffer().get(out);
        case F64 -> { for (int i = 0; i < n; i++) out[i] = (float) b.getDouble(i * 8); }
        case I64 -> { for (int i = 0; i < n; i++) out[i] = b.getLong(i * 8); }
        case I32 -> { for (int i = 0; i < n; i++) out[i] = b.getInt(i * 4); }
      }
      return out;
    }

    public long[] toLongArray() {
      int n = Math.toIntExact(numel());
      long[] out = new long[n];
      ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
      switch (dtype) {
        case I64 -> b.asLongBuffer().get(out);
        case I32 -> { for (int i = 0; i < n; i++) out[i] = b.getInt(i * 4); }
        case F32 -> { for (int i = 0; i < n; i++) out[i] = (long) b.getFloat(i * 4); }
        case F64 -> { for (int i = 0; i < n; i++) out[i] = (long) b.getDouble(i * 8); }
      }
      return out;
    }

    public static Tensor ofFloats(float[] values, long... shape) {
      ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(values);
      return new Tensor(DType.F32, shape, b);
    }

    public static Tensor ofLongs(long[] values, long... shape) {
      ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
      b.asLongBuffer().put(values);
      return new Tensor(DType.I64, shape, b);
    }
  }

  /** Element types this reader understands, with safetensors' names. */
  public enum DType {
    F32(4), F64(8), I64(8), I32(4);

    final int bytes;

    DType(int bytes) {
      this.bytes = bytes;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

  private Safetensors() {}

  /** Reads every tensor of {@code file}, in header order. Metadata is returned under no key. */
  public static Map<String, Tensor> read(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    if (all.length < 8) {
      throw new IOException(file + ": not a safetensors file (shorter than its 8-byte header length)");
    }
    ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    long headerLen = buf.getLong(0);
    if (headerLen <= 0 || headerLen > MAX_HEADER_BYTES || 8 + headerLen > all.length) {
      throw new IOException(file + ": header length " + headerLen + " does not fit a file of " + all.length + " bytes");
    }
    JsonNode header;
    try {
      header = JSON.readTree(new String(all, 8, (int) headerLen, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IOException(file + ": header is not valid JSON: " + e.getMessage(), e);
    }
    long dataStart = 8 + headerLen;
    long dataLen = all.length - dataStart;
    Map<String, Tensor> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = header.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      if (name.equals("__metadata__")) {
        continue;
      }
      JsonNode t = e.getValue();
      DType dtype;
      try {
        dtype = DType.valueOf(t.path("dtype").asText());
      } catch (IllegalArgumentException ex) {
        throw new IOException(file + ": tensor '" + name + "' has unsupported dtype '" + t.path("dtype").asText() + "'");
      }
      JsonNode shapeNode = t.path("shape");
      long[] shape = new long[shapeNode.size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = shapeNode.get(i).asLong();
      }
      JsonNode off = t.path("data_offsets");
      if (off.size() != 2) {
        throw new IOException(file + ": tensor '" + name + "' has no data_offsets");
      }
      long begin = off.get(0).asLong();
      long end = off.get(1).asLong();
      if (begin < 0 || end < begin || end > dataLen) {
        throw new IOException(file + ": tensor '" + name + "' data [" + begin + ", " + end + ") lies outside the "
            + dataLen + " data bytes (truncated file?)");
      }
      ByteBuffer slice = ByteBuffer.wrap(all, (int) (dataStart + begin), (int) (end - begin));
      try {
        out.put(name, new Tensor(dtype, shape, slice));
      } catch (IllegalArgumentException ex) {
        throw new IOException(file + ": tensor '" + name + "': " + ex.getMessage(), ex);
      }
    }
    return out;
  }

  /** Writes {@code tensors} atomically (temp file + rename): a crash never leaves half a file. */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
    ObjectNode header = JSON.createObjectNode();
    if (metadata != null && !metadata.isEmpty()) {
      ObjectNode md = header.putObject("__metadata__");
      metadata.forEach(md::put);
    }
    long offset = 0;
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      Tensor t = e.getValue();
      ObjectNode n = header.putObject(e.getKey());
      n.put("dtype", t.dtype().name());
      var shape = n.putArray("shape");
      for (long s : t.shape()) {
        shape.add(s);
      }
      long len = t.data().remaining();
      n.putArray("data_offsets").add(offset).add(offset + len);
      offset += len;
    }
    byte[] headerBytes = JSON.writeValueAsBytes(header);
    // Pad the header with spaces to 8-byte alignment, as the reference writer does.
    int padded = (headerBytes.length + 7) / 8 * 8;
    byte[] h = Arrays.copyOf(headerBytes, padded);
    Arrays.fill(h, headerBytes.length, padded, (byte) ' ');
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, padded);
      ch.write(len);
      ch.write(ByteBuffer.wrap(h));
      for (Tensor t : tensors.values()) {
        ch.write(t.data().duplicate());
      }
      ch.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
