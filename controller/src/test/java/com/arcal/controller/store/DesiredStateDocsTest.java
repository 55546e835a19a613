package com.arcal.controller.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.SaleId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/desired-state.md and its schema must stay true to the code. */
class DesiredStateDocsTest {
  private static final Path DOCS = Path.of("..", "docs");

  @Test
  void theDocumentedExample_isAValidDocument() throws Exception {
    String markdown = Files.readString(DOCS.resolve("desired-state.md"));
    Matcher json = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    assertThat(json.find()).as("an example in docs/desired-state.md").isTrue();

    SortedMap<SaleId, DocumentEntry> sales =
        new DesiredStateCodec(new AppNaming("sale-"))
            .decode(json.group(1).getBytes(StandardCharsets.UTF_8));

    assertThat(sales).containsOnlyKeys(new SaleId("vente-01"), new SaleId("vente-02"));
    assertThat(sales.get(new SaleId("vente-01")).generation()).isEqualTo(OptionalLong.of(3));
  }

  @Test
  void theSchema_namesEveryFieldTheParserAccepts() throws Exception {
    JsonNode schema = new ObjectMapper().readTree(DOCS.resolve("desired-state.schema.json").toFile());

    assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.path("$defs").path("sale").path("properties").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("image", "config", "cpu", "memory", "generation");
    assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
  }
}
