package io.diffpilot.runtime.mqtt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;

/**
 * {@link NoDelaySocketFactory} for TLS: Paho insists on an {@link SSLSocketFactory} for ssl:// URLs.
 * The plain overloads go through a {@link NoDelaySocketFactory} around the same delegate; only the
 * layering overload and the cipher suites are TLS's own.
 */
final class NoDelaySslSocketFactory extends SSLSocketFactory {
  private final SSLSocketFactory delegate;
  private final NoDelaySocketFactory sockets;

  NoDelaySslSocketFactory(SSLSocketFactory delegate) {
    this.delegate = delegate;
    this.sockets = new NoDelaySocketFactory(delegate);
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }

  @Override
  public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
    s.setTcpNoDelay(true);
    return NoDelaySocketFactory.noDelay(delegate.createSocket(s, host, port, autoClose));
  }

  @Override
  public Socket createSocket() throws IOException {
    return sockets.createSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return sockets.createSocket(host, port);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return sockets.createSocket(host, port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return sockets.createSocket(host, port, localHost, localPort);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
    return sockets.createSocket(address, port, localAddress, localPort);
  }
}
