package io.diffpilot.tools.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming reader DistributionIT checks the aarch64 tarball with, on a tiny hand-made one. */
class TarballContentsTest {
  @TempDir
  Path dir;

  @Test
  void listsEntriesAndReadsElfMachinesInsideChosenJarsWithoutUnpacking() throws IOException {
    Path tgz = dir.resolve("d.tar.gz");
    writeTarGz(tgz, Map.of(
        "d-1/bin/diffpilot", new Object[] {0755, "#!/bin/sh\n".getBytes()},
        "d-1/lib/native-linux-aarch64.jar", new Object[] {0644, jar("pytorch/cpu/linux-aarch64/libtorch.so",
            ElfHeaderTest.header(183), "pytorch/cpu/linux-aarch64/libgomp-1a.so.1", ElfHeaderTest.header(183))},
        "d-1/lib/other.jar", new Object[] {0644, jar("x/libskipped.so", ElfHeaderTest.header(62), "a/B.class",
            new byte[] {1})},
        "d-1/launch/config/a.yaml", new Object[] {0644, "a: 1\n".getBytes()}));

    TarballContents c = TarballContents.read(tgz, "d-1", jar -> jar.contains("native"));

    assertThat(c.entries()).containsEntry("bin/diffpilot", 0755).containsEntry("launch/config/a.yaml", 0644);
    assertThat(c.libJars()).containsExactly("native-linux-aarch64.jar", "other.jar");
    assertThat(c.libraries()).containsExactly(
        Map.entry("lib/native-linux-aarch64.jar!/pytorch/cpu/linux-aarch64/libgomp-1a.so.1", 183),
        Map.entry("lib/native-linux-aarch64.jar!/pytorch/cpu/linux-aarch64/libtorch.so", 183));
  }

  @Test
  void rejectsAnEntryOutsideTheRootFolder() throws IOException {
    Path tgz = dir.resolve("bad.tar.gz");
    writeTarGz(tgz, Map.of("elsewhere/file", new Object[] {0644, new byte[] {1}}));
    assertThatThrownBy(() -> TarballContents.read(tgz, "d-1", jar -> true)).isInstanceOf(IOException.class)
        .hasMessageContaining("entry 'elsewhere/file' is outside the root folder d-1/");
  }

  @Test
  void namesTheJarAndLibraryWhoseHeaderIsNotElf() throws IOException {
    Path tgz = dir.resolve("notelf.tar.gz");
    writeTarGz(tgz, Map.of("d-1/lib/n.jar", new Object[] {0644, jar("libtorch.so", "not elf, a text file".getBytes(),
        "x", new byte[0])}));
    assertThatThrownBy(() -> TarballContents.read(tgz, "d-1", jar -> true)).isInstanceOf(IOException.class)
        .hasMessage("lib/n.jar!/libtorch.so: not an ELF file (no \\x7fELF magic)");
  }

  private static byte[] jar(String name1, byte[] data1, String name2, byte[] data2) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(name1));
      zip.write(data1);
      zip.putNextEntry(new ZipEntry(name2));
      zip.write(data2);
    }
    return bytes.toByteArray();
  }

  /** Writes entries (name to {mode, bytes}) sorted by name, with PAX long names as the assembly plugin does. */
  private static void writeTarGz(Path tgz, Map<String, Object[]> files) throws IOException {
    try (OutputStream out = Files.newOutputStream(tgz);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (String name : new java.util.TreeSet<>(files.keySet())) {
        byte[] data = (byte[]) files.get(name)[1];
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode((Integer) files.get(name)[0]);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
      }
    }
  }
}
