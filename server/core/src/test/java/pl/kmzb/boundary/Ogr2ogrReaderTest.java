package pl.kmzb.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static pl.kmzb.boundary.BoundaryLevel.COUNTY;
import static pl.kmzb.boundary.BoundaryLevel.MUNICIPALITY;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GDAL path, as PRG is really delivered: shapefiles in EPSG:2180. GDAL is required here; a
 * missing ogr2ogr fails these tests instead of skipping them, so CI cannot silently lose them.
 */
class Ogr2ogrReaderTest {
  @TempDir Path dir;

  @BeforeAll
  static void requireGdal() {
    // Like the PostGIS tests, provision the tool on a fresh Debian machine instead of skipping.
    java.util.List<String> out = new java.util.ArrayList<>();
    try {
      Process install = new ProcessBuilder("bash", pl.kmzb.testing.TestPostgis.projectRoot()
          .resolve("db/ensure-gdal.sh").toString()).redirectErrorStream(true).start();
      out.add(new String(install.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      if (install.waitFor() != 0) {
        fail("db/ensure-gdal.sh could not install gdal-bin: " + out);
      }
    } catch (IOException e) {
      fail("cannot run db/ensure-gdal.sh: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(e);
    }
    try {
      Process p = new ProcessBuilder("ogr2ogr", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (p.waitFor() != 0) {
        fail("ogr2ogr --version failed; install gdal-bin (apt-get install -y gdal-bin)");
      }
    } catch (IOException e) {
      fail("ogr2ogr is not on the PATH; install gdal-bin (apt-get install -y gdal-bin) to run the "
          + "shapefile import tests: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(e);
    }
  }

  @Test
  void readsAPrgStyleShapefileInEpsg2180() throws Exception {
    Path geojson = new GeoJsonFixture()
        .boundaries(TestCountry.municipalities(), "JPT_KOD_JE", "JPT_NAZWA_", g -> g)
        .write(dir.resolve("gminy.geojson"));
    Path shp = dir.resolve("A03_Granice_gmin.shp");
    ogr2ogr("-f", "ESRI Shapefile", "-t_srs", "EPSG:2180", "-lco", "ENCODING=UTF-8",
        shp.toString(), geojson.toString());
    assertTrue(Files.readString(dir.resolve("A03_Granice_gmin.prj")).contains("Poland_CS92"),
        "the shapefile is really in PL-1992");

    BoundaryImport result = new BoundaryReader(MUNICIPALITY).read(shp);
    assertTrue(result.ok(), result.errors().toString());
    assertEquals(0, result.repaired());
    Map<String, Boundary> read = result.boundaries().stream()
        .collect(Collectors.toMap(Boundary::code, Function.identity()));
    assertEquals(TestCountry.municipalities().size(), read.size());
    for (Boundary expected : TestCountry.municipalities()) {
      Boundary actual = read.get(expected.code());
      assertEquals(expected.name(), actual.name(), "names keep their Polish letters");
      Shapes.assertSameWithin(expected.geometry(), actual.geometry(), 1.0);
    }
  }

  @Test
  void readsANamedLayerOfAGeoPackageWithItsOwnMapping() throws Exception {
    Path gpkg = dir.resolve("prg.gpkg");
    Path counties = new GeoJsonFixture()
        .boundaries(TestCountry.counties(), "kod", "nazwa", Epsg2180::project)
        .crs("urn:ogc:def:crs:EPSG::2180").write(dir.resolve("powiaty.geojson"));
    Path municipalities = new GeoJsonFixture()
        .boundaries(TestCountry.municipalities(), "kod", "nazwa", g -> g)
        .write(dir.resolve("gminy.geojson"));
    ogr2ogr("-f", "GPKG", "-nln", "powiaty", gpkg.toString(), counties.toString());
    ogr2ogr("-f", "GPKG", "-update", "-nln", "gminy", gpkg.toString(), municipalities.toString());

    AttributeMapping mapping = new AttributeMapping("kod", "nazwa");
    BoundaryImport read = new BoundaryReader(COUNTY, mapping).read(gpkg, "powiaty");
    assertTrue(read.ok(), read.errors().toString());
    assertEquals(List.of("1206", "1261", "1201", "1401", "1465"),
        read.boundaries().stream().map(Boundary::code).toList());
    Shapes.assertSameWithin(TestCountry.counties().get(0).geometry(),
        read.boundaries().get(0).geometry(), 1.0);
    assertEquals(7, new BoundaryReader(MUNICIPALITY, mapping).read(gpkg, "gminy").boundaries().size());

    BoundaryFileException noLayer = assertThrows(BoundaryFileException.class,
        () -> new BoundaryReader(COUNTY, mapping).read(gpkg, "obreby"));
    assertTrue(noLayer.getMessage().contains("prg.gpkg layer 'obreby' (exit code 1)"),
        noLayer.getMessage());
  }

  @Test
  void aFileGdalCannotReadNamesTheFileAndTheExitCode() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.shp"), "not a shapefile",
        StandardCharsets.UTF_8);
    BoundaryFileException e = assertThrows(BoundaryFileException.class,
        () -> new BoundaryReader(COUNTY).read(broken));
    assertTrue(e.getMessage().startsWith("ogr2ogr could not convert " + broken + " (exit code "),
        e.getMessage());
    BoundaryFileException missing = assertThrows(BoundaryFileException.class,
        () -> new BoundaryReader(COUNTY).read(dir.resolve("absent.shp")));
    assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
  }

  @Test
  void aMissingOgr2ogrSaysToInstallGdal() throws Exception {
    Path shp = Files.writeString(dir.resolve("any.shp"), "x");
    BoundaryFileException e = assertThrows(BoundaryFileException.class,
        () -> new BoundaryReader(COUNTY).withOgr2ogr(dir.resolve("no-such-ogr2ogr").toString())
            .read(shp));
    assertTrue(e.getMessage().contains("install gdal-bin to import shapefiles"), e.getMessage());
    assertTrue(e.getMessage().contains("any.shp"), e.getMessage());
  }

  private static void ogr2ogr(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("ogr2ogr"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "ogr2ogr " + String.join(" ", args) + ": " + output);
  }
}
