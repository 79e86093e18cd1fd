package pl.kmzb.crs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.proj.Projection;
import pl.kmzb.geo.Envelope;

/**
 * The CRSs the OGC services publish, how clients spell them, and the transforms between them and
 * WGS 84 lon/lat. proj4j does the arithmetic (see docs/notes/ogc-foundation.md for why not Apache
 * SIS); axis orders are our own table in {@link Crs#northFirst()}, since proj4j knows none.
 * ETRS89 (EPSG:4258, and the datum of 2180 and 2176–2179) is treated as WGS 84: in Poland the two
 * differ by well under a metre.
 */
public final class CrsRegistry {
  /** Web Mercator's latitude limit: the square's edge, atan(sinh(π)). */
  private static final double MERCATOR_MAX_LAT = 85.0511287798066;
  private static final Bounds MERCATOR_LON_LAT = new Bounds(-180, -MERCATOR_MAX_LAT, 180, MERCATOR_MAX_LAT);
  /** Transverse Mercator is evaluated anywhere short of the poles, however poor far from its meridian. */
  private static final Bounds TM_LON_LAT = new Bounds(-180, -89.9, 180, 89.9);
  private static final Bounds PROJECTED_PLANE = new Bounds(-1e8, -1e8, 1e8, 1e8);

  private static final Pattern CRS84 = Pattern.compile(
      "crs:84|crs84|ogc:crs84|urn:ogc:def:crs:ogc:[0-9.]*:crs84|urn:x-ogc:def:crs:ogc:[0-9.]*:crs84"
          + "|https?://www\\.opengis\\.net/def/crs/ogc/[0-9.]+/crs84");
  private static final Pattern EPSG = Pattern.compile(
      "(?:epsg:|urn:ogc:def:crs:epsg:[0-9.]*:|urn:x-ogc:def:crs:epsg:(?:[0-9.]*:)?"
          + "|https?://www\\.opengis\\.net/def/crs/epsg/[0-9.]+/"
          + "|https?://www\\.opengis\\.net/gml/srs/epsg\\.xml#)([0-9]{1,6})");

  private final Map<String, Crs> byCode;
  private final Map<String, Projection> projections;
  private final Crs lonLat;

  private CrsRegistry(Map<String, Crs> byCode, Map<String, Projection> projections) {
    this.byCode = byCode;
    this.projections = projections;
    this.lonLat = byCode.get("CRS:84");
  }

  /** CRS:84, EPSG:4326, 4258, 3857, 2180, 2176, 2177, 2178, 2179, in that order. */
  public static CrsRegistry standard() {
    Map<String, Crs> crs = new LinkedHashMap<>();
    Map<String, Projection> proj = new LinkedHashMap<>();
    Envelope world = new Envelope(-180, -90, 180, 90);
    add(crs, new Crs("CRS:84", 0, "WGS 84 (longitude, latitude)", false, true, world));
    add(crs, new Crs("EPSG:4326", 4326, "WGS 84", true, true, world));
    // Area of use: EPSG's for each code, rounded to 0.01°.
    add(crs, new Crs("EPSG:4258", 4258, "ETRS89", true, true, new Envelope(-16.1, 32.88, 40.18, 84.73)));
    add(crs, new Crs("EPSG:3857", 3857, "WGS 84 / Pseudo-Mercator", false, false,
        new Envelope(-180, -MERCATOR_MAX_LAT, 180, MERCATOR_MAX_LAT)));
    add(crs, new Crs("EPSG:2180", 2180, "ETRF2000-PL / CS92", true, false, new Envelope(14.14, 49.0, 24.15, 55.93)));
    add(crs, new Crs("EPSG:2176", 2176, "ETRF2000-PL / CS2000/15", true, false, new Envelope(14.14, 50.26, 16.5, 55.35)));
    add(crs, new Crs("EPSG:2177", 2177, "ETRF2000-PL / CS2000/18", true, false, new Envelope(16.5, 49.39, 19.5, 55.93)));
    add(crs, new Crs("EPSG:2178", 2178, "ETRF2000-PL / CS2000/21", true, false, new Envelope(19.5, 49.09, 22.5, 54.55)));
    add(crs, new Crs("EPSG:2179", 2179, "ETRF2000-PL / CS2000/24", true, false, new Envelope(22.5, 49.0, 24.15, 54.41)));
    // The projections of EPSG's definitions, without their datum shift (+towgs84=0…, ETRS89 = WGS 84 here).
    proj.put("EPSG:3857", projection("+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m"));
    proj.put("EPSG:2180", projection("+proj=tmerc +lat_0=0 +lon_0=19 +k=0.9993 +x_0=500000 +y_0=-5300000 +ellps=GRS80 +units=m"));
    for (int zone = 5; zone <= 8; zone++) {
      proj.put("EPSG:" + (2171 + zone), projection("+proj=tmerc +lat_0=0 +lon_0=" + 3 * zone + " +k=0.999923 +x_0="
          + (zone * 1_000_000 + 500_000) + " +y_0=0 +ellps=GRS80 +units=m"));
    }
    return new CrsRegistry(Collections.unmodifiableMap(crs), Map.copyOf(proj));
  }

