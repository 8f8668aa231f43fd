package io.diffpilot.runtime.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A white page with a bold title and a plot area inside margins, drawn with plain Java2D so that
 * it works headless. After the constructor the pen is black with an 11 pt label font.
 */
public final class PlotCanvas {

  /** Space around the plot area, px: axis labels go left and below, the title above. */
  public record Margins(int left, int right, int top, int bottom) {}

  private final BufferedImage image;
  private final Graphics2D g;
  private final int width;
  private final int height;
  private final Margins margins;

  public PlotCanvas(int width, int height, Margins margins, String title) {
    this.width = width;
    this.height = height;
    this.margins = margins;
    image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, margins.left(), 24);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
  }

  public Graphics2D graphics() {
    return g;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** x of the plot area's left edge (the y axis). */
  public int left() {
    return margins.left();
  }

  /** y of the plot area's top edge. */
  public int top() {
    return margins.top();
  }

  /** y of the plot area's bottom edge (the x axis). */
  public int bottom() {
    return margins.top() + plotHeight();
  }

  public int plotWidth() {
    return width - margins.left() - margins.right();
  }

  public int plotHeight() {
    return height - margins.top() - margins.bottom();
  }

  /** The x axis along the bottom and the y axis along the left of the plot area, in the current pen. */
  public void drawAxes() {
    g.drawLine(left(), bottom(), left() + plotWidth(), bottom());
    g.drawLine(left(), top(), left(), bottom());
  }

  /** Ends drawing and writes the page as a PNG. */
  public void writePng(Path file) throws IOException {
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }
}
