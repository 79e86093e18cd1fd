package pl.kmzb.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import pl.kmzb.roads.Road;
import pl.kmzb.roads.RoadClass;

/**
 * The road network in the {@code road_network} and {@code road} tables of either store, exchanged as
 * WKB like {@link JdbcBoundaryStore}. A replace writes the new version's rows and deletes the older
 * roads in one transaction; the version is the previous one plus one, read under the same
 * transaction (PostgreSQL: a second concurrent import fails on the primary key and changes nothing).
 */
public final class JdbcRoadStore implements RoadStore {
  private static final GeometryFactory GEOMETRY = new GeometryFactory();
  private final JdbcReportStore store;
  private final boolean postgis;

  private JdbcRoadStore(JdbcReportStore store) {
    this.store = store;
    this.postgis = store instanceof PostgisReportStore;
  }

  public static RoadStore of(ReportStore store) {
    return new JdbcRoadStore((JdbcReportStore) store);
  }

  @Override
  public long replace(List<Road> roads, String source) {
    if (roads.isEmpty()) {
      throw new IllegalArgumentException("a road network needs at least one road");
    }
    String value = postgis ? "ST_GeomFromWKB(?, 4326)" : "?";
    return store.inTransaction(c -> {
      long version;
      try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(version), 0) + 1 FROM road_network");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        version = rs.getLong(1);
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO road_network (version, imported_at, source, roads) VALUES (?, ?, ?, ?)")) {
        ps.setLong(1, version);
        store.setInstant(ps, 2, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        ps.setString(3, source);
        ps.setInt(4, roads.size());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO road (version, number, class, geom) VALUES (?, ?, ?, "
          + value + ")")) {
        WKBWriter wkb = new WKBWriter();
        for (Road r : roads) {
          ps.setLong(1, version);
          ps.setString(2, r.number());
          ps.setString(3, r.roadClass().key());
          ps.setBytes(4, wkb.write(r.geometry()));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM road WHERE version < ?")) {
        ps.setLong(1, version);
        ps.executeUpdate();
      }
      return version;
    });
  }

  @Override
  public Network current() {
    return store.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT version, imported_at, source, roads FROM road_network"
          + " ORDER BY version DESC LIMIT 1"); ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Network(rs.getLong(1), store.getInstant(rs, "imported_at"), rs.getString(3), rs.getInt(4))
            : null;
      }
    });
  }

  @Override
  public List<Road> roads() {
    String geom = postgis ? "ST_AsBinary(geom)" : "geom";
    return store.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT number, class, " + geom + " FROM road WHERE version ="
          + " (SELECT MAX(version) FROM road_network) ORDER BY number"); ResultSet rs = ps.executeQuery()) {
        List<Road> out = new ArrayList<>();
        WKBReader reader = new WKBReader(GEOMETRY);
        while (rs.next()) {
          Geometry g;
          try {
            g = reader.read(rs.getBytes(3));
          } catch (ParseException e) {
            throw new StoreException(StoreException.Reason.UNAVAILABLE, "road " + rs.getString(1)
                + " has a damaged geometry: " + e.getMessage(), e);
          }
          out.add(new Road(rs.getString(1), RoadClass.ofKey(rs.getString(2)), (MultiLineString) g));
        }
        return out;
      }
    });
  }
}
