package io.diffpilot.sim.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Animated GIFs with the JDK's own GIF writer: per-frame delay and the NETSCAPE2.0 loop
 * extension, plus a grid layout to show several episodes side by side.
 */
public final class GifWriter {
  private GifWriter() {}

  /**
   * Writes {@code frames} as an animated GIF that loops forever.
   *
   * @param delayMillis time per frame (GIF resolution: 10 ms)
   */
  public static void write(Path file, List<BufferedImage> frames, int delayMillis) throws IOException {
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("a GIF needs at least one frame");
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.deleteIfExists(file);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      for (BufferedImage frame : frames) {
        BufferedImage rgb = toRgb(frame);
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(rgb), param);
        configure(meta, Math.max(1, delayMillis / 10));
        writer.writeToSequence(new IIOImage(rgb, null, meta), param);
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
  }

  private static void configure(IIOMetadata meta, int delayCentis) throws IOException {
    String format = meta.getNativeMetadataFormatName();
    IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
    IIOMetadataNode gce = child(root, "GraphicControlExtension");
    gce.setAttribute("disposalMethod", "none");
    gce.setAttribute("userInputFlag", "FALSE");
    gce.setAttribute("transparentColorFlag", "FALSE");
    gce.setAttribute("delayTime", Integer.toString(delayCentis));
    gce.setAttribute("transparentColorIndex", "0");
    IIOMetadataNode apps = child(root, "ApplicationExtensions");
    IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
    app.setAttribute("applicationID", "NETSCAPE");
    app.setAttribute("authenticationCode", "2.0");
    app.setUserObject(new byte[] {1, 0, 0}); // loop count 0 = forever
    apps.appendChild(app);
    meta.setFromTree(format, root);
  }

  private static IIOMetadataNode child(IIOMetadataNode root, String name) {
    for (int i = 0; i < root.getLength(); i++) {
      if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
        return (IIOMetadataNode) root.item(i);
      }
    }
    IIOMetadataNode node = new IIOMetadataNode(name);
    root.appendChild(node);
    return node;
  }

  private static BufferedImage toRgb(BufferedImage img) {
    if (img.getType() == BufferedImage.TYPE_INT_RGB) {
      return img;
    }
    BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    g.drawImage(img, 0, 0, null);
    g.dispose();
    return rgb;
  }

  /**
   * Lays out one frame of several episodes as a grid ({@code columns} wide, 2 px white gutters).
   * Tiles must share one size; missing tiles (episodes that ended) repeat their last frame.
   */
  public static BufferedImage grid(List<BufferedImage> tiles, int columns) {
    if (tiles.isEmpty() || columns < 1) {
      throw new IllegalArgumentException("grid needs tiles and at least one column");
    }
    int w = tiles.get(0).getWidth();
    int h = tiles.get(0).getHeight();
    int cols = Math.min(columns, tiles.size());
    int rows = (tiles.size() + cols - 1) / cols;
    int gutter = 2;
    BufferedImage out = new BufferedImage(cols * w + (cols - 1) * gutter, rows * h + (rows - 1) * gutter,
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    for (int i = 0; i < tiles.size(); i++) {
      g.drawImage(tiles.get(i), (i % cols) * (w + gutter), (i / cols) * (h + gutter), null);
    }
    g.dispose();
    return out;
  }
}
