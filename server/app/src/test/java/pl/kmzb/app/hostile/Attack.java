package pl.kmzb.app.hostile;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One hostile request of the corpus and the answer its protocol prescribes.
 *
 * @param name what the request tries, for the test's name
 * @param method the HTTP method
 * @param target the request target as raw bytes (path and query; may hold bytes that are not UTF-8)
 * @param headers extra header lines
 * @param body the body, or null for none
 * @param expect the answer's form and status
 */
record Attack(String name, String method, byte[] target, List<String> headers, byte[] body, Expect expect) {

  static Attack get(String name, String target, Expect expect) {
    return new Attack(name, "GET", target.getBytes(StandardCharsets.ISO_8859_1), List.of(), null, expect);
  }

  static Attack post(String name, String target, List<String> headers, byte[] body, Expect expect) {
    return new Attack(name, "POST", target.getBytes(StandardCharsets.ISO_8859_1), headers, body, expect);
  }

  Attack withHeaders(List<String> more) {
    List<String> all = new java.util.ArrayList<>(headers);
    all.addAll(more);
    return new Attack(name, method, target, all, body, expect);
  }

  Attack withBody(byte[] raw) {
    return new Attack(name, method, target, headers, raw, expect);
  }

  byte[] bytes() {
    return RawHttp.request(method, target, headers, body);
  }

  @Override
  public String toString() {
    return name;
  }

  /** The form of an error answer. */
  enum Form {
    /** WMS: a ServiceExceptionReport; WFS and WMTS: an ows:ExceptionReport. */
    OGC_EXCEPTION,
    /** The JSON APIs: RFC 7807 application/problem+json whose status is the HTTP status. */
    PROBLEM,
    /** HTTP itself refuses (Jetty, before any route): the status alone. */
    HTTP_STATUS,
    /** A request that is costly but legitimate: answered (200) within the deadline. */
    ANSWERED
  }

  /**
   * @param form the error's form
   * @param status the HTTP status the protocol gives
   * @param code for OGC exceptions the exceptionCode (null: any); for problems a word the detail names
   */
  record Expect(Form form, int status, String code) {
    static Expect ogc(int status, String code) {
      return new Expect(Form.OGC_EXCEPTION, status, code);
    }

    static Expect problem(int status) {
      return new Expect(Form.PROBLEM, status, null);
    }

    static Expect problem(int status, String detailWord) {
      return new Expect(Form.PROBLEM, status, detailWord);
    }

    static Expect answered() {
      return new Expect(Form.ANSWERED, 200, null);
    }

    static Expect http(int status) {
      return new Expect(Form.HTTP_STATUS, status, null);
    }
  }
}
