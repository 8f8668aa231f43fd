package io.diffpilot.sim.pusht;

import java.util.ArrayList;
import java.util.List;
import org.dyn4j.dynamics.Body;
import org.dyn4j.dynamics.Settings;
import org.dyn4j.dynamics.TimeStep;
import org.dyn4j.dynamics.contact.Contact;
import org.dyn4j.dynamics.contact.ContactConstraint;
import org.dyn4j.dynamics.contact.ContactConstraintSolver;
import org.dyn4j.geometry.Mass;
import org.dyn4j.geometry.Vector2;

/**
 * A contact solver for dyn4j's contacts that solves them the way Chipmunk's arbiters do
 * (cpArbiter preStep / applyImpulse), friction left out since Push-T has none: per contact and
 * iteration, first a bias impulse towards the Baumgarte separation velocity
 * β·max(0, depth − slop)/dt, accumulated into separate bias velocities, then the normal impulse
 * that stops the bodies approaching. The bias velocities move the bodies once, after dyn4j's
 * position integration (Chipmunk adds them to the next position update), instead of dyn4j's own
 * position pass. No warm starting: with the block's velocity cleared each substep it makes no
 * measurable difference. Not thread-safe; one per world.
 *
 * <p>Sign conventions follow dyn4j's: relative velocity v1 − v2 at the contact, impulse +N on
 * body 1 and −N on body 2, separation when the normal relative velocity is positive.
 */
final class ChipmunkContactSolver implements ContactConstraintSolver<Body> {
  private final double biasCoef;
  private final double slop;

  private static final class Point {
    Body b1;
    Body b2;
    double nx;
    double ny;
    double r1x;
    double r1y;
    double r2x;
    double r2y;
    double nMass;
    double bias;
    double jnAcc;
    double jBias;
    double[] vb1;
    double[] vb2;
  }

  private double[] biasOf(Body b) {
    for (int i = 0; i < biasBodies.size(); i++) {
      if (biasBodies.get(i) == b) {
        return biasVelocities.get(i);
      }
    }
    double[] v = new double[3];
    biasBodies.add(b);
    biasVelocities.add(v);
    return v;
  }

  private final List<Point> points = new ArrayList<>();
  // Bias velocities (vx, vy, w) per body; Push-T has at most three bodies in contact, so a list
  // searched by identity beats a map.
  private final List<Body> biasBodies = new ArrayList<>();
  private final List<double[]> biasVelocities = new ArrayList<>();
  private double dt;

  ChipmunkContactSolver(double biasCoef, double slop) {
    this.biasCoef = biasCoef;
    this.slop = slop;
  }

  @Override
  public void initialize(List<ContactConstraint<Body>> constraints, TimeStep step, Settings settings) {
    points.clear();
    biasBodies.clear();
    biasVelocities.clear();
    dt = step.getDeltaTime();
    for (ContactConstraint<Body> cc : constraints) {
      if (!cc.isEnabled() || cc.isSensor()) {
        continue;
      }
      Body b1 = cc.getBody1();
      Body b2 = cc.getBody2();
      Mass m1 = b1.getMass();
      Mass m2 = b2.getMass();
      Vector2 c1 = b1.getTransform().getTransformed(m1.getCenter());
      Vector2 c2 = b2.getTransform().getTransformed(m2.getCenter());
      Vector2 n = cc.getNormal();
      for (Contact contact : cc.getContacts()) {
        if (contact.isIgnored()) {
          continue;
        }
        Point p = new Point();
        p.b1 = b1;
        p.b2 = b2;
        p.nx = n.x;
        p.ny = n.y;
        Vector2 at = contact.getPoint();
        p.r1x = at.x - c1.x;
        p.r1y = at.y - c1.y;
        p.r2x = at.x - c2.x;
        p.r2y = at.y - c2.y;
        double rn1 = p.r1x * p.ny - p.r1y * p.nx;
        double rn2 = p.r2x * p.ny - p.r2y * p.nx;
        double k = m1.getInverseMass() + m2.getInverseMass() + m1.getInverseInertia() * rn1 * rn1
            + m2.getInverseInertia() * rn2 * rn2;
        if (!(k > 0)) {
          continue;
        }
        p.nMass = 1.0 / k;
        p.bias = biasCoef * Math.max(0.0, contact.getDepth() - slop) / dt;
        p.vb1 = biasOf(b1);
        p.vb2 = biasOf(b2);
        points.add(p);
      }
    }
    // Order matters when two contacts oppose each other (the agent wedged at the junction of
    // crossbar and stem). Chipmunk solves arbiters in the order its BBTree reports the pairs,
    // which this world does not have; deepest first (stable otherwise) reproduces the two
    // demonstrations where it matters (episodes 50 and 186), either fixed order breaks one.
    points.sort((x, y) -> Double.compare(y.bias, x.bias));
  }

