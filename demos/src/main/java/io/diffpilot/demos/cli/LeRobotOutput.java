package io.diffpilot.demos.cli;

import io.diffpilot.demos.dataset.DemoDataset;
import io.diffpilot.demos.lerobot.LeRobotWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The new LeRobot dataset a converting command writes ({@code --out}) and its Parquet
 * {@code --compression} (snappy|zstd, either case): a picocli {@code @Mixin} of {@code import} and
 * {@code export}.
 */
final class LeRobotOutput {
  @Option(names = "--out", required = true, description = "new dataset directory (must not exist or be empty)")
  Path out;

  @Option(names = "--compression", defaultValue = "snappy", converter = Converter.class,
      description = "Parquet compression: snappy (as LeRobot writes it, default) or zstd (a third smaller;"
          + " pyarrow and LeRobot read both)")
  LeRobotWriter.Compression compression;

  /** Writes {@code ds} into {@code --out} as LeRobot {@code format} (v3.0 or v2.1). */
  void write(DemoDataset ds, String format) {
    LeRobotWriter.write(ds, out, format, compression);
  }

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
