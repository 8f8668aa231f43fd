package io.diffpilot.runtime.cli;

import io.diffpilot.runtime.mqtt.BrokerConfig;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The MQTT broker options shared by {@code serve}, {@code sim-robot} and {@code record}
 * (a picocli {@code @Mixin}): one place for the flags and for turning them into a
 * {@link BrokerConfig}, so the commands cannot drift apart.
 */
public final class BrokerOptions {
  @Option(names = "--broker", paramLabel = "URL", description = "MQTT 5 broker, tcp://host:port or ssl://host:port")
  String url;

  @Option(names = "--username", description = "broker user name")
  String username;

  @Option(names = "--password-env", paramLabel = "VAR", description = "environment variable holding the broker password")
  String passwordEnv;

  @Option(names = "--ca-file", paramLabel = "PEM", description = "CA certificate for ssl:// brokers")
  Path caFile;

  /**
   * Checks the flags of a command whose {@code transportOption} ({@code --transport},
   * {@code --source}) chose mqtt: a broker is needed, ROS arguments are not.
   *
   * @throws IllegalArgumentException naming what is missing or extra
   */
  void checkForMqtt(String transportOption, List<String> rosArgs) {
    if (url == null) {
      throw new IllegalArgumentException(transportOption + " mqtt needs --broker URL");
    }
    if (!rosArgs.isEmpty()) {
      throw new IllegalArgumentException("unexpected arguments " + rosArgs + " (ROS arguments need " + transportOption
          + " ros)");
    }
  }

  /**
   * The broker of {@code --broker}, with credentials and CA file if given.
   *
   * @throws IllegalArgumentException if the URL is malformed or the password variable is unset
   */
  BrokerConfig toBrokerConfig() {
    BrokerConfig b = BrokerConfig.plain(url);
    if (username != null) {
      String pass = null;
      if (passwordEnv != null) {
        pass = System.getenv(passwordEnv);
        if (pass == null) {
          throw new IllegalArgumentException("--password-env: environment variable " + passwordEnv + " is not set");
        }
      }
      b = b.withCredentials(username, pass);
    }
    return caFile == null ? b : b.withCaFile(caFile);
  }
}
