package pl.kmzb.store;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKillNineTest extends KillNineContract {
  @TempDir
  Path dir;

  @Override
  List<String> writerArgs() {
    return List.of("embedded", dir.resolve("kmzb.sqlite").toString());
  }

  @Override
  ReportStore reopen() {
    return EmbeddedReportStore.open(dir.resolve("kmzb.sqlite"));
  }
}
