package pl.kmzb.cql2;

import org.locationtech.jts.geom.Geometry;

/** An argument of a CQL2 predicate, as both encodings (text and JSON) read it. */
sealed interface Operand {
  /** A property name. */
  record Property(String name) implements Operand {}

  /** A scalar literal: String, Long, Double, Boolean, Instant, LocalDate. */
  record Literal(Object value) implements Operand {}

  /** CASEI(...) around a property or a string. */
  record CaseI(Operand inner) implements Operand {}

  /** A geometry literal, already in lon/lat. */
  record Geom(Geometry lonLat) implements Operand {}

  /** An interval literal; a null bound is open (".."). */
  record Interval(Object start, Object end) implements Operand {}
}
