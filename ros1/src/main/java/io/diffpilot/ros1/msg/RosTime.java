package io.diffpilot.ros1.msg;

/**
 * ROS {@code time}: unsigned seconds and nanoseconds since the epoch.
 *
 * @param secs uint32 seconds
 * @param nsecs uint32 nanoseconds, below 1e9
 */
public record RosTime(long secs, long nsecs) {

  public static final RosTime ZERO = new RosTime(0, 0);

  public RosTime {
    if (secs < 0 || secs > 0xffffffffL || nsecs < 0 || nsecs > 0xffffffffL) {
      throw new IllegalArgumentException("time out of uint32 range: " + secs + "." + nsecs);
    }
  }

  public static RosTime ofNanos(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("negative time " + nanos);
    }
    return new RosTime(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
  }

  /** Wall-clock now. */
  public static RosTime now() {
    java.time.Instant i = java.time.Instant.now();
    return new RosTime(i.getEpochSecond(), i.getNano());
  }

  public long toNanos() {
    return secs * 1_000_000_000L + nsecs;
  }
}
