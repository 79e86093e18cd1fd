package pl.kmzb.layer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads fields of a parsed YAML mapping and notes every problem instead of stopping at the first,
 * so a bad file is answered with the whole list at once (Jackson's binding stops at one).
 */
final class YamlFields {
  private final JsonNode node;
  private final String where;
  private final List<String> errors;

  YamlFields(JsonNode node, String where, List<String> errors, Set<String> known) {
    this.node = node;
    this.where = where;
    this.errors = errors;
    if (!node.isObject()) {
      errors.add(where + ": expected a mapping of keys");
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        errors.add(where + ": unknown key '" + key + "'; known keys: " + new TreeSet<>(known));
      }
    }
  }

  String where() {
    return where;
  }

  boolean has(String key) {
    return node.isObject() && node.has(key) && !node.get(key).isNull();
  }

  JsonNode get(String key) {
    return node.isObject() ? node.get(key) : null;
  }

  /** A string, or null when absent; a non-scalar is a problem. */
  String text(String key) {
    if (!has(key)) {
      return null;
    }
    JsonNode v = node.get(key);
    if (!v.isValueNode()) {
      errors.add(where + ": '" + key + "' must be a text");
      return null;
    }
    return v.asText();
  }

  String requiredText(String key) {
    String v = text(key);
    if ((v == null || v.isBlank()) && !(has(key) && !node.get(key).isValueNode())) {
      errors.add(where + ": '" + key + "' is required");
    }
    return v;
  }

  Boolean bool(String key) {
    if (!has(key)) {
      return null;
    }
    JsonNode v = node.get(key);
    if (!v.isBoolean()) {
      errors.add(where + ": '" + key + "' must be true or false");
      return null;
    }
    return v.asBoolean();
  }

  /** A list of texts; empty when absent. */
  List<String> texts(String key) {
    List<String> out = new ArrayList<>();
    if (!has(key)) {
      return out;
    }
    JsonNode v = node.get(key);
    if (!v.isArray()) {
      errors.add(where + ": '" + key + "' must be a list");
      return out;
    }
    for (JsonNode item : v) {
      if (item.isValueNode() && !item.isNull() && !item.asText().isBlank()) {
        out.add(item.asText());
      } else {
        errors.add(where + ": '" + key + "' holds an empty or non-text item");
      }
    }
    return out;
  }

  /** A {pl, en} text; null (noted when {@code required}) when absent or incomplete. */
  Text text2(String key, boolean required) {
    if (!has(key)) {
      if (required) {
        errors.add(where + ": '" + key + "' is required (pl and en)");
      }
      return null;
    }
    YamlFields t = new YamlFields(node.get(key), where + "." + key, errors, Set.of("pl", "en"));
    String pl = t.requiredText("pl");
    String en = t.requiredText("en");
    return pl == null || pl.isBlank() || en == null || en.isBlank() ? null : new Text(pl, en);
  }

  void problem(String message) {
    errors.add(where + ": " + message);
  }
}
