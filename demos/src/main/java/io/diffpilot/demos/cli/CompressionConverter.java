package io.diffpilot.demos.cli;

import io.diffpilot.demos.lerobot.LeRobotWriter;
import java.util.Locale;

/** {@code --compression snappy|zstd}, in either case. */
final class CompressionConverter implements picocli.CommandLine.ITypeConverter<LeRobotWriter.Compression> {
  @Override
  public LeRobotWriter.Compression convert(String value) {
    try {
      return LeRobotWriter.Compression.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not snappy or zstd");
    }
  }
}
