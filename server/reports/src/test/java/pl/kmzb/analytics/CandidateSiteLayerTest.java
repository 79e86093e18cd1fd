package pl.kmzb.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import pl.kmzb.geo.LonLat;

/**
 * The candidate-site layer's grid: the API's 5 km when the API accepts it, else the first doubled
 * spacing it accepts (few units and many threats leave more than 5,000 cells reaching a threat).
 */
class CandidateSiteLayerTest {
  static final List<Candidate> ONE = List.of(new Candidate("grid 0,0", new LonLat(19, 52), 0, 0));

  @Test
  void theApisSpacingWhenItIsAccepted() {
    CandidateSiteLayer.Spaced s = CandidateSiteLayer.firstWithin(5_000, 50_000, spacing -> ONE);
    assertEquals(5_000, s.spacing());
    assertEquals(ONE, s.candidates());
  }

  @Test
  void theFirstDoubledSpacingTheApiAccepts() {
    List<Double> asked = new ArrayList<>();
    CandidateSiteLayer.Spaced s = CandidateSiteLayer.firstWithin(5_000, 50_000, spacing -> {
      asked.add(spacing);
      return spacing < 20_000 ? null : ONE;
    });
    assertEquals(20_000, s.spacing());
    assertEquals(List.of(5_000.0, 10_000.0, 20_000.0), asked);
  }

  @Test
  void noSpacingUpToTheLargestIsAFailureNotAnEmptyLayer() {
    List<Double> asked = new ArrayList<>();
    assertThrows(IllegalStateException.class, () -> CandidateSiteLayer.firstWithin(5_000, 50_000, spacing -> {
      asked.add(spacing);
      return null;
    }));
    assertEquals(List.of(5_000.0, 10_000.0, 20_000.0, 40_000.0), asked);
  }
}
