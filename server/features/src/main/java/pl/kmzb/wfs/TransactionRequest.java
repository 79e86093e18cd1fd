package pl.kmzb.wfs;

import java.util.List;
import pl.kmzb.fes.XmlTree;

/**
 * A wfs:Transaction as read, before anything is checked against the catalogue or the store: its
 * Insert and Update actions in document order. Each action keeps its {@code handle} (the client's
 * name for it, echoed in exception locators and insert results) and its position for a locator
 * when it has none. {@code version} is 2.0.0, or 1.1.0 / 1.0.0 for the older dialect QGIS writes
 * whatever version it reads with (WFS 1.0 namespace, GML 2 coordinates, ogc:Filter).
 */
record TransactionRequest(String version, String handle, List<Action> actions) {
  TransactionRequest {
    actions = List.copyOf(actions);
  }

  /** One action of the transaction. */
  sealed interface Action permits Insert, Update {
    String handle();

    /** The handle, or the action's name and position ("Insert[2]") when the client gave none. */
    String locator();
  }

  /**
   * wfs:Insert: feature elements, with the action's srsName for geometries that name none.
   *
   * @param srsName the Insert's srsName attribute, or null
   */
  record Insert(String handle, String locator, String srsName, List<XmlTree> features) implements Action {
    Insert {
      features = List.copyOf(features);
    }
  }

  /**
   * wfs:Update: new property values for the features a filter selects.
   *
   * @param typeName the local name of the typeNames attribute
   * @param filter the fes:Filter element
   */
  record Update(String handle, String locator, String typeName, List<PropertyValue> properties, XmlTree filter)
      implements Action {
    Update {
      properties = List.copyOf(properties);
    }
  }

  /**
   * One wfs:Property of an Update.
   *
   * @param name the ValueReference's local name (prefix and type step removed)
   * @param value the wfs:Value element, or null when the property is to be emptied
   */
  record PropertyValue(String name, XmlTree value) {}
}
