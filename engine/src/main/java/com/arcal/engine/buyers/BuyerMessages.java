package com.arcal.engine.buyers;

import com.arcal.engine.sale.Sale;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** The JSON the engine speaks to buyers. Every message is an object with a {@code type}. */
final class BuyerMessages {

  private final ObjectMapper json;

  BuyerMessages(ObjectMapper json) {
    this.json = json;
  }

  /** First message on every connection: which sale this is and whether it accepts buyers. */
  String hello(Sale sale) {
    ObjectNode hello = json.createObjectNode()
        .put("type", "hello")
        .put("saleId", sale.saleId())
        .put("state", stateName(sale))
        .put("generation", sale.generation());
    return hello.toString();
  }

  String error(String message) {
    return json.createObjectNode().put("type", "error").put("message", message).toString();
  }

  /** The message as a JSON object, or empty when it is anything else (text, array, number...). */
  Optional<JsonNode> parseObject(String text) {
    try {
      JsonNode node = json.readTree(text);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  static String stateName(Sale sale) {
    return sale.state().name().replace("SALE_STATE_", "");
  }
}
