package pl.kmzb.tiles;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pl.kmzb.unit.PoliceUnit;

/**
 * Police units (KWP, KMP, KPP, KP, PP) as points with code, name, type and the TERYT codes of the
 * areas they serve. Poland has under 2,000 units, so every tile simply tests each unit.
 */
public final class PoliceUnitTileLayer implements TileLayer {
  public static final String ID = "police-units";

  private record Placed(PoliceUnit unit, int x, int y) {}

  private final List<Placed> units;
  private final int maxZoom;
  private final long generation;

  /** The units {@code all}, as generation {@code generation} of the data. */
  public PoliceUnitTileLayer(List<PoliceUnit> all, TileMatrixSet tms, int maxZoom, long generation) {
    this.generation = generation;
    this.units = all.stream().sorted(Comparator.comparing(PoliceUnit::code))
        .map(u -> new Placed(u, tms.worldX(u.location().lon(), u.location().lat()),
            tms.worldY(u.location().lon(), u.location().lat())))
        .toList();
    this.maxZoom = maxZoom;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Police units with the TERYT areas they serve";
  }

  @Override
  public int minZoom() {
    return 0;
  }

  @Override
  public int maxZoom() {
    return maxZoom;
  }

  @Override
  public List<VectorLayer> vectorLayers() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("code", "Unit code");
    fields.put("name", "Unit name");
    fields.put("type", "KWP, KMP, KPP, KP or PP");
    fields.put("areas", "Comma-separated TERYT codes of the areas served");
    return List.of(new VectorLayer(ID, description(), 0, maxZoom, fields));
  }

  @Override
  public String cacheControl() {
    return StaticLayers.CACHE_CONTROL;
  }

  @Override
  public long stamp(TileCoord tile) {
    return generation;
  }

  @Override
  public Variant variant(Map<String, List<String>> query) {
    return StaticLayers.noParameters(ID, query);
  }

  @Override
  public Rendered render(TileCoord t, Variant variant) {
    int shift = Morton.LEVELS - t.z() - 12;
    long buffer = 64L << shift;
    long minX = (long) t.worldMinX() - buffer;
    long minY = (long) t.worldMinY() - buffer;
    long size = (1L << (Morton.LEVELS - t.z())) + 2 * buffer;
    MvtLayerWriter out = new MvtLayerWriter(ID);
    long id = 0;
    for (Placed p : units) {
      id++;
      if (p.x >= minX && p.x < minX + size && p.y >= minY && p.y < minY + size) {
        out.point(id, (int) ((p.x - (long) t.worldMinX()) >> shift), (int) ((p.y - (long) t.worldMinY()) >> shift))
            .tag("code", p.unit.code())
            .tag("name", p.unit.name())
            .tag("type", p.unit.type().name())
            .tag("areas", String.join(",", p.unit.sortedAreas()))
            .add();
      }
    }
    return new Rendered(MvtLayerWriter.encode(List.of(out)), generation);
  }
}
