package com.arcal.controller.store;

import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The one place that turns desired-state documents into sales and back (file store today, blob
 * store later, API bodies). Format: {@code {"sales": {"<id>": {"image", "config", "cpu",
 * "memory", "generation"}}}}; see docs/desired-state.md.
 *
 * <p>Reading is strict (unknown fields, wrong types, duplicate keys, trailing content, ids that
 * break {@link AppNaming}'s rule are all errors). Writing is canonical: sorted keys, two-space
 * indentation, a final newline, so the same sales always give the same bytes and the same
 * {@link #version}.
 */
public final class DesiredStateCodec {
  /** Version of "no document at all": the hash of zero bytes. */
  public static final String EMPTY_VERSION = version(new byte[0]);

  private final DocumentReader reader;
  private final ObjectWriter writer;

  public DesiredStateCodec(AppNaming naming) {
    this.reader = new DocumentReader(naming);
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    this.writer = new ObjectMapper().writer(new DefaultPrettyPrinter(separators));
  }

  /**
   * Parses and validates a document.
   *
   * @throws InvalidDocumentException with line/column and field path of the first error
   */
  public SortedMap<SaleId, DocumentEntry> decode(byte[] document) {
    return reader.read(document);
  }

  /** The canonical document for these sales (generations included). */
  public byte[] encode(Collection<DesiredSale> sales) {
    SortedMap<String, Object> byId = new TreeMap<>();
    for (DesiredSale sale : sales) {
      byId.put(sale.id().value(), saleFields(sale));
    }
    try {
      byte[] json = writer.writeValueAsBytes(Map.of("sales", byId));
      byte[] withNewline = Arrays.copyOf(json, json.length + 1);
      withNewline[json.length] = '\n';
      return withNewline;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of strings always serialise", e);
    }
  }

  /**
   * The version (ETag) of a document: the first 16 hex digits of the SHA-256 of its bytes,
   * unquoted (the HTTP layer adds the quotes of an ETag).
   */
  public static String version(byte[] document) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(document);
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The version the given sales would have once written. */
  public String versionOf(Collection<DesiredSale> sales) {
    return version(encode(sales));
  }

  /** Canonical text, for logs and tests. */
  public String encodeToString(Collection<DesiredSale> sales) {
    return new String(encode(sales), StandardCharsets.UTF_8);
  }

  private static SortedMap<String, Object> saleFields(DesiredSale sale) {
    SaleSpec spec = sale.spec();
    SortedMap<String, Object> fields = new TreeMap<>();
    if (spec.image() != null) {
      fields.put("image", spec.image());
    }
    if (!spec.config().isEmpty()) {
      fields.put("config", new TreeMap<>(spec.config()));
    }
    if (spec.cpu() != null) {
      fields.put("cpu", spec.cpu());
    }
    if (spec.memory() != null) {
      fields.put("memory", spec.memory());
    }
    fields.put("generation", sale.generation());
    return fields;
  }
}
