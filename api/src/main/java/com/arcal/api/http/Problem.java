package com.arcal.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * An RFC 7807 problem document ({@code application/problem+json}).
 *
 * @param type URI naming the kind of problem
 * @param title short summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong this time and what to fix
 * @param instance the request path
 * @param field the request field at fault, when known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type, String title, int status, String detail, String instance, String field) {

  public static final String CONTENT_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "urn:arcal:problem:";

  public Problem {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(title, "title");
  }

  /** A problem of one of the API's own kinds ({@code urn:arcal:problem:<kind>}). */
  public static Problem of(String kind, String title, int status, String detail, String instance,
      String field) {
    return new Problem(TYPE_BASE + kind, title, status, detail, instance, field);
  }
}
