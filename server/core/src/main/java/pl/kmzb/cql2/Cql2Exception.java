package pl.kmzb.cql2;

import pl.kmzb.filter.FilterException;

/**
 * A CQL2 filter that cannot be read: the message says where (a character position in the text
 * encoding, a JSON pointer-like path in the JSON one) and what was expected. Services answer it
 * with 400 and the {@code filter} parameter.
 */
public final class Cql2Exception extends FilterException {
  public Cql2Exception(String message) {
    super("filter", message);
  }
}
