package io.diffpilot.sim.pusht;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * The T-shaped block in its local frame (pixels, y down), as the reference builds it with
 * {@code add_tee(scale=30, length=4)}: a crossbar 120 × 30 and a stem 30 × 90 below it. The body's
 * origin is the middle of the crossbar's top edge; its centre of gravity is at local (0, 45).
 */
public final class TeeShape {

  /** Crossbar polygon, counter-clockwise in dyn4j's sense: [4][2]. */
  public static final double[][] CROSSBAR = {{-60, 0}, {60, 0}, {60, 30}, {-60, 30}};

  /** Stem polygon: [4][2]. */
  public static final double[][] STEM = {{-15, 30}, {15, 30}, {15, 120}, {-15, 120}};

  /** The T's outline (union of the two polygons): [8][2]. */
  public static final double[][] OUTLINE = {
    {-60, 0}, {60, 0}, {60, 30}, {15, 30}, {15, 120}, {-15, 120}, {-15, 30}, {-60, 30}
  };

  /**
   * Centre of gravity in local coordinates: the mean of the two polygons' centroids ((0, 15) and
   * (0, 75)), as the reference computes it, not the area-weighted centroid (0, 36.4).
   */
  public static final double COG_X = 0.0;

  public static final double COG_Y = 45.0;

  /** Block mass. */
  public static final double MASS = 1.0;

  /**
   * Moment of inertia. The reference passes {@code moment_for_poly} of the crossbar twice (its
   * {@code add_tee} computes inertia2 from vertices1): the crossbar about the body origin is
   * (120² + 30²)/12 + 15² = 1500, so 3000. Kept as the spec's quirk; Chipmunk then uses it as the
   * moment about the centre of gravity.
   */
  public static final double MOMENT = 3000.0;

  /** Area of the T (3600 + 2700). */
  public static final double AREA = 6300.0;

  private static final double[][] KEYPOINTS = readKeypoints();

  private TeeShape() {}

  /** The 9 keypoints in the block's local frame: [9][2] (a copy). */
  public static double[][] keypointsLocal() {
    double[][] copy = new double[KEYPOINTS.length][];
    for (int i = 0; i < KEYPOINTS.length; i++) {
      copy[i] = KEYPOINTS[i].clone();
    }
    return copy;
  }

  /** Number of keypoints (9). */
  public static int keypointCount() {
    return KEYPOINTS.length;
  }

  /** Local point (lx, ly) under the pose (x, y, angle): world x. */
  public static double worldX(double lx, double ly, double x, double angle) {
    return x + Math.cos(angle) * lx - Math.sin(angle) * ly;
  }

  /** Local point (lx, ly) under the pose (x, y, angle): world y. */
  public static double worldY(double lx, double ly, double y, double angle) {
    return y + Math.sin(angle) * lx + Math.cos(angle) * ly;
  }

  /** The T outline under a pose, as a JTS polygon. */
  public static Polygon polygonAt(GeometryFactory factory, double x, double y, double angle) {
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    Coordinate[] ring = new Coordinate[OUTLINE.length + 1];
    for (int i = 0; i < OUTLINE.length; i++) {
      double lx = OUTLINE[i][0];
      double ly = OUTLINE[i][1];
      ring[i] = new Coordinate(x + c * lx - s * ly, y + s * lx + c * ly);
    }
    ring[OUTLINE.length] = ring[0].copy();
    return factory.createPolygon(ring);
  }

  /** Keypoints under a pose, flattened [18] = (x0, y0, …, x8, y8), written into {@code out} at {@code offset}. */
  public static void keypointsAt(double x, double y, double angle, float[] out, int offset) {
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    for (int i = 0; i < KEYPOINTS.length; i++) {
      double lx = KEYPOINTS[i][0];
      double ly = KEYPOINTS[i][1];
      out[offset + 2 * i] = (float) (x + c * lx - s * ly);
      out[offset + 2 * i + 1] = (float) (y + s * lx + c * ly);
    }
  }

  // The keypoints were recovered from the demonstration data (block_keypoints_local.csv of the
  // CSV export that data/pusht was made from, see data/pusht/README.md); the copy under resources
  // is what the product ships.
  private static double[][] readKeypoints() {
    String name = "block_keypoints_local.csv";
    try (InputStream in = TeeShape.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource io/diffpilot/sim/pusht/" + name);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<double[]> rows = new ArrayList<>();
      String line = reader.readLine(); // header
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.split(",");
        rows.add(new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])});
      }
      return rows.toArray(new double[0][]);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + name, e);
    }
  }
}
