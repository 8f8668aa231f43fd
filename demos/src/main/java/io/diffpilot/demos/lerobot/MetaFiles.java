package io.diffpilot.demos.lerobot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diffpilot.demos.dataset.DatasetFormatException;
import io.diffpilot.demos.dataset.ErrorText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reading a dataset's JSON, JSON-lines and Parquet file lists, each failure naming the file. */
final class MetaFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MetaFiles() {}

  /** A JSON file; missing or invalid is a {@link DatasetFormatException} naming it. */
  static JsonNode readJson(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DatasetFormatException(file.toString(), "", "missing: not a LeRobot dataset directory?");
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new DatasetFormatException(file.toString(), "", ErrorText.of(e), e);
    }
  }

  /** Every .parquet file under {@code dir}, sorted; none when it is absent. */
  static List<Path> parquetFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new DatasetFormatException(dir.toString(), "", "cannot list: " + ErrorText.of(e), e);
    }
  }

  /** The JSON objects of a JSON-lines file, blank lines skipped; errors name the file and line. */
  static List<JsonNode> jsonLines(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DatasetFormatException(file.toString(), "", "missing");
    }
    List<JsonNode> out = new ArrayList<>();
    try {
      int line = 0;
      for (String s : Files.readAllLines(file)) {
        line++;
        if (s.isBlank()) {
          continue;
        }
        try {
          out.add(JSON.readTree(s));
        } catch (IOException e) {
          throw new DatasetFormatException(file.toString(), "line " + line, ErrorText.of(e), e);
        }
      }
    } catch (IOException e) {
      throw new DatasetFormatException(file.toString(), "", "cannot read: " + ErrorText.of(e), e);
    }
    return out;
  }
}
