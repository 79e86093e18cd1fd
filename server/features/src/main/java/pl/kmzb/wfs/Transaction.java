package pl.kmzb.wfs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import pl.kmzb.auth.Authenticator;
import pl.kmzb.crs.AxisOrder;
import pl.kmzb.encode.FeatureView;
import pl.kmzb.features.FeatureCatalog;
import pl.kmzb.features.FeatureCollection;
import pl.kmzb.features.FeatureSource;
import pl.kmzb.fes.FesParser;
import pl.kmzb.fes.XmlTree;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.Queryables;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.Exchange;
import pl.kmzb.ingest.IngestService;
import pl.kmzb.report.Actor;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Report;
import pl.kmzb.report.Status;
import pl.kmzb.report.StatusChange;
import pl.kmzb.report.StatusWorkflow;
import pl.kmzb.store.Page;
import pl.kmzb.store.ReportStore;
import pl.kmzb.store.ReportWrite;

/**
 * WFS-T: the Transaction operation (WFS 2.0, clause 15) for police callers, inserting reports into
 * and updating them in the police feature type. Nothing here decides what a report may be or who
 * may move it: inserts are judged by the report API's validator ({@link IngestService#officerReport}),
 * status moves by {@link StatusWorkflow}, description changes by its area rule, and all writes go
 * through {@link ReportStore#writeAll} in one database transaction, so a transaction with one bad
 * feature or one forbidden move stores nothing, and the committed writes raise the same change
 * events as the report API's (tiles, WMS and the cluster index follow).
 *
 * <p>Every write is first checked against the reports as read (for a precise locator), then again
 * by the store under the row locks (which decides); a concurrent change between the two makes the
 * whole transaction fail, never half of it.
 */
public final class Transaction {
  /** Reports one transaction may create or change: bounds the work and the row locks one request holds. */
  static final int MAX_WRITES = 1_000;
  private static final int PAGE = 500;

  /**
   * Builds the filter and geometry reader of the police view for a protocol version (its axis
   * rules), with an Insert's srsName (null: the default CRS).
   */
  public interface Parsers {
    FesParser of(Queryables view, String srsName, AxisOrder.Protocol protocol);
  }

  private final FeatureCatalog catalog;
  private final FeatureSource source;
  private final Authenticator auth;
  private final IngestService ingest;
  private final ReportStore store;
  private final Parsers parsers;

  public Transaction(FeatureCatalog catalog, FeatureSource source, Authenticator auth, IngestService ingest,
      ReportStore store, Parsers parsers) {
    this.catalog = catalog;
    this.source = source;
    this.auth = auth;
    this.ingest = ingest;
    this.store = store;
    this.parsers = parsers;
  }

  /** Who may send transactions: every police caller may create reports, as in the report API. */
  static boolean offeredTo(java.util.Optional<Actor> caller) {
    return caller.isPresent();
  }

  /**
   * Answers a Transaction body. Credentials come first, before the body is parsed: an anonymous
   * caller gets a 401 with the Basic challenge (set by the authenticator) and an exception report.
   */
  void execute(Exchange ex, byte[] body) {
    ex.response().getHeaders().put("Cache-Control", "private, no-store");
    Actor caller;
    try {
      caller = auth.require(ex, Authenticator.Scheme.BASIC);
    } catch (ApiException e) {
      ex.send(e.status(), ExceptionReport.MEDIA_TYPE, ExceptionReport.render(new WfsException(
          "OperationProcessingFailed", "Transaction", e.getMessage()), "2.0.0"));
      return;
    }
    TransactionRequest t = TransactionReader.read(body);
    Plan plan = plan(caller, t);
    List<Report> written;
    try {
      written = store.writeAll(plan.writes);
    } catch (RuntimeException e) {
      throw located(e, t.handle() != null ? t.handle() : "Transaction");
    }
    List<TransactionResponse.Result> inserted = new ArrayList<>();
    Set<Long> updatedIds = new LinkedHashSet<>();
    List<TransactionResponse.Result> updated = new ArrayList<>();
    for (int i = 0; i < written.size(); i++) {
      Step s = plan.steps.get(i);
      String rid = s.typeName + "." + written.get(i).id();
      if (s.insert) {
        inserted.add(new TransactionResponse.Result(s.handle, rid));
      } else if (updatedIds.add(written.get(i).id())) {
        updated.add(new TransactionResponse.Result(s.handle, rid));
      }
    }
    ex.send(200, "application/xml", TransactionResponse.render(t.version(), inserted, updated));
  }

  /** What one write is for the response: an insert or an update, of which type, under which handle. */
  private record Step(boolean insert, String typeName, String handle) {}

  private static AxisOrder.Protocol protocol(String version) {
    return switch (version) {
      case "1.0.0" -> AxisOrder.Protocol.WFS_1_0_0;
      case "1.1.0" -> AxisOrder.Protocol.WFS_1_1_0;
      default -> AxisOrder.Protocol.WFS_2_0_0;
    };
  }

  private static final class Plan {
    final AxisOrder.Protocol protocol;
    final List<ReportWrite> writes = new ArrayList<>();
    final List<Step> steps = new ArrayList<>();
    /** Reports an earlier action of this transaction changes: checked by the store alone. */
    final Set<Long> touched = new HashSet<>();

    Plan(AxisOrder.Protocol protocol) {
      this.protocol = protocol;
    }

    void add(ReportWrite w, Step s, String locator) {
      if (writes.size() >= MAX_WRITES) {
        throw new WfsException("OperationProcessingFailed", locator, "a transaction creates or changes at most "
            + MAX_WRITES + " reports; split it");
      }
      writes.add(w);
      steps.add(s);
    }
  }

