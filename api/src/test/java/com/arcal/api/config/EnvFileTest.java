package com.arcal.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvFileTest {

  private static Map<String, String> parse(String... lines) {
    return EnvFile.parse(List.of(lines), ".env");
  }

  @Test
  void readsBareQuotedAndExportedValuesSkippingComments() {
    Map<String, String> values = parse(
        "# a comment",
        "",
        "PLAIN=value",
        "  SPACED = spaced value  ",
        "export EXPORTED=yes",
        "INLINE=kept # dropped",
        "HASH=a#b",
        "SINGLE='literal \\n # kept'",
        "DOUBLE=\"line\\nnext \\\"quoted\\\"\" # comment",
        "EMPTY=");
    assertThat(values)
        .containsEntry("PLAIN", "value")
        .containsEntry("SPACED", "spaced value")
        .containsEntry("EXPORTED", "yes")
        .containsEntry("INLINE", "kept")
        .containsEntry("HASH", "a#b")
        .containsEntry("SINGLE", "literal \\n # kept")
        .containsEntry("DOUBLE", "line\nnext \"quoted\"")
        .containsEntry("EMPTY", "");
  }

  @Test
  void aBrokenLineNamesItsNumber() {
    assertThatThrownBy(() -> parse("A=1", "not a setting"))
        .isInstanceOf(SettingsException.class)
        .hasMessageStartingWith(".env line 2:");
    assertThatThrownBy(() -> parse("A=\"open"))
        .hasMessageContaining("closing quote");
    assertThatThrownBy(() -> parse("A='x' y"))
        .hasMessageContaining("after the closing quote");
  }
}
