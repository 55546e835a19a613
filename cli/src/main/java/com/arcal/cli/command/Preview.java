package com.arcal.cli.command;

import com.arcal.cli.CliException;
import com.arcal.cli.api.Document;
import com.arcal.cli.output.DocumentDiff;
import com.arcal.cli.output.Palette;
import com.arcal.cli.output.PlanPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * What a proposed desired state would change, shown before anything is written: the server
 * validates it and plans it ({@code PUT /desired-state?dryRun=true} with {@code If-Match}, so a
 * stale base fails here already), then the sale-by-sale changes and the plan are printed.
 */
final class Preview {
  private final DocumentDiff diff;
  private final JsonNode plan;

  private Preview(DocumentDiff diff, JsonNode plan) {
    this.diff = diff;
    this.plan = plan;
  }

  /** Validates and plans {@code proposed} against the server's state at {@code etag}. */
  static Preview of(Arcalctl root, Document current, byte[] proposed, String etag) {
    JsonNode plan = root.client().plan(proposed, etag);
    ObjectMapper json = root.json();
    try {
      return new Preview(DocumentDiff.between(json.readTree(current.bytes()), json.readTree(proposed)), plan);
    } catch (IOException e) {
      throw new CliException("the server accepted a document arcalctl cannot read: " + e.getMessage(), e);
    }
  }

  void print(PrintWriter out, Palette palette) {
    diff.print(out, palette);
    new PlanPrinter(palette).print(plan, out);
  }

  DocumentDiff diff() {
    return diff;
  }

  JsonNode plan() {
    return plan;
  }
}
