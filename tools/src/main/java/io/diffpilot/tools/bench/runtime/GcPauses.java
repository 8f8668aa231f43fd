package io.diffpilot.tools.bench.runtime;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Stop-the-world GC pauses of this JVM while open: count, total and longest, from HotSpot's GC
 * notifications. Concurrent collectors report their cycles on a separate bean ("ZGC Cycles",
 * "Shenandoah Cycles") whose durations are concurrent work, not pauses; those are left out, so G1
 * and ZGC figures mean the same thing (the time every thread stood still).
 */
final class GcPauses implements NotificationListener, AutoCloseable {
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private long count;
  private long totalMillis;
  private long maxMillis;

  /** Figures so far. */
  record Figures(long count, long totalMillis, long maxMillis) {}

  GcPauses() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (!isConcurrentCycles(gc.getName()) && gc instanceof NotificationEmitter e) {
        e.addNotificationListener(this, null, null);
        emitters.add(e);
      }
    }
  }

  static boolean isConcurrentCycles(String beanName) {
    return beanName.endsWith(" Cycles");
  }

  @Override
  public synchronized void handleNotification(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())
        || !(n.getUserData() instanceof CompositeData data)) {
      return;
    }
    record(GarbageCollectionNotificationInfo.from(data).getGcInfo().getDuration());
  }

  synchronized void record(long pauseMillis) {
    count++;
    totalMillis += pauseMillis;
    maxMillis = Math.max(maxMillis, pauseMillis);
  }

  synchronized Figures figures() {
    return new Figures(count, totalMillis, maxMillis);
  }

  @Override
  public void close() {
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(this);
      } catch (ListenerNotFoundException ignored) {
        // already gone
      }
    }
  }
}
