package io.diffpilot.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class EnginesTest {

  @Test
  void cpuAndAutoSelectTheCpuWhenTheEngineSeesNoGpu() {
    assertThat(Engines.pytorch().getEngineName()).isEqualTo("PyTorch");
    assertThat(Engines.device("cpu")).isEqualTo(Device.cpu());
    assertThat(Engines.device(" CPU ")).isEqualTo(Device.cpu());
    if (Engines.pytorch().getGpuCount() == 0) {
      assertThat(Engines.device("auto")).isEqualTo(Device.cpu());
      assertThatThrownBy(() -> Engines.device("gpu")).hasMessageContaining("sees no GPU");
    } else {
      assertThat(Engines.device("auto")).isEqualTo(Device.gpu(0));
      assertThat(Engines.device("gpu")).isEqualTo(Device.gpu(0));
    }
  }

  @Test
  void unknownDeviceNamesAreRejected() {
    assertThatThrownBy(() -> Engines.device("tpu")).hasMessageContaining("cpu, gpu or auto").hasMessageContaining("tpu");
  }
}
