package pl.kmzb.boundary;

/**
 * Which feature properties hold the TERYT code and the name. PRG shapefiles use {@code JPT_KOD_JE}
 * and {@code JPT_NAZWA_} (dBase cuts field names at 10 characters); other sources are mapped here.
 */
public record AttributeMapping(String codeField, String nameField) {
  public static final AttributeMapping PRG = new AttributeMapping("JPT_KOD_JE", "JPT_NAZWA_");

  public AttributeMapping {
    if (codeField == null || codeField.isBlank() || nameField == null || nameField.isBlank()) {
      throw new IllegalArgumentException("code and name fields must be named, got code='"
          + codeField + "', name='" + nameField + "'");
    }
  }
}