  @Override
  public void solveVelocityContraints(List<ContactConstraint<Body>> constraints, TimeStep step, Settings settings) {
    for (Point p : points) {
      double[] vb1 = p.vb1;
      double[] vb2 = p.vb2;
      // Bias (penetration) impulse on the bias velocities.
      double vbn = relativeNormal(p, vb1[0], vb1[1], vb1[2], vb2[0], vb2[1], vb2[2]);
      double jb = (p.bias - vbn) * p.nMass;
      double jbOld = p.jBias;
      p.jBias = Math.max(jbOld + jb, 0.0);
      double djb = p.jBias - jbOld;
      apply(p, vb1, vb2, djb);
      // Normal impulse on the real velocities: inelastic, so the target is zero approach speed.
      Vector2 v1 = p.b1.getLinearVelocity();
      Vector2 v2 = p.b2.getLinearVelocity();
      double vrn = relativeNormal(p, v1.x, v1.y, p.b1.getAngularVelocity(), v2.x, v2.y, p.b2.getAngularVelocity());
      double jn = -vrn * p.nMass;
      double jnOld = p.jnAcc;
      p.jnAcc = Math.max(jnOld + jn, 0.0);
      double dj = p.jnAcc - jnOld;
      Mass m1 = p.b1.getMass();
      Mass m2 = p.b2.getMass();
      double jx = p.nx * dj;
      double jy = p.ny * dj;
      v1.add(jx * m1.getInverseMass(), jy * m1.getInverseMass());
      p.b1.setAngularVelocity(p.b1.getAngularVelocity() + m1.getInverseInertia() * (p.r1x * jy - p.r1y * jx));
      v2.subtract(jx * m2.getInverseMass(), jy * m2.getInverseMass());
      p.b2.setAngularVelocity(p.b2.getAngularVelocity() - m2.getInverseInertia() * (p.r2x * jy - p.r2y * jx));
    }
  }

  private static double relativeNormal(Point p, double v1x, double v1y, double w1, double v2x, double v2y, double w2) {
    // v + w × r, with w × r = (−w r_y, w r_x) in 2-D.
    double rx = (v1x - w1 * p.r1y) - (v2x - w2 * p.r2y);
    double ry = (v1y + w1 * p.r1x) - (v2y + w2 * p.r2x);
    return rx * p.nx + ry * p.ny;
  }

  private static void apply(Point p, double[] vb1, double[] vb2, double dj) {
    Mass m1 = p.b1.getMass();
    Mass m2 = p.b2.getMass();
    double jx = p.nx * dj;
    double jy = p.ny * dj;
    vb1[0] += jx * m1.getInverseMass();
    vb1[1] += jy * m1.getInverseMass();
    vb1[2] += m1.getInverseInertia() * (p.r1x * jy - p.r1y * jx);
    vb2[0] -= jx * m2.getInverseMass();
    vb2[1] -= jy * m2.getInverseMass();
    vb2[2] -= m2.getInverseInertia() * (p.r2x * jy - p.r2y * jx);
  }

  @Override
  public boolean solvePositionContraints(List<ContactConstraint<Body>> constraints, TimeStep step, Settings settings) {
    // Chipmunk: p += v_bias·dt, a += w_bias·dt, about the centre of gravity; once per substep.
    for (int i = 0; i < biasBodies.size(); i++) {
      Body b = biasBodies.get(i);
      double[] vb = biasVelocities.get(i);
      if (b.getMass().getInverseMass() == 0 && b.getMass().getInverseInertia() == 0) {
        continue;
      }
      if (vb[0] != 0 || vb[1] != 0 || vb[2] != 0) {
        Vector2 c = b.getTransform().getTransformed(b.getMass().getCenter());
        b.rotate(vb[2] * dt, c.x, c.y);
        b.translate(vb[0] * dt, vb[1] * dt);
      }
    }
    biasBodies.clear();
    biasVelocities.clear();
    return true;
  }
}
