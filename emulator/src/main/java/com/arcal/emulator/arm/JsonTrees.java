package com.arcal.emulator.arm;

import com.arcal.emulator.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Small operations on Jackson trees. */
final class JsonTrees {
  private JsonTrees() {}

  /** Removes every null-valued field, at any depth. */
  static void stripNulls(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      List<String> nulls = new ArrayList<>();
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        if (field.getValue().isNull()) {
          nulls.add(field.getKey());
        } else {
          stripNulls(field.getValue());
        }
      }
      object.remove(nulls);
    } else if (node.isArray()) {
      node.forEach(JsonTrees::stripNulls);
    }
  }

  static boolean all(JsonNode array, Predicate<JsonNode> test) {
    for (JsonNode element : array) {
      if (!test.test(element)) {
        return false;
      }
    }
    return true;
  }

  /** {@code 2.0 -> "2Gi"}, {@code 0.5 -> "0.5Gi"}: Azure's quantity spelling. */
  static String gibibytes(double amount) {
    return BigDecimal.valueOf(amount).stripTrailingZeros().toPlainString() + "Gi";
  }

  /** RFC 7386 JSON merge patch: {@code patch} applied to a copy of {@code target}. */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result = target != null && target.isObject() ? target.deepCopy() : Json.object();
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }
}
