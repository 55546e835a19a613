package com.arcal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.api.TestOrchestrator;
import com.arcal.cli.Cli.Run;
import com.arcal.controller.sale.SaleId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** apply, diff and edit: a plan before every write, and If-Match against concurrent edits. */
class DesiredStateCommandsTest {
  private static final String TWO_SALES =
      "{\"sales\":{\"vente-01\":{\"config\":{\"currency\":\"CHF\"}},\"vente-03\":{\"cpu\":\"1\"}}}";

  @TempDir Path dir;
  private TestOrchestrator orch;
  private Cli cli;

  @BeforeEach
  void start() {
    orch = TestOrchestrator.start(dir);
    cli = new Cli(orch.orchestrator.url());
    assertThat(cli.run("spawn", "vente-01", "--config", "currency=EUR").exit()).isZero();
    assertThat(cli.run("spawn", "vente-02").exit()).isZero();
  }

  @AfterEach
  void stop() {
    orch.close();
  }

  @Test
  void diff_showsChangesAndPlan_withoutWriting() throws IOException {
    String before = version();
    Run run = cli.run("diff", "-f", file("proposed.json", TWO_SALES).toString());
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("Against version " + before)
        .contains("Desired state changes:")
        .contains("  ~ vente-01\n      config.currency: EUR -> CHF")
        .contains("  - vente-02   (removed)")
        .contains("  + vente-03   (new)\n      cpu: 1")
        .contains("Plan (what the controller will do):")
        .containsPattern("\\+ create\\s+vente-03")
        .containsPattern("- delete\\s+sale-vente-02")
        .doesNotContain("\u001b[");
    assertThat(version()).isEqualTo(before);
  }

  @Test
  void diff_isColouredOnATerminal_unlessNoColor() throws IOException {
    Path proposed = file("proposed.json", TWO_SALES);
    Cli terminal = new Cli(orch.orchestrator.url()).terminal();
    assertThat(terminal.run("diff", "-f", proposed.toString()).out())
        .contains("\u001b[32m  + vente-03").contains("\u001b[31m  - vente-02");
    assertThat(terminal.env("NO_COLOR", "1").run("diff", "-f", proposed.toString()).out())
        .doesNotContain("\u001b[");
  }

  @Test
  void diff_ofAnInvalidDocument_printsWhereItIsWrong() throws IOException {
    Run run = cli.run("diff", "-f", file("bad.json", "{\"sales\":{\"x\":{\"cpu\":1}}}").toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: Invalid desired state: ").contains("sales.x.cpu");
  }

  @Test
  void apply_printsThePlan_thenReplaces() throws IOException {
    Run run = cli.run("apply", "-f", file("proposed.json", TWO_SALES).toString());
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).containsPattern("(?s)Plan \\(what.*\\+ create\\s+vente-03.*Applied: the desired state is now version ");
    assertThat(orch.orchestrator.backend().store().snapshot().asMap()).containsOnlyKeys(
        new SaleId("vente-01"), new SaleId("vente-03"));
    assertThat(run.out()).contains("version " + version() + ".");
  }

  @Test
  void apply_withAStaleIfMatch_writesNothing_andExits1() throws IOException {
    String before = version();
    Run run = cli.run("apply", "-f", file("proposed.json", TWO_SALES).toString(), "--if-match", "0000000000000000");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: Precondition failed: ");
    assertThat(version()).isEqualTo(before);
  }

  @Test
  void apply_withTheCurrentIfMatch_applies() throws IOException {
    Run run = cli.run("apply", "-f", file("proposed.json", TWO_SALES).toString(), "--if-match", version());
    assertThat(run.exit()).as(run.toString()).isZero();
  }

  @Test
  void apply_missingFile_exits1() {
    Run run = cli.run("apply", "-f", dir.resolve("missing.json").toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: cannot read ");
  }

  @Test
  void edit_appliesWhatTheEditorSaved() throws IOException {
    Path editor = script("editor.sh", "sed -i 's/\"EUR\"/\"CHF\"/' \"$1\"");
    Run run = cli.env("EDITOR", editor.toString()).run("edit");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("  ~ vente-01\n      config.currency: EUR -> CHF")
        .contains("Plan")
        .contains("Applied: the desired state is now version " + version() + ".");
    assertThat(orch.orchestrator.backend().store().snapshot().sale(new SaleId("vente-01")).orElseThrow()
        .spec().config()).containsEntry("currency", "CHF");
  }

  @Test
  void edit_withoutChanges_appliesNothing() {
    String before = version();
    Run run = cli.env("EDITOR", "true").run("edit");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo("Edit cancelled: no changes made.\n");
    assertThat(version()).isEqualTo(before);
  }

  @Test
  void edit_whenSomeoneChangedTheStateMeanwhile_explains_andKeepsTheEdit() throws IOException {
    // The editor saves the operator's change; meanwhile someone edits the state file by hand.
    Path concurrent = file("concurrent.json", "{\"sales\":{\"vente-01\":{},\"hand-made\":{}}}");
    Path editor = script("editor.sh",
        "sed -i 's/\"EUR\"/\"CHF\"/' \"$1\"\ncp '" + concurrent + "' '" + orch.stateFile + "'");
    Run run = cli.env("EDITOR", editor.toString()).run("edit");

    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).contains("the desired state changed while you were editing")
        .contains("nothing was applied")
        .contains("arcalctl diff -f ").contains("arcalctl apply -f ");
    Matcher kept = Pattern.compile("Your edit is kept in (\\S+)").matcher(run.err());
    assertThat(kept.find()).isTrue();
    Path file = Path.of(kept.group(1));
    try {
      assertThat(Files.readString(file)).contains("\"CHF\"").doesNotContain("hand-made");
      assertThat(orch.orchestrator.backend().store().snapshot().sale(new SaleId("hand-made"))).isPresent();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  void edit_intoAnInvalidDocument_printsTheProblem_andKeepsTheEdit() throws IOException {
    Path editor = script("editor.sh", "printf '%s' '{\"sales\":{\"vente-01\":{\"cpu\":1}}}' > \"$1\"");
    Run run = cli.env("EDITOR", editor.toString()).run("edit");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: Invalid desired state: ").contains("sales.vente-01.cpu")
        .contains("Nothing was applied; your edit is kept in ");
    Matcher kept = Pattern.compile("kept in (\\S+)").matcher(run.err());
    assertThat(kept.find()).isTrue();
    Files.deleteIfExists(Path.of(kept.group(1)));
  }

  @Test
  void edit_whenTheEditorFails_appliesNothing() throws IOException {
    Run run = cli.env("EDITOR", script("editor.sh", "exit 3").toString()).run("edit");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("exited with status 3");
  }

  private String version() {
    return orch.orchestrator.backend().store().snapshot().version();
  }

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private Path script(String name, String body) throws IOException {
    Path p = Files.writeString(dir.resolve(name), "#!/bin/sh\nset -e\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p;
  }
}
