package pl.kmzb.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.EntityResolver;
import org.xml.sax.InputSource;

/**
 * Where the OGC and W3C schemas and DTDs live on the test class path: {@code org.jvnet.ogc:ogc-schemas}
 * keeps {@code http://schemas.opengis.net/X} at {@code ogc/X}, and {@code org.hisrc.w3c:w3c-schemas}
 * keeps {@code http://www.w3.org/X} at {@code w3c/X} (the mapping of their own catalog.cat files).
 * Resolves every schema and DTD reference to those resources and never to the network: a reference
 * with no local copy is an {@link OfflineSchemaException} naming it. Resources handed to the parser keep
 * their http address as system id, so relative includes inside them resolve through here again.
 */
public final class OfflineSchemas implements LSResourceResolver, EntityResolver {
  /** Prefix of the system ids of application schemas given as text (e.g. a DescribeFeatureType answer). */
  static final String GIVEN = "urn:kmzb:given-schema:";

  private static final Map<String, String> LOCAL = Map.of(
      "schemas.opengis.net/", "ogc/",
      "bp.schemas.opengis.net/", "bp-ogc/",
      "www.w3.org/", "w3c/");

  private final Map<String, String> given;

  /** @param given schema texts by the system id they are known under ({@link #GIVEN} + namespace) */
  OfflineSchemas(Map<String, String> given) {
    this.given = Map.copyOf(given);
  }

  /** Without schemas given as text. */
  public static OfflineSchemas standard() {
    return new OfflineSchemas(Map.of());
  }

  /** The class-path resource of an http(s) schema address; an {@link OfflineSchemaException} if none. */
  public static URL locate(String address) {
    String rest = address.replaceFirst("(?i)^https?://", "");
    if (rest.equals(address)) {
      throw new OfflineSchemaException("'" + address + "' is not an http(s) schema address");
    }
    for (Map.Entry<String, String> e : LOCAL.entrySet()) {
      if (rest.toLowerCase(Locale.ROOT).startsWith(e.getKey())) {
        String path = e.getValue() + rest.substring(e.getKey().length());
        URL url = OfflineSchemas.class.getClassLoader().getResource(path);
        if (url == null) {
          throw new OfflineSchemaException("no local copy of " + address + " (looked for " + path
              + " in ogc-schemas/w3c-schemas on the test class path)");
        }
        return url;
      }
    }
    throw new OfflineSchemaException("no local copy of " + address + ": only schemas.opengis.net and www.w3.org"
        + " schemas are available offline; give other schemas as text");
  }

  /** The absolute address a reference means, from the document that makes it. */
  static String absolute(String reference, String base) {
    if (reference == null) {
      throw new OfflineSchemaException("a schema reference without a location");
    }
    try {
      URI ref = new URI(reference.strip());
      if (ref.isAbsolute()) {
        return ref.toString();
      }
      if (base == null || base.startsWith(GIVEN)) {
        throw new OfflineSchemaException("relative schema location '" + reference + "' in a document without an"
            + " http address to resolve it against");
      }
      return new URI(base).resolve(ref).toString();
    } catch (URISyntaxException e) {
      throw new OfflineSchemaException("malformed schema location '" + reference + "': " + e.getMessage());
    }
  }

  @Override
  public LSInput resolveResource(String type, String namespace, String publicId, String systemId, String baseUri) {
    if (systemId == null) {
      return null; // an import naming only a namespace: nothing to fetch, the parser loads nothing
    }
    String address = absolute(systemId, baseUri);
    if (given.containsKey(address)) {
      return new Input(address, publicId, null, given.get(address));
    }
    URL local = locate(address);
    if (address.endsWith(WMTS_CAPABILITIES)) {
      return new Input(address, publicId, null, wmtsCorrigendum(local));
    }
    return new Input(address, publicId, open(local), null);
  }

  private static final String WMTS_CAPABILITIES = "/wmts/1.0/wmtsGetCapabilities_response.xsd";

  /**
   * WMTS 1.0's capabilities schema as OGC publishes it now: ogc-schemas 2.6.1 keeps the first
   * release, which types TileMatrixLimits' MinTileRow, MaxTileRow, MinTileCol and MaxTileCol as
   * positiveInteger although 07-057r7 (Table 9) numbers rows and columns from 0 — no document could
   * limit a layer to a matrix's first row or column. OGC corrected the type to nonNegativeInteger
   * (the copy ets-wmts10 1.11 bundles, and later ogc-schemas sources); the same four replacements here.
   */
  private static String wmtsCorrigendum(URL url) {
    String xsd;
    try (InputStream in = open(url)) {
      xsd = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new OfflineSchemaException("cannot read " + url + ": " + e.getMessage());
    }
    for (String limit : new String[] {"MinTileRow", "MaxTileRow", "MinTileCol", "MaxTileCol"}) {
      String positive = "<element name=\"" + limit + "\" type=\"positiveInteger\">";
      if (xsd.contains(positive)) {
        xsd = xsd.replace(positive, "<element name=\"" + limit + "\" type=\"nonNegativeInteger\">");
      } else if (!xsd.contains("<element name=\"" + limit + "\" type=\"nonNegativeInteger\">")) {
        throw new OfflineSchemaException(url + " has no " + limit + " element to correct");
      }
    }
    return xsd;
  }

  @Override
  public InputSource resolveEntity(String publicId, String systemId) {
    String address = absolute(systemId, null);
    InputSource source = new InputSource(open(locate(address)));
    source.setSystemId(address);
    source.setPublicId(publicId);
    return source;
  }

  private static InputStream open(URL url) {
    try {
      return url.openStream();
    } catch (IOException e) {
      throw new OfflineSchemaException("cannot read " + url + ": " + e.getMessage());
    }
  }

  /** A schema or DTD the validator wanted and no local copy has; the message names it. */
  public static final class OfflineSchemaException extends RuntimeException {
    public OfflineSchemaException(String message) {
      super(message);
    }
  }

  /** An {@link LSInput} over a stream or a string, with the address as system id. */
  private record Input(String systemId, String publicId, InputStream byteStream, String stringData) implements LSInput {
    @Override
    public Reader getCharacterStream() {
      return stringData == null ? null : new StringReader(stringData);
    }

    @Override
    public void setCharacterStream(Reader characterStream) {
      throw new UnsupportedOperationException();
    }

    @Override
    public InputStream getByteStream() {
      return byteStream;
    }

    @Override
    public void setByteStream(InputStream byteStream) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String getStringData() {
      return stringData;
    }

    @Override
    public void setStringData(String stringData) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String getSystemId() {
      return systemId;
    }

    @Override
    public void setSystemId(String systemId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String getPublicId() {
      return publicId;
    }

    @Override
    public void setPublicId(String publicId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String getBaseURI() {
      return systemId;
    }

    @Override
    public void setBaseURI(String baseUri) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String getEncoding() {
      return null;
    }

    @Override
    public void setEncoding(String encoding) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean getCertifiedText() {
      return false;
    }

    @Override
    public void setCertifiedText(boolean certifiedText) {
      throw new UnsupportedOperationException();
    }
  }

  static InputStream utf8(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
