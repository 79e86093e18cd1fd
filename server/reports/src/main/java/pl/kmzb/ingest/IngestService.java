package pl.kmzb.ingest;

import pl.kmzb.http.ClientAddress;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import pl.kmzb.report.Actor;
import pl.kmzb.report.NewAttachment;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Report;
import pl.kmzb.report.Source;
import pl.kmzb.report.SubmissionRejected;
import pl.kmzb.report.SubmissionRejected.Kind;
import pl.kmzb.report.SubmissionRejected.Problem;
import pl.kmzb.store.RateLimit;
import pl.kmzb.store.RateLimitedException;
import pl.kmzb.store.ReportStore;
import pl.kmzb.store.ReportWrite;

/**
 * Takes in one report. The source plane comes from who is calling, never from the payload: an
 * anonymous caller is a citizen (address kept for abuse control, rate-limited), an authenticated
 * police user enters an officer's report (from a debate or a direct contact).
 */
public final class IngestService {
  private final ReportStore store;
  private final SubmissionValidator validator;
  private final int citizenLimit;
  private final Duration citizenWindow;
  private final SenderGroup senderGroup;

  public IngestService(ReportStore store, SubmissionValidator validator, int citizenLimit, Duration citizenWindow,
      SenderGroup senderGroup) {
    this.store = store;
    this.validator = validator;
    this.citizenLimit = citizenLimit;
    this.citizenWindow = citizenWindow;
    this.senderGroup = senderGroup;
  }

  /**
   * Refuses an anonymous sender whose group has used its reports, before its body is read: a
   * refused sender must not make the server read and buffer a 24 MB upload first. This read takes
   * no lock and may let a sender through that a concurrent report just used up; {@link #submit}
   * decides, inside the insert transaction.
   *
   * @throws pl.kmzb.store.RateLimitedException when the sender's group has used its reports
   */
  public void refuseIfLimited(Optional<Actor> caller, InetAddress client) {
    if (caller.isEmpty()) {
      store.rateLimitedUntil(limitFor(client)).ifPresent(retryAt -> {
        throw new RateLimitedException(retryAt);
      });
    }
  }

  private RateLimit limitFor(InetAddress client) {
    return new RateLimit(senderGroup.keyOf(client), citizenLimit, citizenWindow);
  }

  /**
   * Validates and stores; returns only after the report and its files are committed.
   *
   * @throws SubmissionRejected naming every bad field or file
   * @throws RateLimitedException when an anonymous sender's group has used its reports
   */
  public Report submit(Optional<Actor> caller, InetAddress client, SubmissionReader.Read read) {
    List<Problem> errors = new ArrayList<>();
    List<NewAttachment> attachments = attachments(read.uploads(), errors);
    NewReport report = null;
    try {
      report = validator.validate(read.submission(), caller.isPresent() ? Source.OFFICER : Source.CITIZEN,
          caller.isPresent() ? null : ClientAddress.canonical(client));
    } catch (SubmissionRejected e) {
      errors.addAll(0, e.problems());
    }
    if (!errors.isEmpty()) {
      throw new SubmissionRejected("the report is not valid", errors);
    }
    if (caller.isPresent()) {
      return store.insert(report, caller.get().name(), attachments, null);
    }
    return store.insert(report, "citizen", attachments, limitFor(client));
  }

  /**
   * An officer's report checked by the same rules as {@link #submit} (source officer, no address),
   * not yet stored: a WFS-T Transaction validates every feature first and stores them all in one
   * transaction ({@code ReportStore.writeAll}), as {@link #insertWrite}.
   *
   * @throws SubmissionRejected naming every bad field
   */
  public NewReport officerReport(ReportSubmission submission) {
    return validator.validate(submission, Source.OFFICER, null);
  }

  /** The store write of an officer's validated report: what {@link #submit} stores for a police caller. */
  public static ReportWrite insertWrite(Actor officer, NewReport report) {
    return new ReportWrite.Insert(report, officer.name());
  }

  private static List<NewAttachment> attachments(List<Upload> uploads, List<Problem> errors) {
    if (uploads.size() > AttachmentSniffer.MAX_FILES) {
      errors.add(new Problem("attachments", Kind.ATTACHMENT, AttachmentRejected.tooMany(uploads.size()).getMessage()));
      return List.of();
    }
    List<NewAttachment> out = new ArrayList<>();
    for (int i = 0; i < uploads.size(); i++) {
      Upload u = uploads.get(i);
      String field = "attachments[" + (i + 1) + "]";
      try {
        if (u.content().length > AttachmentSniffer.MAX_BYTES) {
          throw AttachmentRejected.tooLarge(i + 1, u.clientName());
        }
        AttachmentType type = AttachmentSniffer.sniff(u.content(), i + 1, u.clientName());
        out.add(new NewAttachment(FileNames.sanitise(u.clientName(), type), type.mediaType(), u.content()));
      } catch (AttachmentRejected e) {
        errors.add(new Problem(field, Kind.ATTACHMENT, e.getMessage()));
      }
    }
    return out;
  }
}
