package pl.kmzb.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import org.junit.jupiter.api.Test;

class SymbolBoxesTest {
  @Test
  void aLabelMeetingASymbolDrawnAboveItsFeatureIsCovered() {
    SymbolBoxes boxes = new SymbolBoxes(200, 200);
    boxes.add(new Rectangle2D.Double(50, 50, 40, 40), 1, 7);
    Rectangle2D label = new Rectangle2D.Double(80, 60, 20, 10);
    assertTrue(boxes.coveredAbove(label, 1, 3), "a symbol drawn after the label's feature");
    assertFalse(boxes.coveredAbove(label, 1, 7), "its own symbol");
    assertFalse(boxes.coveredAbove(label, 1, 9), "a symbol drawn before");
    assertFalse(boxes.coveredAbove(label, 2, 3), "another layer's symbol");
    assertFalse(boxes.coveredAbove(new Rectangle2D.Double(150, 150, 10, 10), 1, 3), "far away");
  }
}
