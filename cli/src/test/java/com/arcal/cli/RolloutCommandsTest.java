package com.arcal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.api.TestOrchestrator;
import com.arcal.cli.Cli.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code arcalctl rollout} and {@code arcalctl confirm-restarts} against a real server. */
class RolloutCommandsTest {
  @TempDir Path dir;
  private TestOrchestrator orch;
  private Cli cli;

  @BeforeEach
  void start() {
    orch = TestOrchestrator.start(dir);
    cli = new Cli(orch.orchestrator.url());
  }

  @AfterEach
  void stop() {
    orch.close();
  }

  @Test
  void rollout_showsTheStateAndTheLimit() {
    Run run = cli.run("rollout");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Rollout: Idle").contains("at most 1 sales not Running at once");
  }

  @Test
  void resume_whenNothingIsPaused_saysSo() {
    Run run = cli.run("rollout", "resume");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("The rollout was not paused.");
  }

  @Test
  void force_andConfirm_withNothingWaiting_sayNothingWasHeld() {
    assertThat(cli.run("rollout", "force", "vente-01").out()).contains("No sale was waiting for its buyers.");
    assertThat(cli.run("confirm-restarts").out()).contains("No restarts were held.");
  }

  @Test
  void anUnknownAction_isAUsageError() {
    Run run = cli.run("rollout", "pause");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("unknown action 'pause'");
  }
}
