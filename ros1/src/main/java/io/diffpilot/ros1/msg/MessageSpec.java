package io.diffpilot.ros1.msg;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A parsed {@code .msg} definition: the raw text (as rospy sends it), its constants and fields,
 * with field types resolved to full names as genmsg does ({@code Header} is
 * {@code std_msgs/Header}; an unqualified message type belongs to the same package).
 *
 * @param name full type name, {@code pkg/Name}
 * @param text the file's text, comments included
 * @param constants constant lines, in order
 * @param fields field lines, in order
 */
public record MessageSpec(String name, String text, List<Constant> constants, List<Field> fields) {

  static final Set<String> BUILTINS = Set.of(
      "bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
      "float32", "float64", "string", "time", "duration", "char", "byte");

  /** {@code type name=value}; {@code value} is the text genmsg keeps for the md5. */
  public record Constant(String type, String name, String value) {}

  /**
   * @param type the type as resolved, with any array suffix ({@code float64[]}, {@code pkg/T[]})
   * @param name field name
   */
  public record Field(String type, String name) {
    /** The type without its array suffix. */
    public String baseType() {
      int i = type.indexOf('[');
      return i < 0 ? type : type.substring(0, i);
    }

    public boolean isBuiltin() {
      return BUILTINS.contains(baseType());
    }
  }

  public MessageSpec {
    constants = List.copyOf(constants);
    fields = List.copyOf(fields);
  }

  /** Parses {@code text} as the definition of {@code name}. */
  public static MessageSpec parse(String name, String text) {
    int slash = name.indexOf('/');
    if (slash <= 0) {
      throw new IllegalArgumentException("message type needs a package: " + name);
    }
    String pkg = name.substring(0, slash);
    List<Constant> constants = new ArrayList<>();
    List<Field> fields = new ArrayList<>();
    int lineNo = 0;
    for (String orig : text.split("\n", -1)) {
      lineNo++;
      String line = orig.split("#", 2)[0].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\\s+", 2);
      if (parts.length < 2) {
        throw new IllegalArgumentException(name + " line " + lineNo + ": expected 'type name': " + orig);
      }
      String type = parts[0];
      if (parts[1].contains("=")) {
        String cname;
        String value;
        if (type.equals("string")) {
          // string constants take everything after '=', comments included (genmsg)
          int eq = orig.indexOf('=');
          cname = orig.substring(orig.indexOf(' ') + 1, eq).strip();
          value = orig.substring(eq + 1).strip();
        } else {
          int eq = parts[1].indexOf('=');
          cname = parts[1].substring(0, eq).strip();
          value = parts[1].substring(eq + 1).strip();
        }
        constants.add(new Constant(type, cname, value));
      } else {
        fields.add(new Field(resolve(type, pkg), parts[1].strip()));
      }
    }
    return new MessageSpec(name, text, constants, fields);
  }

  private static String resolve(String type, String pkg) {
    int i = type.indexOf('[');
    String base = i < 0 ? type : type.substring(0, i);
    String suffix = i < 0 ? "" : type.substring(i);
    if (BUILTINS.contains(base) || base.contains("/")) {
      return type;
    }
    if (base.equals("Header")) {
      return "std_msgs/Header" + suffix;
    }
    return pkg + "/" + base + suffix;
  }

  /** Full names of the message types the fields use, in field order, without duplicates. */
  public List<String> directDepends() {
    List<String> out = new ArrayList<>();
    for (Field f : fields) {
      if (!f.isBuiltin() && !out.contains(f.baseType())) {
        out.add(f.baseType());
      }
    }
    return out;
  }
}
