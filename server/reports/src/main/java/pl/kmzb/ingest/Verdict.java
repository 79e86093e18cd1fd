package pl.kmzb.ingest;

/**
 * What a closer look at a file in one of the container formats (OLE2, ZIP, PDF) found: the type it
 * is, or that it is not of that type, or that it is of that type but carries active content
 * (macros, scripts, launch actions, embedded files), which is never passed on to officers.
 *
 * @param type the type, or null when the file is not of the type looked for
 * @param activeContent what active content was found, e.g. "a macro project (Macros)"; null when none
 */
record Verdict(AttachmentType type, String activeContent) {
  static final Verdict NOT_THIS_TYPE = new Verdict(null, null);

  static Verdict of(AttachmentType type) {
    return new Verdict(type, null);
  }

  static Verdict active(AttachmentType type, String what) {
    return new Verdict(type, what);
  }

  /** The type if the file may be attached as it is, else null. */
  AttachmentType acceptedType() {
    return activeContent == null ? type : null;
  }
}
