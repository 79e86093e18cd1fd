package pl.kmzb.store;

import java.nio.file.Files;

class EmbeddedStatementTimeoutTest extends StatementTimeoutContract {
  @Override
  JdbcReportStore openStore() throws Exception {
    return EmbeddedReportStore.open(Files.createTempDirectory("kmzb-timeout").resolve("kmzb.db"));
  }

  @Override
  String secondLongQuery() {
    return "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 1000000) SELECT count(*) FROM r";
  }
}
