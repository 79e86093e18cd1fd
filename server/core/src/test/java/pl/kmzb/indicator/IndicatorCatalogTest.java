package pl.kmzb.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IndicatorCatalogTest {
  @Test
  void bundledCatalogueLoads() {
    IndicatorCatalog c = IndicatorCatalog.load(null);
    assertEquals(11, c.all().size());
    Indicator deaths = c.find("road_deaths").orElseThrow();
    assertTrue(deaths.rate());
    assertFalse(deaths.policeOnly());
    assertTrue(c.find("interventions").orElseThrow().policeOnly());
    assertFalse(c.find("sense_of_safety").orElseThrow().rate());
  }

  @Test
  void everyProblemIsListed() {
    String yaml = """
        indicators:
          - {code: Bad-Code, name_pl: a, name_en: b, unit_pl: c, unit_en: d, rate: true, access: public}
          - {code: twice, name_pl: a, name_en: b, unit_pl: c, unit_en: d, rate: true, access: public}
          - {code: twice, name_pl: '', name_en: b, unit_pl: c, unit_en: d, rate: true, access: secret}
        """;
    var e = assertThrows(IndicatorCatalog.IndicatorCatalogException.class, () -> parse(yaml));
    assertEquals("test:\n  - indicator 'Bad-Code': code must be lower snake_case ASCII (2 to 40 characters)"
        + "\n  - indicator 'twice' is defined twice\n  - indicator 'twice': name_pl and name_en are required"
        + "\n  - indicator 'twice': access 'secret' must be public or police", e.getMessage());
    var unknown = assertThrows(IndicatorCatalog.IndicatorCatalogException.class, () -> parse(
        "indicators:\n  - {code: ab, name_pl: a, name_en: b, unit_pl: c, unit_en: d, rate: true, access: public, colour: red}\n"));
    assertTrue(unknown.getMessage().startsWith("test: unknown key 'colour' at line 2"), unknown.getMessage());
    var missing = assertThrows(IndicatorCatalog.IndicatorCatalogException.class, () -> parse(
        "indicators:\n  - {code: ab, name_pl: a, name_en: b, unit_pl: c, unit_en: d, access: public}\n"));
    assertTrue(missing.getMessage().contains("rate"), missing.getMessage());
  }

  private static IndicatorCatalog parse(String yaml) {
    return IndicatorCatalog.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
  }
}
