package pl.kmzb.store;

import java.time.Instant;

/**
 * One entry of the durable change log. Sequence numbers increase in commit order (gaps are
 * possible), so a listener resumes from the last {@code seq} it processed.
 *
 * @param reportId null only for {@link ChangeKind#RESET}
 */
public record Change(long seq, Long reportId, ChangeKind kind, Instant at) {}
