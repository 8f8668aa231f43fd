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

  /**
   * Page size and the margins around the plot area, px: axis labels go left and below, the title
   * above, a legend (if any) to the right.
   */
  public record Layout(int width, int height, int left, int right, int top, int bottom) {
    public int plotWidth() {
      return width - left - right;
    }

    public int plotHeight() {
      return height - top - bottom;
    }
  }

  private final Layout layout;
  private final BufferedImage image;
  private final Graphics2D g;

  public PlotCanvas(Layout layout, String title) {
    this.layout = layout;
    image = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
    g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, layout.width(), layout.height());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, layout.left(), 24);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
  }

  public Graphics2D graphics() {
    return g;
  }

  /** The x axis along the bottom and the y axis along the left of the plot area, in the current pen. */
  public void drawAxes() {
    int bottom = layout.top() + layout.plotHeight();
    g.drawLine(layout.left(), bottom, layout.left() + layout.plotWidth(), bottom);
    g.drawLine(layout.left(), layout.top(), layout.left(), bottom);
  }

  /** Ends drawing and writes the page as a PNG. */
  public void writePng(Path file) throws IOException {
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }
}
