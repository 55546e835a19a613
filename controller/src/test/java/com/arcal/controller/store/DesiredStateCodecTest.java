package com.arcal.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DesiredStateCodecTest {
  private final DesiredStateCodec codec = new DesiredStateCodec(new AppNaming("sale-"));

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void decode_readsEveryField_andLeavesOmittedOnesEmpty() {
    SortedMap<SaleId, DocumentEntry> sales =
        codec.decode(
            utf8(
                """
                {"sales": {
                  "vente-01": {"image": "ghcr.io/arcal/engine:1", "config": {"k": "v"},
                               "cpu": "0.5", "memory": "1Gi", "generation": 3},
                  "vente-02": {}
                }}
                """));

    assertThat(sales.get(new SaleId("vente-01")))
        .isEqualTo(
            new DocumentEntry(
                new SaleSpec("ghcr.io/arcal/engine:1", Map.of("k", "v"), "0.5", "1Gi"),
                OptionalLong.of(3)));
    assertThat(sales.get(new SaleId("vente-02")))
        .isEqualTo(new DocumentEntry(SaleSpec.ofConfig(Map.of()), OptionalLong.empty()));
  }

  @Test
  void encode_isCanonical_sortedKeysAndFinalNewline() {
    List<DesiredSale> sales =
        List.of(
            new DesiredSale(new SaleId("b"), SaleSpec.ofConfig(Map.of("z", "1", "a", "2")), 2),
            new DesiredSale(new SaleId("a"), new SaleSpec("img:1", null, "0.5", "1Gi"), 1));

    assertThat(codec.encodeToString(sales))
        .isEqualTo(
            """
            {
              "sales": {
                "a": {
                  "cpu": "0.5",
                  "generation": 1,
                  "image": "img:1",
                  "memory": "1Gi"
                },
                "b": {
                  "config": {
                    "a": "2",
                    "z": "1"
                  },
                  "generation": 2
                }
              }
            }
            """);
  }

  @Test
  void encodeThenDecode_givesTheSameSalesAndGenerations() {
    DesiredSale sale =
        new DesiredSale(new SaleId("vente-01"), new SaleSpec("i:1", Map.of("k", "v"), "1", "2Gi"), 7);

    SortedMap<SaleId, DocumentEntry> back = codec.decode(codec.encode(List.of(sale)));

    assertThat(back).containsExactly(Map.entry(sale.id(), new DocumentEntry(sale.spec(), OptionalLong.of(7))));
  }

  @Test
  void version_isAHashOfTheBytes() {
    assertThat(DesiredStateCodec.version(utf8("{\"sales\": {}}"))).hasSize(16).isHexadecimal();
    assertThat(DesiredStateCodec.version(utf8("a")))
        .isNotEqualTo(DesiredStateCodec.version(utf8("b")));
    assertThat(DesiredStateCodec.EMPTY_VERSION).isEqualTo("e3b0c44298fc1c14");
  }

  @Test
  void emptySalesMap_isValid() {
    assertThat(codec.decode(utf8("{\"sales\": {}}"))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "empty file|``|the document is empty",
        "blank file|`  \n `|the document is empty",
        "truncated|{\"sales\": {\"vente-01\": {\"config\": {\"a\": \"b\"|line 1, column 44: invalid JSON: Unexpected end-of-input: expected close marker for Object (start marker at line 1, column 35)",
        "invalid JSON|{\"sales\": {vente-01: {}}}|line 1, column 12: invalid JSON: Unexpected character",
        "not an object|[]|line 1, column 1: expected an object",
        "missing sales|{}|sales: missing field",
        "null sales|{\"sales\": null}|sales: expected an object of sales by id, found null",
        "unknown top field|{\"sales\": {}, \"version\": 2}|version: unknown field",
        "unknown sale field|{\"sales\": {\"vente-01\": {\"replicas\": 2}}}|sales.vente-01.replicas: unknown field; allowed: image, config, cpu, memory, generation",
        "config not strings|{\"sales\": {\"vente-01\": {\"config\": {\"x\": 5}}}}|sales.vente-01.config.x: expected a string, found the number 5",
        "cpu as number|{\"sales\": {\"vente-01\": {\"cpu\": 0.5}}}|sales.vente-01.cpu: expected a string, found the number 0.5",
        "image null|{\"sales\": {\"vente-01\": {\"image\": null}}}|sales.vente-01.image: expected a string, found null",
        "sale as array|{\"sales\": {\"vente-01\": []}}|sales.vente-01: expected an object",
        "duplicate sale|{\"sales\": {\"a\": {}, \"a\": {}}}|invalid JSON: Duplicate field 'a'",
        "duplicate field|{\"sales\": {\"a\": {\"cpu\": \"1\", \"cpu\": \"2\"}}}|invalid JSON: Duplicate field 'cpu'",
        "trailing garbage|{\"sales\": {}} x|invalid JSON: Unrecognized token 'x'",
        "second document|{\"sales\": {}} {}|unexpected content after the end of the document",
        "generation zero|{\"sales\": {\"a\": {\"generation\": 0}}}|sales.a.generation: expected a whole number >= 1, found the number 0",
        "generation float|{\"sales\": {\"a\": {\"generation\": 1.5}}}|sales.a.generation: expected a whole number >= 1",
        "generation string|{\"sales\": {\"a\": {\"generation\": \"2\"}}}|sales.a.generation: expected a whole number >= 1, found a string",
        "generation huge|{\"sales\": {\"a\": {\"generation\": 99999999999999999999}}}|sales.a.generation: expected a whole number >= 1",
        "bad cpu value|{\"sales\": {\"a\": {\"cpu\": \"lots\"}}}|sales.a.cpu: cpu 'lots' must be a number of vCPUs",
        "bad id shape|{\"sales\": {\"Vente_01\": {}}}|sales.Vente_01: 'Vente_01' is not a valid sale id",
        "id too long|{\"sales\": {\"a23456789012345678901234567890\": {}}}|gives app name 'sale-a23456789012345678901234567890': Container App names (prefix + sale id) must be 2-32 characters",
      })
  void decode_rejectsBadDocuments_sayingWhereAndWhat(String name, String document, String expected) {
    assertThatThrownBy(() -> codec.decode(utf8(document == null ? "" : document.replace("\\n", "\n"))))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void errors_carryTheLineAndColumn() {
    String document =
        """
        {
          "sales": {
            "vente-01": {
              "cpu": 1
            }
          }
        }
        """;

    assertThatThrownBy(() -> codec.decode(utf8(document)))
        .hasMessage("line 4, column 14: sales.vente-01.cpu: expected a string, found the number 1");
  }

  @Test
  void invalidUtf8_isReportedNotThrownRaw() {
    byte[] document = {'{', '"', 's', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};

    assertThatThrownBy(() -> codec.decode(document))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("invalid JSON");
  }
}
