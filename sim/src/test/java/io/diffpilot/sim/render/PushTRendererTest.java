package io.diffpilot.sim.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.sim.pusht.PushTState;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushTRendererTest {
  private final PushTRenderer renderer = new PushTRenderer();
  // Block far from the goal, upright; agent in the bottom-left.
  private final PushTState state = new PushTState(100, 420, 400, 100, 0);

  @Test
  void canvasHasTheSpecsColoursWhereTheyBelong() {
    BufferedImage img = renderer.renderCanvas(state, new float[] {300, 450});
    assertThat(color(img, 100, 420)).isEqualTo(PushTRenderer.AGENT);
    assertThat(color(img, 400, 115)).isEqualTo(PushTRenderer.BLOCK); // inside the crossbar (local (0, 15) → (400, 115))
    // Goal T: local (0, 15) under (256, 256, π/4) is inside the crossbar.
    double c = Math.cos(Math.PI / 4);
    assertThat(color(img, (int) Math.round(256 - 15 * c), (int) Math.round(256 + 15 * c))).isEqualTo(PushTRenderer.GOAL);
    assertThat(color(img, 5, 250)).isEqualTo(PushTRenderer.WALL);
    assertThat(color(img, 450, 450)).isEqualTo(PushTRenderer.BACKGROUND);
    assertThat(color(img, 300, 450)).isEqualTo(PushTRenderer.ACTION);
  }

  @Test
  void imageObservationIs96SquareChannelFirst() {
    float[] obs = renderer.imageObservation(state);
    assertThat(obs).hasSize(3 * 96 * 96);
    int x = (int) (100 * 96 / 512.0);
    int y = (int) (420 * 96 / 512.0);
    int i = y * 96 + x;
    assertThat(obs[i]).isEqualTo(65 / 255f);
    assertThat(obs[96 * 96 + i]).isEqualTo(105 / 255f);
    assertThat(obs[2 * 96 * 96 + i]).isEqualTo(225 / 255f);
    assertThat(obs[0]).isEqualTo(1f); // white corner
  }

  @Test
  void bilinearResizeAveragesNeighbours() {
    BufferedImage src = new BufferedImage(4, 1, BufferedImage.TYPE_INT_RGB);
    int[] v = {0, 100, 200, 250};
    for (int x = 0; x < 4; x++) {
      src.setRGB(x, 0, new Color(v[x], v[x], v[x]).getRGB());
    }
    BufferedImage dst = PushTRenderer.resizeBilinear(src, 2, 1);
    // OpenCV INTER_LINEAR, 4 → 2: samples at 0.5 and 2.5.
    assertThat(new Color(dst.getRGB(0, 0)).getRed()).isEqualTo(50);
    assertThat(new Color(dst.getRGB(1, 0)).getRed()).isEqualTo(225);
  }

  @Test
  void gifLoopsWithOneFramePerStep(@TempDir Path dir) throws Exception {
    BufferedImage a = renderer.render(state, null, 48);
    BufferedImage b = renderer.render(new PushTState(120, 400, 400, 100, 0), null, 48);
    List<BufferedImage> frames = EpisodeFrames.sideBySide(List.of(List.of(a, b, a), List.of(b)), 2);
    Path gif = dir.resolve("out.gif");
    GifWriter.write(gif, frames, 100);
    assertThat(Files.size(gif)).isPositive();
    ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      reader.setInput(in);
      assertThat(reader.getNumImages(true)).isEqualTo(3);
      BufferedImage first = reader.read(0);
      assertThat(first.getWidth()).isEqualTo(48 * 2 + 2);
      IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(1).getAsTree("javax_imageio_gif_image_1.0");
      IIOMetadataNode gce = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
      assertThat(gce.getAttribute("delayTime")).isEqualTo("10");
      IIOMetadataNode app = (IIOMetadataNode) root.getElementsByTagName("ApplicationExtension").item(0);
      assertThat(app.getAttribute("applicationID")).isEqualTo("NETSCAPE");
    } finally {
      reader.dispose();
    }
  }

  private static Color color(BufferedImage img, int x, int y) {
    return new Color(img.getRGB(x, y));
  }
}
