package com.arcal.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void ages_areShortLikeKubectl() {
    assertThat(Ages.format(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(Ages.format(Duration.ofSeconds(200))).isEqualTo("3m20s");
    assertThat(Ages.format(Duration.ofMinutes(42))).isEqualTo("42m");
    assertThat(Ages.format(Duration.ofMinutes(250))).isEqualTo("4h10m");
    assertThat(Ages.format(Duration.ofHours(30))).isEqualTo("30h");
    assertThat(Ages.format(Duration.ofHours(75))).isEqualTo("3d3h");
    assertThat(Ages.format(Duration.ofDays(40))).isEqualTo("40d");
    assertThat(Ages.format(Duration.ofSeconds(-5))).isEqualTo("0s");
  }

  @Test
  void table_alignsColumns_evenWhenColoured() {
    Palette colours = new Palette(true);
    Table t = new Table("SALE", "PHASE", "WSURL").style(1, colours::phase);
    t.row("vente-01", "Running", "ws://a").row("v2", "Failed", null);
    StringWriter out = new StringWriter();
    t.print(new PrintWriter(out), "");
    String[] lines = out.toString().split("\n");
    assertThat(lines[0]).isEqualTo("SALE       PHASE     WSURL");
    assertThat(lines[1]).isEqualTo("vente-01   \u001b[32mRunning\u001b[0m   ws://a");
    assertThat(lines[2]).isEqualTo("v2         \u001b[31mFailed\u001b[0m");
  }

  @Test
  void palette_disabled_isPlainText() {
    assertThat(new Palette(false).phase("Running")).isEqualTo("Running");
  }

  @Test
  void documentDiff_namesSalesAndFields_ignoringGenerations() throws Exception {
    DocumentDiff diff = DocumentDiff.between(
        JSON.readTree("{\"sales\":{\"a\":{\"generation\":3,\"config\":{\"k\":\"1\"}},\"b\":{},\"c\":{\"cpu\":\"1\"}}}"),
        JSON.readTree("{\"sales\":{\"a\":{\"config\":{\"k\":\"2\",\"n\":\"x\"}},\"c\":{\"cpu\":\"1\"},\"d\":{\"memory\":\"2Gi\"}}}"));
    assertThat(diff.changes()).containsExactly(
        new DocumentDiff.Change('~', "a", List.of("config.k: 1 -> 2", "config.n: (unset) -> x")),
        new DocumentDiff.Change('-', "b", List.of()),
        new DocumentDiff.Change('+', "d", List.of("memory: 2Gi")));
  }

  @Test
  void plan_withNothingToDo_saysSo() throws Exception {
    StringWriter out = new StringWriter();
    int actions = new PlanPrinter(new Palette(false)).print(
        JSON.readTree("{\"create\":[],\"update\":[],\"start\":[],\"delete\":[],\"held\":[],\"blocked\":[]}"),
        new PrintWriter(out));
    assertThat(actions).isZero();
    assertThat(out.toString()).isEqualTo("Plan: nothing to do.\n");
  }

  @Test
  void formats_renderJsonAndYaml() throws Exception {
    JsonNode node = JSON.readTree("[{\"saleId\":\"a\",\"wsUrl\":null}]");
    assertThat(new Formats().render(node, Formats.Output.yaml)).isEqualTo("- saleId: a\n  wsUrl: null\n");
    assertThat(new Formats().render(node, Formats.Output.json))
        .isEqualTo("[\n  {\n    \"saleId\": \"a\",\n    \"wsUrl\": null\n  }\n]" + System.lineSeparator());
  }
}
