package com.arcal.api.http;

import com.arcal.controller.ArcalException;
import com.arcal.controller.sale.InvalidSpecException;
import com.arcal.controller.store.StaleVersionException;
import com.arcal.controller.store.StoreUnavailableException;
import com.arcal.controller.store.UnknownSaleException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where errors become HTTP: every exception a route, a before-handler or Javalin
 * itself (404, 405, 413) throws is answered with an RFC 7807 problem document. Client mistakes
 * are 4xx with a detail that says what to fix; only a bug is a 500, and its detail reveals
 * nothing of the internals (the log has the stack trace).
 */
public final class ProblemMapper {
  private static final Logger log = LoggerFactory.getLogger(ProblemMapper.class);

  private final ObjectMapper json;

  public ProblemMapper(ObjectMapper json) {
    this.json = json;
  }

  public void register(RoutesConfig routes) {
    // Javalin maps its own HttpResponseException itself unless told otherwise.
    routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e));
    routes.exception(Exception.class, (e, ctx) -> write(ctx, e));
  }

  void write(Context ctx, Exception thrown) {
    Exception e =
        thrown instanceof JsonBodies.JsonFailure failure ? (Exception) failure.getCause() : thrown;
    Problem problem = problem(e, ctx.path());
    if (e instanceof ApiException api) {
      api.headers().forEach(ctx::header);
    } else if (e instanceof StaleVersionException stale) {
      ctx.header("ETag", ETags.format(stale.currentVersion()));
    } else if (e instanceof StoreUnavailableException) {
      ctx.header("Retry-After", "5");
    } else if (e instanceof HttpResponseException http && http.getStatus() == 405) {
      ctx.header("Allow", String.join(", ", http.getDetails().values()));
    }
    try {
      ctx.status(problem.status())
          .contentType(Problem.CONTENT_TYPE)
          .result(json.writeValueAsBytes(problem));
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException("a problem record always serialises", impossible);
    }
  }

  private Problem problem(Exception e, String path) {
    if (e instanceof ApiException api) {
      return Problem.of(api.type(), api.title(), api.status(), api.getMessage(), path, api.field());
    }
    if (e instanceof InvalidSpecException invalid) {
      return Problem.of("invalid-spec", "Invalid desired state", 400, invalid.getMessage(), path,
          invalid.field());
    }
    if (e instanceof StaleVersionException) {
      return Problem.of("stale-version", "Precondition failed", 412, e.getMessage(), path, null);
    }
    if (e instanceof UnknownSaleException) {
      return Problem.of("unknown-sale", "Not found", 404, e.getMessage(), path, null);
    }
    if (e instanceof StoreUnavailableException) {
      return Problem.of("store-unavailable", "Desired state unavailable", 503, e.getMessage(), path,
          null);
    }
    if (e instanceof ArcalException arcal && arcal.retryable()) {
      return Problem.of("unavailable", "Service unavailable", 503, e.getMessage(), path, null);
    }
    if (e instanceof JsonProcessingException jackson) {
      return jsonProblem(jackson, path);
    }
    if (e instanceof HttpResponseException http) {
      return httpProblem(http, path);
    }
    log.error("{}: unexpected failure", path, e);
    return Problem.of("internal", "Internal error", 500,
        "the request failed unexpectedly; the server log has the details", path, null);
  }

  private static Problem jsonProblem(JsonProcessingException e, String path) {
    String field = null;
    String detail;
    if (e instanceof UnrecognizedPropertyException unknown) {
      field = fieldPath(unknown);
      detail = "unknown field '" + unknown.getPropertyName() + "'; allowed fields: "
          + unknown.getKnownPropertyIds().stream().map(Object::toString).sorted()
              .collect(Collectors.joining(", "));
    } else if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      field = fieldPath(mismatch);
      detail = "field '" + field + "' must be " + expected(mismatch.getTargetType());
    } else if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      field = fieldPath(mapping);
      detail = "field '" + field + "' is invalid: " + firstLine(e.getOriginalMessage());
    } else if (e instanceof MismatchedInputException) {
      detail = "the body must be a JSON object";
    } else if (e instanceof StreamConstraintsException) {
      detail = "the JSON document is too deeply nested or too large: " + firstLine(e.getOriginalMessage());
    } else {
      detail = "malformed JSON: " + firstLine(e.getOriginalMessage());
    }
    JsonLocation at = e.getLocation();
    if (at != null && at.getLineNr() > 0) {
      detail += " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
    return Problem.of("invalid-json", "Invalid JSON body", 400, detail, path, field);
  }

  private static Problem httpProblem(HttpResponseException e, String path) {
    int status = e.getStatus();
    HttpStatus known = HttpStatus.forStatus(status);
    String title = known == HttpStatus.UNKNOWN ? "HTTP " + status : known.getMessage();
    String detail =
        switch (status) {
          case 404 -> "no route for " + path + "; GET /openapi.json lists the routes";
          case 405 -> "method not allowed on " + path + "; allowed: " + allowed(e.getDetails());
          case 413 -> "the request body is larger than " + JsonBodies.MAX_BYTES + " bytes";
          default -> e.getMessage();
        };
    return new Problem("about:blank", title, status, detail, path, null);
  }

  private static String allowed(Map<String, String> details) {
    return details.isEmpty() ? "see GET /openapi.json" : String.join(", ", details.values());
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "an object whose values are strings";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    return "a JSON object";
  }

  private static String fieldPath(JsonMappingException e) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        out.append(out.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.length() == 0 ? null : out.toString();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
