package com.arcal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.api.TestOrchestrator;
import com.arcal.cli.Cli.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes, the server address and token from flags or environment, unreachable servers. */
class UsageTest {
  @TempDir Path dir;

  @Test
  void usageErrors_exit2() {
    Cli cli = new Cli("http://127.0.0.1:1");
    assertThat(cli.run().exit()).isEqualTo(2);
    assertThat(cli.run("get").exit()).isEqualTo(2);
    assertThat(cli.run("frobnicate").exit()).isEqualTo(2);
    assertThat(cli.run("spawn").exit()).isEqualTo(2);
    Run badWait = cli.run("spawn", "x", "--wait", "soon");
    assertThat(badWait.exit()).isEqualTo(2);
    assertThat(badWait.err()).contains("'soon' is not a duration");
    assertThat(cli.run("get", "sales", "-o", "xml").exit()).isEqualTo(2);
    assertThat(cli.run("apply").exit()).isEqualTo(2);
  }

  @Test
  void help_exits0() {
    Run run = new Cli("http://127.0.0.1:1").run("--help");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("get").contains("confirm-deletions").contains("ARCAL_URL");
  }

  @Test
  void unreachableServer_namesTheAddress_andExits1() {
    Run run = new Cli("http://127.0.0.1:1").run("get", "sales");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: cannot reach the orchestrator at http://127.0.0.1:1")
        .contains("ARCAL_URL");
  }

  @Test
  void serverFlag_winsOverTheEnvironment_beforeOrAfterTheSubcommand() {
    try (TestOrchestrator orch = TestOrchestrator.start(dir)) {
      Cli cli = new Cli("http://127.0.0.1:1");
      assertThat(cli.run("--server", orch.orchestrator.url(), "get", "sales").exit()).isZero();
      assertThat(cli.run("get", "sales", "--server", orch.orchestrator.url()).exit()).isZero();
    }
  }

  @Test
  void token_fromFlagOrEnvironment_authorisesWrites() {
    try (TestOrchestrator orch = TestOrchestrator.withToken(dir)) {
      Cli cli = new Cli(orch.orchestrator.url());
      Run refused = cli.run("spawn", "vente-01");
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err()).startsWith("error: Unauthorized: ").contains("ARCAL_API_TOKEN");

      assertThat(cli.run("spawn", "vente-01", "--token", TestOrchestrator.TOKEN).exit()).isZero();
      assertThat(cli.env("ARCAL_API_TOKEN", TestOrchestrator.TOKEN).run("spawn", "vente-02").exit()).isZero();
      assertThat(cli.run("spawn", "vente-03", "--token", "wrong").err()).contains("not valid");
    }
  }
}
