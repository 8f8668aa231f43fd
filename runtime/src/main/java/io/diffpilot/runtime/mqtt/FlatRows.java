package io.diffpilot.runtime.mqtt;

/** Rows ({@code float[][]}) as the .proto messages carry them: one repeated float, row-major. */
final class FlatRows {

  /** A builder's {@code addX(float)} of a repeated float field. */
  interface FloatSink {
    void add(float v);
  }

  private FlatRows() {}

  /** Adds every value of {@code rows}, row after row. */
  static void append(float[][] rows, FloatSink sink) {
    for (float[] row : rows) {
      for (float v : row) {
        sink.add(v);
      }
    }
  }
}
