package pl.kmzb.store;

import pl.kmzb.report.Report;

/** Takes the rows of a feature stream one by one; returning false stops the stream (the cursor closes). */
@FunctionalInterface
public interface FeatureSink {
  boolean accept(Report report) throws java.io.IOException;
}
