package io.diffpilot.demos.cli;

import io.diffpilot.demos.lerobot.LeRobotWriter;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --compression snappy|zstd} (either case) of the commands that write Parquet: a picocli {@code @Mixin}. */
final class CompressionOption {
  @Option(names = "--compression", defaultValue = "snappy", converter = Converter.class,
      description = "Parquet compression: snappy (as LeRobot writes it, default) or zstd (a third smaller;"
          + " pyarrow and LeRobot read both)")
  LeRobotWriter.Compression compression;

  static final class Converter implements ITypeConverter<LeRobotWriter.Compression> {
    @Override
    public LeRobotWriter.Compression convert(String value) {
      try {
        return LeRobotWriter.Compression.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + value + "' is not snappy or zstd");
      }
    }
  }
}
