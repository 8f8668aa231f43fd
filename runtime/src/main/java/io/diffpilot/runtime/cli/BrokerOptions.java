package io.diffpilot.runtime.cli;

import io.diffpilot.runtime.mqtt.BrokerConfig;
import java.nio.file.Path;
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
