package pl.kmzb.wfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import pl.kmzb.fes.FesException;

/** The Transaction document read into actions, and every malformed one refused with its code and locator. */
class TransactionReaderTest {
  static final String OPEN = "<wfs:Transaction xmlns:wfs=\"http://www.opengis.net/wfs/2.0\""
      + " xmlns:fes=\"http://www.opengis.net/fes/2.0\" xmlns:kmzb=\"" + WfsEndpoint.NAMESPACE + "\"";

  static TransactionRequest read(String xml) {
    return TransactionReader.read(xml.getBytes(StandardCharsets.UTF_8));
  }

  static WfsException refused(String xml) {
    return assertThrows(WfsException.class, () -> read(xml));
  }

  @Test
  void readsInsertsAndUpdatesInOrderWithHandlesOrPositions() {
    TransactionRequest t = read(OPEN + " version=\"2.0.0\" handle=\"t\"><wfs:Insert srsName=\"EPSG:2180\">"
        + "<kmzb:police.reports/><kmzb:police.reports/></wfs:Insert><wfs:Update typeName=\"kmzb:police.reports\""
        + " handle=\"u\"><wfs:Property><wfs:ValueReference>kmzb:police.reports/kmzb:status</wfs:ValueReference>"
        + "<wfs:Value>verification</wfs:Value></wfs:Property><fes:Filter><fes:ResourceId rid=\"police.reports.7\"/>"
        + "</fes:Filter></wfs:Update><wfs:Insert handle=\"drugi\"><kmzb:police.reports/></wfs:Insert>"
        + "</wfs:Transaction>");
    assertEquals("2.0.0", t.version());
    assertEquals("t", t.handle());
    assertEquals(3, t.actions().size());
    TransactionRequest.Insert first = assertInstanceOf(TransactionRequest.Insert.class, t.actions().get(0));
    assertNull(first.handle());
    assertEquals("Insert[1]", first.locator());
    assertEquals("EPSG:2180", first.srsName());
    assertEquals(2, first.features().size());
    TransactionRequest.Update update = assertInstanceOf(TransactionRequest.Update.class, t.actions().get(1));
    assertEquals("u", update.locator());
    assertEquals("police.reports", update.typeName());
    assertEquals("status", update.properties().get(0).name());
    assertEquals("verification", update.properties().get(0).value().text());
    assertEquals("Filter", update.filter().name());
    assertEquals("drugi", t.actions().get(2).locator());
  }

  @Test
  void malformedTransactionsAreRefusedWithTheirCodes() {
    assertEquals("MissingParameterValue", refused(OPEN + "><wfs:Insert><kmzb:x/></wfs:Insert></wfs:Transaction>")
        .code());
    assertEquals("version", refused(OPEN + " version=\"1.1.0\"><wfs:Insert><kmzb:x/></wfs:Insert>"
        + "</wfs:Transaction>").locator());
    assertEquals("MissingParameterValue", refused(OPEN + " version=\"2.0.0\"></wfs:Transaction>").code());
    assertEquals("lockId", refused(OPEN + " version=\"2.0.0\" lockId=\"1\"><wfs:Insert><kmzb:x/></wfs:Insert>"
        + "</wfs:Transaction>").locator());
    WfsException noFilter = refused(OPEN + " version=\"2.0.0\"><wfs:Update typeName=\"kmzb:police.reports\">"
        + "<wfs:Property><wfs:ValueReference>status</wfs:ValueReference><wfs:Value>new</wfs:Value></wfs:Property>"
        + "</wfs:Update></wfs:Transaction>");
    assertEquals("MissingParameterValue", noFilter.code());
    assertEquals("Update[1]", noFilter.locator());
    WfsException remove = refused(OPEN + " version=\"2.0.0\"><wfs:Update typeName=\"kmzb:police.reports\">"
        + "<wfs:Property><wfs:ValueReference action=\"remove\">status</wfs:ValueReference></wfs:Property>"
        + "<fes:Filter><fes:ResourceId rid=\"1\"/></fes:Filter></wfs:Update></wfs:Transaction>");
    assertEquals("InvalidParameterValue", remove.code());
    WfsException replace = refused(OPEN + " version=\"2.0.0\"><wfs:Replace handle=\"r\"><kmzb:police.reports/>"
        + "<fes:Filter><fes:ResourceId rid=\"1\"/></fes:Filter></wfs:Replace></wfs:Transaction>");
    assertEquals("OperationNotSupported", replace.code());
    assertEquals("r", replace.locator());
    assertEquals(501, replace.status());
    assertEquals("OperationNotSupported", refused("<Transaction version=\"2.0.0\"/>").code());
    assertEquals("inputFormat", refused(OPEN + " version=\"2.0.0\"><wfs:Insert inputFormat=\"application/json\">"
        + "<kmzb:police.reports/></wfs:Insert></wfs:Transaction>").locator());
  }

  @Test
  void hostileDocumentsFailInTheBoundedReader() {
    FesException dtd = assertThrows(FesException.class, () -> read("<!DOCTYPE t [<!ENTITY x \"y\">]>" + OPEN
        + " version=\"2.0.0\"/>"));
    assertEquals("transaction", dtd.locator());
    assertTrue(dtd.getMessage().contains("DTD"), dtd.getMessage());
    FesException deep = assertThrows(FesException.class, () -> read(OPEN + " version=\"2.0.0\">"
        + "<a>".repeat(100) + "</a>".repeat(100) + "</wfs:Transaction>"));
    assertTrue(deep.getMessage().contains("nested deeper"), deep.getMessage());
  }

  @Test
  void onlyTheFirstElementDecidesWhetherABodyIsATransaction() {
    assertTrue(TransactionReader.isTransaction((OPEN + " version=\"2.0.0\"/>").getBytes(StandardCharsets.UTF_8)));
    assertTrue(TransactionReader.isTransaction("<?xml version=\"1.0\"?><!-- c --><Transaction/>"
        .getBytes(StandardCharsets.UTF_8)));
    assertFalse(TransactionReader.isTransaction("<wfs:GetFeature xmlns:wfs=\"http://www.opengis.net/wfs/2.0\"/>"
        .getBytes(StandardCharsets.UTF_8)));
    assertFalse(TransactionReader.isTransaction("not xml".getBytes(StandardCharsets.UTF_8)));
  }
}
