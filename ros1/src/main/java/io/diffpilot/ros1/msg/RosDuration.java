package io.diffpilot.ros1.msg;

/**
 * ROS {@code duration}: signed seconds and nanoseconds.
 *
 * @param secs int32 seconds
 * @param nsecs int32 nanoseconds
 */
public record RosDuration(int secs, int nsecs) {

  public static RosDuration ofNanos(long nanos) {
    long s = Math.floorDiv(nanos, 1_000_000_000L);
    return new RosDuration(Math.toIntExact(s), (int) Math.floorMod(nanos, 1_000_000_000L));
  }

  public long toNanos() {
    return secs * 1_000_000_000L + nsecs;
  }
}
