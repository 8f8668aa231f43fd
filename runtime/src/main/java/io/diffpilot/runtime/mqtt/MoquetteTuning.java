package io.diffpilot.runtime.mqtt;

import io.moquette.broker.Server;
import io.moquette.interception.BrokerInterceptor;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes two thread hand-offs per message out of the embedded Moquette 0.17, which (measured with
 * {@code diffpilot bench runtime --threads}) costs the controller's cores about 10 context
 * switches per observation → chunk cycle more than mosquitto does:
 *
 * <ul>
 *   <li><b>One session loop.</b> Moquette routes each session's work to one of
 *       {@code availableProcessors()} "Session Executor" threads by the hash of its client id. When
 *       the controller's and the robot's ids hash to different loops (half the time, as the ids
 *       carry a random suffix), every publish crosses from the publisher's loop to the
 *       subscriber's: +2 switches and +70 µs CPU per cycle, +0.15 ms median overhead, and a
 *       benchmark that changes from run to run. With the count set to 1 all sessions share one
 *       loop (mosquitto runs everything on one thread too); the other loop idles, blocked.
 *   <li><b>Interceptor notifications inline.</b> {@code BrokerInterceptor.notifyTopicPublished}
 *       hands every PUBLISH to a one-thread pool, even with no intercept handler registered (as
 *       here): one more thread woken per message (2 per cycle). Its pool is replaced by an executor
 *       that runs the (empty) notification on the routing thread.
 * </ul>
 *
 * <p>Moquette has no setting for either, so both are done by reflection on private fields of the
 * pinned version, right after {@code startServer} and before any client of ours connects; a field
 * that is not found (another Moquette) leaves that default in place, logged, and
 * {@link Applied} says so ({@code MoquetteTuningTest} fails then, so an upgrade notices). Only for
 * a broker without intercept handlers: a handler would run on the session loop.
 */
public final class MoquetteTuning {
  private static final Logger LOG = LoggerFactory.getLogger(MoquetteTuning.class);

  /** Which changes took effect. */
  public record Applied(boolean oneSessionLoop, boolean inlineInterceptor) {}

  private MoquetteTuning() {}

  /** Applies both changes to a just-started {@code server}. */
  static Applied apply(Server server) {
    return new Applied(oneSessionLoop(server), inlineInterceptor(server));
  }

  private static boolean oneSessionLoop(Server server) {
    try {
      Object postOffice = read(server, Server.class, "dispatcher");
      Object loops = read(postOffice, postOffice.getClass(), "sessionLoops");
      Field count = loops.getClass().getDeclaredField("eventLoops");
      count.setAccessible(true);
      count.setInt(loops, 1);
      return count.getInt(loops) == 1;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("embedded broker keeps one session loop per core (Moquette internals differ: {})", e.toString());
      return false;
    }
  }

  private static boolean inlineInterceptor(Server server) {
    try {
      Object interceptor = read(server, Server.class, "interceptor");
      Field f = BrokerInterceptor.class.getDeclaredField("executor");
      f.setAccessible(true);
      if (!(f.get(interceptor) instanceof ExecutorService pool)) {
        return false;
      }
      f.set(interceptor, new InlineExecutor());
      pool.shutdown(); // idle; anything already queued still runs on its own thread
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("embedded broker keeps its interceptor thread (Moquette internals differ: {})", e.toString());
      return false;
    }
  }

  private static Object read(Object target, Class<?> type, String field) throws ReflectiveOperationException {
    Field f = type.getDeclaredField(field);
    f.setAccessible(true);
    Object v = f.get(target);
    if (v == null) {
      throw new NoSuchFieldException(type.getSimpleName() + "." + field + " is null");
    }
    return v;
  }

  /** Runs each task on the calling thread; Moquette's {@code stop()} sees it terminate at once. */
  static final class InlineExecutor extends AbstractExecutorService {
    private volatile boolean shutdown;

    @Override
    public void execute(Runnable command) {
      command.run(); // also after shutdown: the notification releases the message it retained
    }

    @Override
    public void shutdown() {
      shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shutdown = true;
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }

    @Override
    public boolean isTerminated() {
      return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return shutdown;
    }
  }
}
