package io.diffpilot.ros1.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a node lives in the ROS graph and how it reaches the master, following the ROS
 * command-line and environment conventions: {@code __name:=}, {@code __ns:=},
 * {@code from:=to} remaps, {@code _param:=value} private parameters, and the environment's
 * ROS_MASTER_URI, ROS_IP / ROS_HOSTNAME, ROS_NAMESPACE.
 *
 * @param masterUri the master's XML-RPC URI
 * @param host the host name or address other nodes reach this one at
 * @param namespace absolute namespace, "/" for the root
 * @param name the node's base name (no slashes)
 * @param remaps resolved source name → resolved target name
 * @param privateParams {@code _param:=value} arguments, by parameter name without the underscore
 * @param masterPoll how often the master is checked (restart detection); 0 disables
 * @param masterTimeout timeout of master calls
 */
public record NodeConfig(
    String masterUri, String host, String namespace, String name, Map<String, String> remaps,
    Map<String, String> privateParams, Duration masterPoll, Duration masterTimeout) {

  public NodeConfig {
    Objects.requireNonNull(masterUri, "masterUri");
    Objects.requireNonNull(host, "host");
    if (!namespace.startsWith("/")) {
      throw new IllegalArgumentException("namespace must be absolute: " + namespace);
    }
    if (name.isEmpty() || name.contains("/")) {
      throw new IllegalArgumentException("node name must be a base name without '/': " + name);
    }
    remaps = Map.copyOf(remaps);
    privateParams = Map.copyOf(privateParams);
  }

  /** The node's full name, e.g. {@code /robot1/diffpilot}. */
  public String fullName() {
    return GraphNames.join(namespace, name);
  }

  /** A config with {@code masterPoll} changed. */
  public NodeConfig withMasterPoll(Duration poll) {
    return new NodeConfig(masterUri, host, namespace, name, remaps, privateParams, poll, masterTimeout);
  }

  /**
   * Parses the ROS arguments out of {@code args} (anything with {@code :=}); the rest is left
   * in {@code rest} in order.
   */
  public static NodeConfig fromArgs(String defaultName, List<String> args, Map<String, String> env, List<String> rest) {
    String ns = env.getOrDefault("ROS_NAMESPACE", "/");
    String name = defaultName;
    String master = env.get("ROS_MASTER_URI");
    String ip = env.get("ROS_IP");
    String hostname = env.get("ROS_HOSTNAME");
    Map<String, String> rawRemaps = new LinkedHashMap<>();
    Map<String, String> params = new LinkedHashMap<>();
    for (String a : args) {
      int i = a.indexOf(":=");
      if (i <= 0) {
        rest.add(a);
        continue;
      }
      String key = a.substring(0, i);
      String value = a.substring(i + 2);
      switch (key) {
        case "__name" -> name = value;
        case "__ns" -> ns = value;
        case "__master" -> master = value;
        case "__ip" -> ip = value;
        case "__hostname" -> hostname = value;
        case "__log" -> { } // roslaunch's log file: we log to stderr, which roslaunch captures
        default -> {
          if (key.startsWith("__")) {
            // other special keys are roscpp/rospy specific: ignored
          } else if (key.startsWith("_")) {
            params.put(key.substring(1), value);
          } else {
            rawRemaps.put(key, value);
          }
        }
      }
    }
    if (master == null || master.isBlank()) {
      throw new IllegalArgumentException("ROS_MASTER_URI is not set (e.g. export ROS_MASTER_URI=http://127.0.0.1:11311)");
    }
    ns = GraphNames.canonicalNamespace(ns);
    String host = ip != null && !ip.isBlank() ? ip : hostname != null && !hostname.isBlank() ? hostname : localHostName();
    String full = GraphNames.join(ns, name);
    Map<String, String> remaps = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : rawRemaps.entrySet()) {
      remaps.put(GraphNames.resolve(ns, full, e.getKey()), GraphNames.resolve(ns, full, e.getValue()));
    }
    return new NodeConfig(master, host, ns, name, remaps, params, Duration.ofSeconds(1), Duration.ofSeconds(3));
  }

  /** Convenience for tests and embedding: the process environment, no arguments. */
  public static NodeConfig fromEnvironment(String name) {
    return fromArgs(name, List.of(), System.getenv(), new ArrayList<>());
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "127.0.0.1";
    }
  }
}
