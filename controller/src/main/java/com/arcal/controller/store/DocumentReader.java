package com.arcal.controller.store;

import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.InvalidSpecException;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Strict streaming reader of the desired-state document. Streaming (rather than data binding)
 * keeps the exact line/column of every error and lets each message name the field path.
 */
final class DocumentReader {
  private static final String SALE_FIELDS = "image, config, cpu, memory, generation";

  private final JsonFactory factory =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private final AppNaming naming;

  DocumentReader(AppNaming naming) {
    this.naming = naming;
  }

  SortedMap<SaleId, DocumentEntry> read(byte[] bytes) {
    try (JsonParser p = factory.createParser(bytes)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw fail(p, "", "the document is empty; a document with no sales is {\"sales\": {}}");
      }
      expect(p, JsonToken.START_OBJECT, "", "an object {\"sales\": {...}}");
      SortedMap<SaleId, DocumentEntry> sales = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (!"sales".equals(name)) {
          throw fail(p, name, "unknown field; the only top-level field is \"sales\"");
        }
        p.nextToken();
        sales = readSales(p);
      }
      if (p.nextToken() != null) {
        throw fail(p, "", "unexpected content after the end of the document");
      }
      if (sales == null) {
        throw fail(p, "sales", "missing field; a document with no sales is {\"sales\": {}}");
      }
      return sales;
    } catch (JsonProcessingException e) {
      throw new InvalidDocumentException(
          "", at(e.getLocation()) + "invalid JSON: " + withoutSource(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException("reading from memory cannot fail", e);
    }
  }

  private SortedMap<SaleId, DocumentEntry> readSales(JsonParser p) throws IOException {
    expect(p, JsonToken.START_OBJECT, "sales", "an object of sales by id");
    SortedMap<SaleId, DocumentEntry> sales = new TreeMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String raw = p.currentName();
      String path = "sales." + raw;
      SaleId id;
      try {
        id = naming.parse(raw);
      } catch (InvalidSpecException e) {
        throw fail(p, path, e.getMessage());
      }
      p.nextToken();
      sales.put(id, readSale(p, path));
    }
    return sales;
  }

  private DocumentEntry readSale(JsonParser p, String path) throws IOException {
    expect(p, JsonToken.START_OBJECT, path, "an object (fields: " + SALE_FIELDS + ")");
    JsonLocation start = p.currentTokenLocation();
    Map<String, String> strings = new LinkedHashMap<>();
    Map<String, String> config = null;
    OptionalLong generation = OptionalLong.empty();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      String fieldPath = path + "." + field;
      p.nextToken();
      switch (field) {
        case "image", "cpu", "memory" -> strings.put(field, readString(p, fieldPath));
        case "config" -> config = readConfig(p, fieldPath);
        case "generation" -> generation = OptionalLong.of(readGeneration(p, fieldPath));
        default -> throw fail(p, fieldPath, "unknown field; allowed: " + SALE_FIELDS);
      }
    }
    try {
      SaleSpec spec =
          new SaleSpec(strings.get("image"), config, strings.get("cpu"), strings.get("memory"));
      return new DocumentEntry(spec, generation);
    } catch (InvalidSpecException e) {
      throw new InvalidDocumentException(
          path + "." + e.field(), at(start) + path + "." + e.field() + ": " + e.getMessage());
    }
  }

  private Map<String, String> readConfig(JsonParser p, String path) throws IOException {
    expect(p, JsonToken.START_OBJECT, path, "an object of string values");
    Map<String, String> config = new TreeMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      config.put(key, readString(p, path + "." + key));
    }
    return config;
  }

  private String readString(JsonParser p, String path) throws IOException {
    expect(p, JsonToken.VALUE_STRING, path, "a string");
    return p.getText();
  }

  private long readGeneration(JsonParser p, String path) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
        || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
        || p.getLongValue() < 1) {
      throw fail(p, path, "expected a whole number >= 1, found " + describe(p));
    }
    return p.getLongValue();
  }

  private static void expect(JsonParser p, JsonToken token, String path, String what) {
    if (p.currentToken() != token) {
      throw fail(p, path, "expected " + what + ", found " + describe(p));
    }
  }

  private static String describe(JsonParser p) {
    JsonToken t = p.currentToken();
    if (t == null) {
      return "the end of the document";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + safeText(p);
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null (leave the field out instead)";
      default -> t.asString() == null ? t.name() : t.asString();
    };
  }

  private static String safeText(JsonParser p) {
    try {
      return p.getText();
    } catch (IOException e) {
      return "?";
    }
  }

  private static InvalidDocumentException fail(JsonParser p, String path, String message) {
    String where = path.isEmpty() ? "" : path + ": ";
    return new InvalidDocumentException(path, at(p.currentTokenLocation()) + where + message);
  }

  /** Jackson names the (redacted) source inside nested locations; keep only line and column. */
  private static String withoutSource(String message) {
    return message.replaceAll(
        "\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
  }
}
