package pl.kmzb.wms;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.render.FeatureHit;
import pl.kmzb.render.LayerRequest;
import pl.kmzb.render.MapRenderer;
import pl.kmzb.render.MapView;
import pl.kmzb.report.Actor;

/**
 * Draws maps and finds features for GetMap and GetFeatureInfo: the image cache in front, then at
 * most {@code wms.render-concurrency} renders at once (each holds an image of at most
 * {@code wms.max-width} × {@code wms.max-height} pixels, so this bounds the memory renders take),
 * then {@link MapRenderer}.
 */
public final class MapService {
  static final long RENDER_WAIT_MS = 2000;

  /**
   * An encoded map, whether it came from the cache, and its entity tag (the canonical request and
   * the data version it shows; null for maps that are never cached).
   */
  public record EncodedMap(byte[] body, String mediaType, boolean cached, String etag) {}

  static String etag(String key, long version) {
    return "\"" + Long.toHexString(version) + "-" + Integer.toHexString(key.hashCode()) + "\"";
  }

  private final MapRenderer renderer;
  private final ImageCache cache;
  private final Semaphore renders;
  private final CrsRegistry crs;
  /** The search radius of GetFeatureInfo in pixels ({@code wms.feature-info-tolerance}). */
  private final int tolerance;

  public MapService(MapRenderer renderer, ImageCache cache, int concurrency, CrsRegistry crs, int tolerance) {
    this.renderer = renderer;
    this.tolerance = tolerance;
    this.cache = cache;
    this.renders = new Semaphore(concurrency, true);
    this.crs = crs;
  }

  /** The cached image for a request, or null (tried on the network thread before anything else). */
  public EncodedMap cached(MapRequest r) {
    String key = MapKeys.of(r);
    ImageCache.Entry e = key == null ? null : cache.get(key);
    return e == null ? null : new EncodedMap(e.body(), e.mediaType(), true, etag(key, e.version()));
  }

  public EncodedMap map(MapRequest r, Optional<Actor> caller) {
    String key = MapKeys.of(r);
    if (key != null) {
      ImageCache.Entry hit = cache.get(key);
      if (hit != null) {
        return new EncodedMap(hit.body(), hit.mediaType(), true, etag(key, hit.version()));
      }
    }
    long version = cache.version();
    byte[] body = withSlot(() -> r.format().encode(draw(r, caller)));
    if (key != null) {
      cache.put(key, new ImageCache.Entry(body, r.format().mediaType(), version));
    }
    return new EncodedMap(body, r.format().mediaType(), false, key == null ? null : etag(key, version));
  }

  /**
   * Draws and encodes {@code r} in a render slot without the image cache: WMTS keeps its tiles in a
   * cache of its own, versioned per tile rather than by the whole index.
   */
  public byte[] render(MapRequest r, Optional<Actor> caller) {
    return withSlot(() -> r.format().encode(draw(r, caller)));
  }

  /** The features under the queried pixel, per query layer, at most {@code featureCount} each. */
  public List<FeatureHit> features(FeatureInfoRequest q, Optional<Actor> caller) {
    MapView view = view(q.map());
    List<FeatureHit> out = new ArrayList<>();
    if (view == null) {
      return out;
    }
    for (DrawnLayer l : q.queryLayers()) {
      int before = out.size();
      for (ReportFilter f : l.filters()) {
        int room = q.featureCount() - (out.size() - before);
        if (room <= 0) {
          break;
        }
        out.addAll(renderer.hits(view, new LayerRequest(l.layer(), l.style(), f, caller, q.map().language(), l.scan(),
            q.map().indicators().get(l.layer().id())), q.i(),
            q.j(), tolerance, room));
      }
    }
    return out;
  }

  private BufferedImage draw(MapRequest r, Optional<Actor> caller) {
    MapView view = view(r);
    if (view == null) {
      return ExceptionReports.blank(r.frame());
    }
    List<LayerRequest> layers = new ArrayList<>();
    for (DrawnLayer l : r.layers()) {
      for (ReportFilter f : l.filters()) {
        layers.add(new LayerRequest(l.layer(), l.style(), f, caller, r.language(), l.scan(),
            r.indicators().get(l.layer().id())));
      }
    }
    return renderer.render(view, layers, r.background(), r.transparent() && r.format().alpha());
  }

  /** The view, or null when the bounds lie wholly outside where the CRS is defined (an empty map). */
  private MapView view(MapRequest r) {
    Bounds domain = crs.toLonLat(r.crs()).domain();
    if (!r.bbox().intersects(domain)) {
      return null;
    }
    return new MapView(r.bbox(), r.crs(), r.width(), r.height());
  }

  private interface Work<T> {
    T run();
  }

  private <T> T withSlot(Work<T> work) {
    boolean acquired;
    try {
      acquired = renders.tryAcquire(RENDER_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    if (!acquired) {
      throw new WmsException(ExceptionCode.NONE, null, "every map renderer is busy; try again in a second", 503)
          .withHeader("Retry-After", "1");
    }
    try {
      return work.run();
    } finally {
      renders.release();
    }
  }
}
