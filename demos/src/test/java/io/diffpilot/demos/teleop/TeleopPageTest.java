package io.diffpilot.demos.teleop;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.core.Episode;
import io.diffpilot.demos.lerobot.LeRobotDataset;
import io.diffpilot.sim.pusht.PushTEnv;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The teleoperation page in Debian's headless Chromium, driven by a scripted mouse path. */
class TeleopPageTest {

  static final int STEPS = 25;

  @TempDir Path tmp;
  TeleopServer server;
  WebDriver driver;

  @BeforeEach
  void start() throws Exception {
    server = new TeleopServer(0, tmp.resolve("teleop-ds"), STEPS);
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=800,800",
        "--user-data-dir=" + tmp.resolve("chrome-profile"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
  }

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void scriptedMousePathSavesAnEpisodeOfTheExpectedLength() throws Exception {
    driver.get(server.url());
    WebElement canvas = driver.findElement(By.id("scene"));
    // The page fills its fields from the server after loading: wait for them, don't race them.
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(d -> d.findElement(By.id("max")).getText().equals(Integer.toString(STEPS)));
    WebElement seed = driver.findElement(By.id("seed"));
    seed.clear();
    seed.sendKeys("7");
    // Mouse onto the scene first, so the very first step already has a target.
    new Actions(driver).moveToElement(canvas, 0, 0).perform();
    driver.findElement(By.id("start")).click();
    new Actions(driver).moveToElement(canvas, 0, 0).perform();
    // A diagonal sweep from the centre: offsets are relative to the canvas centre (256, 256).
    List<int[]> path = new ArrayList<>();
    path.add(new int[] {256, 256});
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    int k = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!driver.findElement(By.id("step")).getText().equals(Integer.toString(STEPS))) {
      int dx = (k * 7) % 200 - 100;
      int dy = (k * 5) % 160 - 80;
      path.add(new int[] {256 + dx, 256 + dy});
      new Actions(driver).moveToElement(canvas, dx, dy).perform();
      Thread.sleep(40);
      k++;
      assertThat(System.nanoTime()).as("page never reached %d steps", STEPS).isLessThan(deadline);
    }
    assertThat(driver.findElement(By.id("status")).getText()).contains("episode over");
    assertThat(driver.findElement(By.id("coverage")).getText()).matches("\\d\\.\\d{3}");
    driver.findElement(By.id("save")).click();
    wait.until(d -> d.findElement(By.id("status")).getText().contains("saved episode 0"));
    assertThat(driver.findElement(By.id("status")).getText()).contains("(" + STEPS + " steps)");

    LeRobotDataset ds = LeRobotDataset.open(tmp.resolve("teleop-ds"));
    assertThat(ds.size()).isEqualTo(1);
    Episode e = ds.episode(0);
    assertThat(e.length()).isEqualTo(STEPS);
    assertThat(e.timestampsSeconds()[STEPS - 1]).isEqualTo((double) (float) ((STEPS - 1) / 10.0));
    assertThat(e.observation("state")[0]).containsExactly(new PushTEnv().reset(7).toStateVector());
    // Every recorded action is a point of the mouse path (Chromium may report x.5 for centred offsets).
    for (float[] a : e.actions()) {
      assertThat(path).anySatisfy(p -> {
        assertThat(Math.abs(a[0] - p[0])).isLessThanOrEqualTo(1f);
        assertThat(Math.abs(a[1] - p[1])).isLessThanOrEqualTo(1f);
      });
    }
    assertThat(e.actions()[0]).isNotEqualTo(e.actions()[STEPS - 1]);
  }

  @Test
  void discardedEpisodeIsNotSaved() throws Exception {
    driver.get(server.url());
    WebElement canvas = driver.findElement(By.id("scene"));
    new Actions(driver).moveToElement(canvas, 10, 10).perform();
    driver.findElement(By.id("start")).click();
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    wait.until(d -> Integer.parseInt(d.findElement(By.id("step")).getText()) >= 3);
    driver.findElement(By.id("discard")).click();
    wait.until(d -> d.findElement(By.id("status")).getText().contains("discarded episode"));
    assertThat(server.savedEpisodes()).isZero();
  }
}
