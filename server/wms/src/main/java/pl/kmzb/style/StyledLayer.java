package pl.kmzb.style;

/**
 * One NamedLayer of an SLD document: the layer it styles and either an inline UserStyle or the
 * name of a catalogue style (NamedStyle); exactly one of {@code style} and {@code namedStyle} is set.
 */
public record StyledLayer(String layerName, Style style, String namedStyle) {}
