package io.diffpilot.ros1.node;

/**
 * ROS graph name resolution: {@code /abs} stays, {@code rel} joins the node's namespace,
 * {@code ~priv} joins the node's own name.
 */
public final class GraphNames {

  private GraphNames() {}

  /** {@code "/a/b/"} or {@code "a"} → {@code "/a/b"} / {@code "/a"}; the root stays {@code "/"}. */
  public static String canonicalNamespace(String ns) {
    String n = ns.startsWith("/") ? ns : "/" + ns;
    while (n.length() > 1 && n.endsWith("/")) {
      n = n.substring(0, n.length() - 1);
    }
    return n.replaceAll("/+", "/");
  }

  public static String join(String ns, String name) {
    return ns.endsWith("/") ? ns + name : ns + "/" + name;
  }

  /**
   * Resolves {@code name} for a node named {@code nodeFullName} in namespace {@code ns}.
   *
   * @throws IllegalArgumentException for an empty name
   */
  public static String resolve(String ns, String nodeFullName, String name) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty graph name");
    }
    String out;
    if (name.startsWith("/")) {
      out = name;
    } else if (name.startsWith("~")) {
      out = join(nodeFullName, name.substring(1).replaceFirst("^/", ""));
    } else {
      out = join(ns, name);
    }
    return canonicalNamespace(out);
  }
}