  private static void add(Map<String, Crs> map, Crs crs) {
    map.put(crs.code(), crs);
  }

  private static Projection projection(String parameters) {
    return new CRSFactory().createFromParameters(null, parameters).getProjection();
  }

  public List<Crs> supported() {
    return List.copyOf(byCode.values());
  }

  /** CRS:84, the lon/lat order of stored positions. */
  public Crs lonLat() {
    return lonLat;
  }

  /**
   * The CRS for any usual spelling: {@code EPSG:n}, {@code urn:ogc:def:crs:EPSG::n} (with or without
   * a version), {@code urn:x-ogc:def:crs:EPSG:n}, {@code http://www.opengis.net/def/crs/EPSG/0/n},
   * {@code http://www.opengis.net/gml/srs/epsg.xml#n}, and CRS:84 as {@code CRS:84}, {@code CRS84},
   * {@code OGC:CRS84} or its OGC URN/URI. Case does not matter; surrounding blanks are ignored.
   */
  public Optional<Crs> find(String identifier) {
    if (identifier == null) {
      return Optional.empty();
    }
    String id = identifier.strip().toLowerCase(Locale.ROOT);
    if (CRS84.matcher(id).matches()) {
      return Optional.of(lonLat);
    }
    Matcher m = EPSG.matcher(id);
    if (m.matches()) {
      return Optional.ofNullable(byCode.get("EPSG:" + Integer.parseInt(m.group(1))));
    }
    return Optional.empty();
  }

  /** As {@link #find} but an unknown identifier is an {@link UnknownCrsException} naming it. */
  public Crs require(String identifier) {
    return find(identifier).orElseThrow(() -> new UnknownCrsException(identifier, "CRS '" + identifier
        + "' is not supported; supported: " + String.join(", ", byCode.keySet())));
  }

  /** WGS 84 lon/lat to {@code target}, x = east and y = north on both sides. */
  public CrsTransform fromLonLat(Crs target) {
    Projection p = projectionOf(target);
    if (p == null) {
      return new IdentityTransform(lonLat, target);
    }
    Bounds domain = target.epsg() == 3857 ? MERCATOR_LON_LAT : TM_LON_LAT;
    return new ProjectedTransform(lonLat, target, p, true, domain);
  }

  /** {@code source} to WGS 84 lon/lat, x = east and y = north on both sides. */
  public CrsTransform toLonLat(Crs source) {
    Projection p = projectionOf(source);
    if (p == null) {
      return new IdentityTransform(source, lonLat);
    }
    return new ProjectedTransform(source, lonLat, p, false, PROJECTED_PLANE);
  }

  /** {@code source} to {@code target} through lon/lat. */
  public CrsTransform between(Crs source, Crs target) {
    CrsTransform in = toLonLat(source);
    CrsTransform out = fromLonLat(target);
    if (in.isIdentity()) {
      return out.isIdentity() ? new IdentityTransform(source, target) : out;
    }
    return out.isIdentity() ? in : new ChainedTransform(in, out);
  }

  /** Touches every projection once, so the first request does not pay for class loading. */
  public void warm() {
    for (Crs crs : byCode.values()) {
      CrsTransform t = fromLonLat(crs);
      double[] p = t.apply(19.0, 52.0);
      toLonLat(crs).apply(p, 0, 1);
      t.apply(Bounds.of(crs.areaOfUse()));
    }
  }

  private Projection projectionOf(Crs crs) {
    if (!crs.equals(byCode.get(crs.code()))) {
      throw new UnknownCrsException(crs.code(), "CRS " + crs.code() + " is not one of this registry's");
    }
    return crs.geographic() ? null : projections.get(crs.code());
  }
}
