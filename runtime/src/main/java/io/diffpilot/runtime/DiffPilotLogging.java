package io.diffpilot.runtime;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.net.URL;

/**
 * Configures logback from {@code diffpilot-logback.xml} (found through the {@link Configurator}
 * service). The runtime cannot rely on a plain {@code logback.xml}: the embedded broker's jar ships
 * one too, and logback then warns about the duplicate and dumps its whole status on every start.
 * {@code -Dlogback.configurationFile=FILE} still overrides it.
 */
public final class DiffPilotLogging extends ContextAwareBase implements Configurator {
  /** The configuration resource, also handed to the embedded broker. */
  public static final String RESOURCE = "/diffpilot-logback.xml";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    URL config = DiffPilotLogging.class.getResource(RESOURCE);
    if (config == null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    JoranConfigurator joran = new JoranConfigurator();
    joran.setContext(context);
    try {
      joran.doConfigure(config);
      return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    } catch (JoranException e) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
  }
}
