package io.diffpilot.tools.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ElfHeaderTest {

  /** The first 20 bytes of a 64-bit little-endian ELF shared object for {@code machine}. */
  static byte[] header(int machine) {
    byte[] h = new byte[64];
    h[0] = 0x7f;
    h[1] = 'E';
    h[2] = 'L';
    h[3] = 'F';
    h[4] = 2; // ELFCLASS64
    h[5] = 1; // ELFDATA2LSB
    h[6] = 1; // EV_CURRENT
    h[16] = 3; // ET_DYN
    h[18] = (byte) machine;
    h[19] = (byte) (machine >>> 8);
    return h;
  }

  @Test
  void readsTheMachineOfX8664AndAarch64Libraries() throws IOException {
    assertThat(ElfHeader.machine(new ByteArrayInputStream(header(62)), "x")).isEqualTo(ElfHeader.EM_X86_64);
    assertThat(ElfHeader.machine(new ByteArrayInputStream(header(183)), "a")).isEqualTo(ElfHeader.EM_AARCH64);
    assertThat(ElfHeader.name(183)).isEqualTo("aarch64");
    assertThat(ElfHeader.name(40)).isEqualTo("e_machine 40");
  }

  @Test
  void rejectsWhatIsNotA64BitLittleEndianElfFileNamingIt() {
    assertThatThrownBy(() -> ElfHeader.machine(new ByteArrayInputStream("PK\3\4 a zip header, not an ELF one".getBytes()), "lib/x.jar!/a.so"))
        .isInstanceOf(IOException.class).hasMessage("lib/x.jar!/a.so: not an ELF file (no \\x7fELF magic)");
    assertThatThrownBy(() -> ElfHeader.machine(new ByteArrayInputStream(new byte[] {0x7f, 'E', 'L', 'F'}), "short.so"))
        .isInstanceOf(IOException.class).hasMessageContaining("short.so: 4 bytes, too short");
    byte[] elf32 = header(40);
    elf32[4] = 1;
    assertThatThrownBy(() -> ElfHeader.machine(new ByteArrayInputStream(elf32), "arm32.so"))
        .isInstanceOf(IOException.class).hasMessageContaining("arm32.so: ELF class 1");
  }
}
