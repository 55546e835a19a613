package com.arcal.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Machine-readable output ({@code -o json|yaml}) of what the API returned, unchanged. */
public final class Formats {
  /** What {@code -o} accepts. */
  public enum Output {
    table,
    json,
    yaml
  }

  private final ObjectWriter json = new ObjectMapper().writer(
      new DefaultPrettyPrinter()
          .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE)
          .withSeparators(Separators.createDefaultInstance()
              .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));
  private final YAMLMapper yaml =
      new YAMLMapper(YAMLFactory.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .build());

  public String render(JsonNode value, Output output) {
    try {
      return switch (output) {
        case json -> json.writeValueAsString(value) + System.lineSeparator();
        case yaml -> yaml.writeValueAsString(value);
        case table -> throw new IllegalArgumentException("a table is not rendered from JSON here");
      };
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
