package pl.kmzb.store;

/**
 * Told about every change this process commits, after the commit, on the writing thread: keep it
 * quick. Changes made by other processes or directly in SQL arrive through the change log instead.
 */
public interface ReportListener {
  void changed(ReportEvent event);

  /**
   * Many reports arrived in one transaction; their change-log entries lie in (fromSeq, toSeq]. The
   * range may hold other transactions' entries too: PostGIS numbers a transaction's entries at its
   * commit, so the store reads toSeq after the commit, when a concurrent writer may have committed.
   */
  void batchInserted(long fromSeq, long toSeq, int count);
}