  private Plan plan(Actor caller, TransactionRequest t) {
    Plan plan = new Plan(protocol(t.version()));
    for (TransactionRequest.Action a : t.actions()) {
      if (a instanceof TransactionRequest.Insert i) {
        insert(caller, i, plan);
      } else {
        update(caller, (TransactionRequest.Update) a, plan);
      }
    }
    return plan;
  }

  private void insert(Actor caller, TransactionRequest.Insert i, Plan plan) {
    int n = 0;
    for (XmlTree feature : i.features()) {
      String locator = i.locator() + "/" + feature.name() + "[" + ++n + "]";
      if (!feature.ns().equals(WfsEndpoint.NAMESPACE)) {
        throw WfsException.invalid(locator, "'" + feature.name() + "' (" + feature.ns() + ") is not a feature type"
            + " of this server");
      }
      FeatureCollection type = policeType(feature.name(), locator);
      NewReport report;
      try {
        report = ingest.officerReport(InsertFeature.read(feature, parsers.of(source.view(type), i.srsName(), plan.protocol),
            locator));
      } catch (RuntimeException e) {
        throw located(e, locator);
      }
      plan.add(IngestService.insertWrite(caller, report), new Step(true, type.id(), i.handle()), locator);
    }
  }

  private void update(Actor caller, TransactionRequest.Update u, Plan plan) {
    FeatureCollection type = policeType(u.typeName(), u.locator());
    Status to = null;
    Boolean descriptionPublic = null;
    for (TransactionRequest.PropertyValue p : u.properties()) {
      switch (p.name()) {
        case "status" -> to = status(p, u.locator());
        case "descriptionPublic" -> descriptionPublic = bool(p, u.locator());
        default -> throw WfsException.invalid(u.locator(), "'" + p.name() + "' cannot be changed through WFS-T: "
            + (FeatureView.POLICE.property(p.name()).isPresent() ? "officers change status and descriptionPublic"
            : "it is not a property of " + WfsEndpoint.PREFIX + ":" + type.id()));
      }
    }
    Queryables view = source.view(type);
    Expr filter;
    try {
      filter = parsers.of(view, null, plan.protocol).parse(u.filter());
    } catch (RuntimeException e) {
      throw located(e, u.locator());
    }
    Step step = new Step(false, type.id(), u.handle());
    for (Report r : matching(filter, view, u.locator())) {
      String locator = u.locator() + "/" + type.id() + "." + r.id();
      boolean first = plan.touched.add(r.id());
      try {
        if (to != null) {
          StatusChange change = new StatusChange(caller, to, null);
          if (first) {
            StatusWorkflow.check(r, change);
          }
          plan.add(new ReportWrite.StatusMove(r.id(), change), step, locator);
        }
        if (descriptionPublic != null) {
          if (first) {
            StatusWorkflow.checkEdit(r, caller);
          }
          plan.add(new ReportWrite.DescriptionPublic(r.id(), caller, descriptionPublic), step, locator);
        }
      } catch (RuntimeException e) {
        throw located(e, locator);
      }
    }
  }

  /** The reports a filter selects in the police view, at most {@link #MAX_WRITES}, keyset-paged. */
  private List<Report> matching(Expr filter, Queryables view, String locator) {
    List<Report> out = new ArrayList<>();
    long after = 0;
    while (true) {
      Page<Report> page = store.list(filter, view, after, PAGE);
      out.addAll(page.items());
      if (out.size() > MAX_WRITES) {
        throw new WfsException("OperationProcessingFailed", locator, "the filter selects more than " + MAX_WRITES
            + " reports; a transaction changes at most that many");
      }
      if (page.nextAfterId() == null) {
        return out;
      }
      after = page.nextAfterId();
    }
  }

  private FeatureCollection policeType(String name, String locator) {
    FeatureCollection c = catalog.find(name).orElseThrow(() -> WfsException.invalid(locator, "unknown feature type '"
        + name + "'"));
    if (!c.policeOnly() || c.view() != FeatureView.POLICE) {
      throw WfsException.invalid(locator, "reports are created and changed in the police feature type, not in "
          + WfsEndpoint.PREFIX + ":" + c.id() + " (a published view)");
    }
    return c;
  }

  private static Status status(TransactionRequest.PropertyValue p, String locator) {
    String v = value(p, locator);
    try {
      return Status.ofCode(v);
    } catch (IllegalArgumentException e) {
      throw WfsException.invalid(locator, e.getMessage());
    }
  }

  /** xsd:boolean: true, false, 1, 0. */
  private static boolean bool(TransactionRequest.PropertyValue p, String locator) {
    String v = value(p, locator).toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw WfsException.invalid(locator, "descriptionPublic must be true or false, not '" + v + "'");
    };
  }

  private static String value(TransactionRequest.PropertyValue p, String locator) {
    String v = p.value() == null ? "" : p.value().text().strip();
    if (v.isEmpty()) {
      throw new WfsException("MissingParameterValue", locator, "'" + p.name() + "' cannot be emptied; give a value");
    }
    return v;
  }

  /** The WFS error of a refusal, its locator naming the action or feature (the one place maps the code). */
  private static RuntimeException located(RuntimeException e, String locator) {
    WfsException w = ExceptionReport.toWfs(e);
    if (w == null || w.status() >= 500) {
      return w == null ? e : w; // an outage or a full store: no locator, its own status and Retry-After
    }
    return new WfsException(w.code(), locator, w.getMessage());
  }
}
