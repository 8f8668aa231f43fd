package io.diffpilot.policy.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Config keys are snake_case ({@code input_dim}, {@code batch_size}): the record component names
 * as {@link PropertyNamingStrategies#SNAKE_CASE} spells them. Model directories and training YAML
 * written before carry the camelCase spelling ({@code inputDim}); it is still read, as a
 * deprecated alias, with one warning per file. Nothing writes it any more.
 */
public final class CamelCaseKeys {

  private static final Logger LOG = LoggerFactory.getLogger(CamelCaseKeys.class);
  private static final PropertyNamingStrategies.NamingBase SNAKE =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

  private CamelCaseKeys() {}

  /** The YAML keys of a config record: its component names in snake_case, in declaration order. */
  public static List<String> keysOf(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).map(SNAKE::translate).toList();
  }

  /**
   * {@code root} with the camelCase keys of the given sections renamed to their snake_case
   * spelling (a copy when any is renamed; {@code root} itself is left alone). A key renames only
   * when its snake_case spelling is one of the section's keys, so a typo is still reported as it
   * was written. Logs one line naming every renamed key.
   *
   * @param where the file, for the warning and errors
   * @param sections section name → the record it binds to
   */
  public static ObjectNode toSnakeCase(String where, ObjectNode root, Map<String, Class<? extends Record>> sections)
      throws IOException {
    ObjectNode out = root;
    List<String> renamed = new ArrayList<>();
    for (Map.Entry<String, Class<? extends Record>> s : sections.entrySet()) {
      JsonNode node = root.get(s.getKey());
      if (node == null || !node.isObject()) {
        continue;
      }
      List<String> known = keysOf(s.getValue());
      ObjectNode section = null;
      for (var it = node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        String snake = SNAKE.translate(key);
        if (snake.equals(key) || !known.contains(snake)) {
          continue;
        }
        if (node.has(snake)) {
          throw new IOException(where + ": section '" + s.getKey() + "': '" + key + "' and '" + snake
              + "' both given (" + snake + " is the name; " + key + " its deprecated spelling)");
        }
        if (section == null) {
          out = out == root ? root.deepCopy() : out;
          section = (ObjectNode) out.get(s.getKey());
        }
        renamed.add(s.getKey() + "." + key + " -> " + s.getKey() + "." + snake);
      }
      if (section != null) {
        rename(section, known);
      }
    }
    if (!renamed.isEmpty()) {
      LOG.warn("{}: {} camelCase key(s) read as snake_case, a deprecated spelling (e.g. {}); write snake_case keys",
          where, renamed.size(), renamed.get(0));
    }
    return out;
  }

  /** Renames the camelCase keys of {@code section} in place, keeping their order. */
  private static void rename(ObjectNode section, List<String> known) {
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
    section.fields().forEachRemaining(fields::add);
    section.removeAll();
    for (Map.Entry<String, JsonNode> f : fields) {
      String snake = SNAKE.translate(f.getKey());
      section.set(known.contains(snake) ? snake : f.getKey(), f.getValue());
    }
  }
}
