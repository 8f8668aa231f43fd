package io.diffpilot.runtime.mqtt;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * How to reach an MQTT broker.
 *
 * @param url {@code tcp://host:port} or {@code ssl://host:port}
 * @param username user name, or null for anonymous
 * @param password password, or null
 * @param caFile PEM file of the CA (or self-signed server certificate) to trust for {@code ssl://};
 *     null uses the JVM's default trust store
 * @param connectTimeoutSeconds how long the first connection may take
 * @param maxReconnectDelayMillis back-off ceiling between reconnection attempts (they start at 1 s
 *     and double)
 */
public record BrokerConfig(
    String url, String username, String password, Path caFile, int connectTimeoutSeconds,
    int maxReconnectDelayMillis) {

  public BrokerConfig {
    Objects.requireNonNull(url, "url");
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("broker url '" + url + "' is not a URI: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("tcp") && !scheme.equals("ssl")) {
      throw new IllegalArgumentException("broker url '" + url + "' must start with tcp:// or ssl://");
    }
    if (uri.getHost() == null || uri.getPort() <= 0) {
      throw new IllegalArgumentException("broker url '" + url + "' needs a host and a port");
    }
    if (caFile != null && !scheme.equals("ssl")) {
      throw new IllegalArgumentException("a CA file was given but broker url '" + url + "' is not ssl://");
    }
    if (password != null && username == null) {
      throw new IllegalArgumentException("a broker password needs a username");
    }
    if (connectTimeoutSeconds < 1) {
      throw new IllegalArgumentException("connectTimeoutSeconds must be >= 1");
    }
    if (maxReconnectDelayMillis < 1000) {
      throw new IllegalArgumentException("maxReconnectDelayMillis must be >= 1000");
    }
  }

  /** An anonymous plain-TCP broker, 5 s connect timeout, back-off up to 4 s. */
  public static BrokerConfig plain(String url) {
    return new BrokerConfig(url, null, null, null, 5, 4000);
  }

  public BrokerConfig withCredentials(String user, String pass) {
    return new BrokerConfig(url, user, pass, caFile, connectTimeoutSeconds, maxReconnectDelayMillis);
  }

  public BrokerConfig withCaFile(Path ca) {
    return new BrokerConfig(url, username, password, ca, connectTimeoutSeconds, maxReconnectDelayMillis);
  }

  public boolean isTls() {
    return url.toLowerCase(Locale.ROOT).startsWith("ssl://");
  }

  /** For logs: the url and user, never the password. */
  @Override
  public String toString() {
    return url + (username == null ? "" : " as " + username) + (caFile == null ? "" : " trusting " + caFile);
  }
}
