package pl.kmzb.indicator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The indicator catalogue ({@code layers/indicators.yaml}): which indicators an import may carry and
 * how they are named and shown. Loaded once at start and validated; every problem is listed.
 */
public final class IndicatorCatalog {
  public static final String FILE = "indicators.yaml";
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{1,39}");

  private record FileContent(List<Indicator> indicators) {}

  private final Map<String, Indicator> indicators;

  private IndicatorCatalog(Map<String, Indicator> indicators) {
    this.indicators = indicators;
  }

  /** Loads from a layers directory, or from the copy bundled in the jar when {@code dir} is null. */
  public static IndicatorCatalog load(Path dir) {
    String where = dir == null ? "bundled layers/" + FILE : dir.resolve(FILE).toString();
    try (InputStream in = dir == null
        ? IndicatorCatalog.class.getResourceAsStream("/layers/" + FILE)
        : Files.newInputStream(dir.resolve(FILE))) {
      if (in == null) {
        throw new IndicatorCatalogException(where + ": not found");
      }
      return parse(in, where);
    } catch (IOException e) {
      throw new IndicatorCatalogException(where + ": cannot read: " + e.getMessage());
    }
  }

  static IndicatorCatalog parse(InputStream in, String where) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
    FileContent content;
    try {
      content = yaml.readValue(in, FileContent.class);
    } catch (UnrecognizedPropertyException e) {
      throw new IndicatorCatalogException(where + ": unknown key '" + e.getPropertyName() + "' at line "
          + e.getLocation().getLineNr() + "; known keys: " + e.getKnownPropertyIds());
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IndicatorCatalogException(where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IndicatorCatalogException(where + ": " + e.getMessage());
    }
    return validate(content == null ? new FileContent(null) : content, where);
  }

  private static IndicatorCatalog validate(FileContent content, String where) {
    List<String> errors = new ArrayList<>();
    Map<String, Indicator> out = new LinkedHashMap<>();
    for (Indicator i : content.indicators() == null ? List.<Indicator>of() : content.indicators()) {
      String name = "indicator '" + i.code() + "'";
      if (i.code() == null || !CODE.matcher(i.code()).matches()) {
        errors.add(name + ": code must be lower snake_case ASCII (2 to 40 characters)");
        continue;
      }
      if (out.putIfAbsent(i.code(), i) != null) {
        errors.add(name + " is defined twice");
      }
      if (blank(i.namePl()) || blank(i.nameEn())) {
        errors.add(name + ": name_pl and name_en are required");
      }
      if (blank(i.unitPl()) || blank(i.unitEn())) {
        errors.add(name + ": unit_pl and unit_en are required");
      }
      if (!Indicator.PUBLIC.equals(i.access()) && !Indicator.POLICE.equals(i.access())) {
        errors.add(name + ": access '" + i.access() + "' must be public or police");
      }
    }
    if (out.isEmpty()) {
      errors.add("no indicators defined");
    }
    if (!errors.isEmpty()) {
      throw new IndicatorCatalogException(where + ":\n  - " + String.join("\n  - ", errors));
    }
    return new IndicatorCatalog(Collections.unmodifiableMap(out));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  public Optional<Indicator> find(String code) {
    return Optional.ofNullable(indicators.get(code));
  }

  /** Every indicator in the file's order. */
  public Collection<Indicator> all() {
    return indicators.values();
  }

  /** Thrown at start-up when the catalogue is missing or invalid; the message lists every problem. */
  public static final class IndicatorCatalogException extends RuntimeException {
    public IndicatorCatalogException(String message) {
      super(message);
    }
  }
}
