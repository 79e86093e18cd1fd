package pl.kmzb.style;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import pl.kmzb.testing.OgcSchemas;

/** The shipped styles are SLD 1.0 documents GIS tools accept: valid against the official schema, offline. */
class StyleSchemaTest {
  @Test
  void everyShippedStyleIsValidSld() throws Exception {
    for (String name : StyleCatalog.BUILT_IN) {
      String xml = Files.readString(Path.of("../../styles", name + ".sld"));
      List<String> problems = OgcSchemas.problems(xml);
      assertEquals(List.of(), problems, name + ".sld");
    }
  }

  @Test
  void theValidatorCatchesABrokenStyle() {
    String broken = """
        <StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
          <NamedLayer><Name>x</Name><UserStyle><FeatureTypeStyle><Rule><Bogus/></Rule></FeatureTypeStyle></UserStyle></NamedLayer>
        </StyledLayerDescriptor>""";
    assertFalse(OgcSchemas.problems(broken).isEmpty());
  }
}
