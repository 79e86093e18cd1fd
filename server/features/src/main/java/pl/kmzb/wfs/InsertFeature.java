package pl.kmzb.wfs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import pl.kmzb.encode.FeatureView;
import pl.kmzb.encode.GmlSchema;
import pl.kmzb.encode.GmlWriter;
import pl.kmzb.fes.FesParser;
import pl.kmzb.fes.XmlTree;
import pl.kmzb.ingest.ReportSubmission;

/**
 * A report feature of a wfs:Insert read into the submission the report API takes
 * ({@link ReportSubmission}), so the one validator judges it: the geometry (a gml:Point in its
 * srsName's axis order, reprojected to lon/lat) and the properties an officer sets when creating a
 * report (category, occurredOn, timeOfDay, description). The other properties of the police type
 * are the server's (status, reportedAt, source, areas, …): an empty element is accepted, since GIS
 * clients send every column, a value is refused.
 */
final class InsertFeature {
  static final Set<String> SETTABLE = Set.of("category", "occurredOn", "timeOfDay", "description");
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private InsertFeature() {}

  /**
   * @param geometries reads the gml:Point with the Insert's default CRS
   * @param locator names the action and feature in errors
   */
  static ReportSubmission read(XmlTree feature, FesParser geometries, String locator) {
    Map<String, JsonNode> values = new HashMap<>();
    Point point = null;
    for (XmlTree p : feature.children()) {
      if (isGml(p) && p.name().equals("boundedBy")) {
        continue; // derived from the geometry
      }
      if (!p.ns().equals(WfsEndpoint.NAMESPACE)) {
        throw WfsException.invalid(locator, "'" + p.name() + "' (" + p.ns() + ") is not a property of "
            + WfsEndpoint.PREFIX + ":" + feature.name());
      }
      if (p.name().equals(GmlSchema.GEOMETRY)) {
        point = point(p, geometries, locator);
      } else if (SETTABLE.contains(p.name())) {
        String text = p.text().strip();
        values.put(p.name(), text.isEmpty() ? null : JSON.textNode(text));
      } else if (FeatureView.POLICE.property(p.name()).isEmpty()) {
        throw WfsException.invalid(locator, "'" + p.name() + "' is not a property of " + WfsEndpoint.PREFIX + ":"
            + feature.name());
      } else if (!p.text().isBlank() || !p.children().isEmpty()) {
        throw WfsException.invalid(locator, "'" + p.name() + "' is set by the server; an insert may set the"
            + " geometry and " + SETTABLE);
      }
    }
    if (point == null) {
      throw new WfsException("MissingParameterValue", locator, "the feature needs a " + GmlSchema.GEOMETRY
          + " (a gml:Point)");
    }
    return new ReportSubmission(values.get("category"), JSON.numberNode(point.getX()), JSON.numberNode(point.getY()),
        values.get("occurredOn"), values.get("timeOfDay"), values.get("description"));
  }

  /** GML 3.2, or GML 3.1.1 / 2 (one namespace) in WFS 1.x transactions. */
  private static boolean isGml(XmlTree t) {
    return t.ns().equals(GmlWriter.GML) || t.ns().equals(GmlWriter.GML_311);
  }

  private static Point point(XmlTree property, FesParser geometries, String locator) {
    if (property.children().size() != 1) {
      throw WfsException.invalid(locator, "the geometry property holds one gml:Point");
    }
    XmlTree g = property.children().get(0);
    if (!isGml(g) || !g.name().equals("Point")) {
      throw WfsException.invalid(locator, "a report is a point: send a gml:Point, not " + g.name());
    }
    Geometry lonLat = geometries.lonLat(g);
    if (!(lonLat instanceof Point p) || p.isEmpty()) {
      throw WfsException.invalid(locator, "the gml:Point has no position");
    }
    return p;
  }
}
