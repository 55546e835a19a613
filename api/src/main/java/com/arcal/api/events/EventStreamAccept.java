package com.arcal.api.events;

import java.util.Locale;

/**
 * Whether a request's {@code Accept} header lets it be answered with {@code text/event-stream}.
 * Most SSE clients and people ({@code curl -N}) send no {@code Accept} or {@code *}{@code /*}, so
 * only a header that rules the stream out refuses it: none of its media ranges matches, or the
 * most specific one that matches has {@code q=0} (RFC 9110, section 12.5.1).
 */
final class EventStreamAccept {
  private EventStreamAccept() {}

  static boolean allows(String acceptHeader) {
    if (acceptHeader == null || acceptHeader.isBlank()) {
      return true;
    }
    int bestSpecificity = 0;
    boolean allowed = false;
    for (String range : acceptHeader.split(",")) {
      String[] parts = range.split(";");
      int specificity = specificity(parts[0].trim().toLowerCase(Locale.ROOT));
      if (specificity > bestSpecificity) {
        bestSpecificity = specificity;
        allowed = quality(parts) > 0;
      }
    }
    return allowed;
  }

  /** 3 for the exact type, 2 for {@code text/*}, 1 for {@code *}{@code /*}, 0 for no match. */
  private static int specificity(String mediaRange) {
    return switch (mediaRange) {
      case "text/event-stream" -> 3;
      case "text/*" -> 2;
      case "*/*" -> 1;
      default -> 0;
    };
  }

  /** The range's {@code q} parameter; 1 when absent or unreadable (lenient in what it accepts). */
  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim();
      if (parameter.length() > 2 && parameter.substring(0, 2).equalsIgnoreCase("q=")) {
        try {
          return Double.parseDouble(parameter.substring(2).trim());
        } catch (NumberFormatException e) {
          return 1;
        }
      }
    }
    return 1;
  }
}
