package io.diffpilot.runtime.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The sockets an {@link MqttLink} connects with: TCP_NODELAY always (a chunk must not wait for
 * Nagle), and for {@code ssl://} brokers TLS trusting only the CA file of the {@link BrokerConfig}.
 */
final class BrokerSockets {
  private BrokerSockets() {}

  static SocketFactory forBroker(BrokerConfig broker) throws IOException {
    return broker.isTls() ? new NoDelaySslSocketFactory(socketFactory(broker))
        : new NoDelaySocketFactory(SocketFactory.getDefault());
  }

  /** A socket factory trusting only the CA in {@code broker.caFile()} (or the JVM default). */
  static SSLSocketFactory socketFactory(BrokerConfig broker) throws IOException {
    try {
      SSLContext ctx = SSLContext.getInstance("TLSv1.2");
      if (broker.caFile() == null) {
        ctx.init(null, null, null);
        return ctx.getSocketFactory();
      }
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      int n = 0;
      try (InputStream in = Files.newInputStream(broker.caFile())) {
        for (Certificate c : cf.generateCertificates(in)) {
          trust.setCertificateEntry("ca-" + n++, c);
        }
      }
      if (n == 0) {
        throw new IOException("CA file " + broker.caFile() + " holds no certificate");
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS set-up with CA file " + broker.caFile() + " failed: " + e.getMessage(), e);
    }
  }
}
