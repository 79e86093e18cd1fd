package pl.kmzb.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.boundary.BoundaryLevel;

/**
 * Boundaries in the {@code boundary} table of either store, exchanged as WKB: PostGIS converts it
 * with ST_GeomFromWKB/ST_AsBinary, SQLite keeps the bytes.
 */
public final class JdbcBoundaryStore implements BoundaryStore {
  private static final GeometryFactory GEOMETRY = new GeometryFactory();
  private final JdbcReportStore store;
  private final boolean postgis;

  private JdbcBoundaryStore(JdbcReportStore store) {
    this.store = store;
    this.postgis = store instanceof PostgisReportStore;
  }

  /** The boundaries kept in the same database as {@code store}. */
  public static BoundaryStore of(ReportStore store) {
    return new JdbcBoundaryStore((JdbcReportStore) store);
  }

  @Override
  public void replace(BoundaryLevel level, List<Boundary> boundaries) {
    for (Boundary b : boundaries) {
      if (b.level() != level) {
        throw new IllegalArgumentException("boundary " + b.code() + " is a " + b.level().key() + ", not a " + level.key());
      }
    }
    String value = postgis ? "ST_Multi(ST_GeomFromWKB(?, 4326))" : "?";
    store.inTransaction(c -> {
      try (PreparedStatement del = c.prepareStatement("DELETE FROM boundary WHERE level = ?")) {
        del.setString(1, level.key());
        del.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO boundary (code, level, name, geom) VALUES (?, ?, ?, "
          + value + ")")) {
        WKBWriter wkb = new WKBWriter();
        for (Boundary b : boundaries) {
          ps.setString(1, b.code());
          ps.setString(2, level.key());
          ps.setString(3, b.name());
          ps.setBytes(4, wkb.write(multi(b.geometry())));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      ReferenceVersions.bump(c, ReferenceVersions.BOUNDARIES);
      return null;
    });
  }

  private static MultiPolygon multi(Geometry g) {
    if (g instanceof MultiPolygon m) {
      return m;
    }
    return GEOMETRY.createMultiPolygon(new Polygon[] {(Polygon) g});
  }

  @Override
  public List<Boundary> all() {
    String geom = postgis ? "ST_AsBinary(geom)" : "geom";
    return store.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT code, level, name, " + geom + " FROM boundary ORDER BY code");
          ResultSet rs = ps.executeQuery()) {
        List<Boundary> out = new ArrayList<>();
        WKBReader reader = new WKBReader(GEOMETRY);
        while (rs.next()) {
          Geometry g;
          try {
            g = reader.read(rs.getBytes(4));
          } catch (ParseException e) {
            throw new StoreException(StoreException.Reason.UNAVAILABLE, "boundary " + rs.getString(1)
                + " has a damaged geometry: " + e.getMessage(), e);
          }
          out.add(new Boundary(BoundaryLevel.ofKey(rs.getString(2)), rs.getString(1), rs.getString(3), g));
        }
        return out;
      }
    });
  }
}
