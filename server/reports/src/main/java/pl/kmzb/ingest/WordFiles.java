package pl.kmzb.ingest;

import static java.nio.charset.StandardCharsets.UTF_16LE;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Tells Word documents from other files in the same container formats, and finds the active
 * content (macros, ActiveX controls) Word documents may carry, for {@link AttachmentSniffer}.
 * Both checks read only structure, never run or render anything, and are bounded in work for any
 * input: a broken or hostile file makes them answer "not this type", never throw.
 */
final class WordFiles {
  /** Total declared uncompressed size a DOCX may have (guards officers' Word against ZIP bombs). */
  static final long DOCX_INFLATE_BUDGET = 64L << 20;
  /** The content type of a DOCX's main part (a .docm or .dotx declares another). */
  static final String DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
  /** OLE2 storages and streams that hold a VBA macro project (Word: Macros/VBA/_VBA_PROJECT). */
  private static final Set<String> OLE_MACRO_NAMES = Set.of("MACROS", "_VBA_PROJECT", "_VBA_PROJECT_CUR");
  private static final int MAX_ZIP_ENTRIES = 10_000;
  private static final int MAX_CONTENT_TYPES_BYTES = 1 << 20;
  private static final int NO_STREAM = -1;
  private static final int END_OF_CHAIN = -2;

  private WordFiles() {}

  /**
   * A Word 97–2003 (or Word 6/95) document: an OLE2 compound file (MS-CFB) whose root storage holds
   * a stream named {@code WordDocument}. Follows the directory's sector chain through the FAT and
   * walks the root's children (a red-black tree of siblings), with every index bounds-checked and
   * every chain and tree guarded against loops. Every directory entry, wherever it hangs in the
   * tree (an embedded object's storage under {@code ObjectPool} too) and even if unreachable, is
   * checked for a macro project's names ({@code Macros}, {@code _VBA_PROJECT}), compared without
   * case as MS-CFB compares names.
   */
  static Verdict doc(byte[] b) {
    if (b.length < 512 || !AttachmentSniffer.startsWith(b, AttachmentSniffer.OLE2)) {
      return Verdict.NOT_THIS_TYPE;
    }
    try {
      ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
      int shift = buf.getShort(0x1E);
      if (buf.getShort(0x1C) != (short) 0xFFFE || (shift != 9 && shift != 12)) {
        return Verdict.NOT_THIS_TYPE;
      }
      List<ByteBuffer> directory = directory(buf, shift);
      if (directory.isEmpty() || directory.get(0).get(0x42) != 5 || !rootHasWordDocumentStream(directory)) {
        return Verdict.NOT_THIS_TYPE; // entry 0 must be the root storage
      }
      for (ByteBuffer entry : directory) {
        String name = entryName(entry);
        if ((entry.get(0x42) == 1 || entry.get(0x42) == 2) && OLE_MACRO_NAMES.contains(name.toUpperCase(Locale.ROOT))) {
          return Verdict.active(AttachmentType.DOC, "a macro project (" + name + ")");
        }
      }
      return Verdict.of(AttachmentType.DOC);
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      return Verdict.NOT_THIS_TYPE;
    }
  }

  /** The directory's 128-byte entries, following its sector chain (at most one visit per sector). */
  private static List<ByteBuffer> directory(ByteBuffer buf, int shift) {
    int sectorSize = 1 << shift;
    List<Integer> fat = fatSectors(buf, shift);
    List<ByteBuffer> directory = new ArrayList<>();
    int sectorsLeft = buf.capacity() / sectorSize;
    for (int s = buf.getInt(0x30); s != END_OF_CHAIN; s = next(buf, fat, shift, s)) {
      if (--sectorsLeft < 0) {
        throw new IllegalArgumentException("a loop in the directory chain");
      }
      for (int e = 0; e < sectorSize / 128; e++) {
        directory.add(buf.slice(sectorOffset(s, shift, buf.capacity()) + e * 128, 128).order(ByteOrder.LITTLE_ENDIAN));
      }
    }
    return directory;
  }

  /** Locations of the FAT's sectors: from the header's 109 DIFAT slots, then the DIFAT chain. */
  private static List<Integer> fatSectors(ByteBuffer buf, int shift) {
    int count = buf.getInt(0x2C);
    int perSector = (1 << shift) / 4;
    if (count < 0 || count > buf.capacity() >> shift) {
      throw new IllegalArgumentException("bad FAT size"); // more FAT sectors than the file has sectors
    }
    List<Integer> fat = new ArrayList<>(count);
    for (int i = 0; i < Math.min(count, 109); i++) {
      fat.add(buf.getInt(0x4C + i * 4));
    }
    int difat = buf.getInt(0x44);
    for (int hops = 0; fat.size() < count; hops++) {
      if (hops > count) {
        throw new IllegalArgumentException("loop in DIFAT");
      }
      int offset = sectorOffset(difat, shift, buf.capacity());
      for (int i = 0; i < perSector - 1 && fat.size() < count; i++) {
        fat.add(buf.getInt(offset + i * 4));
      }
      difat = buf.getInt(offset + (perSector - 1) * 4);
    }
    return fat;
  }

  private static int next(ByteBuffer buf, List<Integer> fat, int shift, int sector) {
    int perSector = (1 << shift) / 4;
    if (sector < 0 || sector / perSector >= fat.size()) {
      throw new IllegalArgumentException("sector outside the FAT");
    }
    int offset = sectorOffset(fat.get(sector / perSector), shift, buf.capacity());
    return buf.getInt(offset + (sector % perSector) * 4);
  }

  private static int sectorOffset(int sector, int shift, int length) {
    long offset = ((long) sector + 1) << shift;
    if (sector < 0 || offset >= length) {
      throw new IllegalArgumentException("sector outside the file");
    }
    return (int) offset;
  }

  private static boolean rootHasWordDocumentStream(List<ByteBuffer> directory) {
    BitSet seen = new BitSet();
    Deque<Integer> pending = new ArrayDeque<>();
    pending.push(directory.get(0).getInt(0x4C)); // the root's child: the top of its sibling tree
    while (!pending.isEmpty()) {
      int id = pending.pop();
      if (id == NO_STREAM) {
        continue;
      } else if (id < 0 || id >= directory.size() || seen.get(id)) {
        return false;
      }
      seen.set(id);
      ByteBuffer entry = directory.get(id);
      if (entry.get(0x42) == 2 && entryName(entry).equals("WordDocument")) {
        return true;
      }
      pending.push(entry.getInt(0x44)); // left sibling
      pending.push(entry.getInt(0x48)); // right sibling
    }
    return false;
  }

  /** An entry's name: UTF-16LE, its length in bytes (with the terminating NUL) at 0x40, at most 64. */
  private static String entryName(ByteBuffer entry) {
    int nameBytes = entry.getShort(0x40);
    if (nameBytes < 2 || nameBytes > 64 || nameBytes % 2 != 0) {
      return "";
    }
    byte[] out = new byte[nameBytes - 2];
    entry.get(0, out);
    return new String(out, UTF_16LE);
  }

  /**
   * An Office Open XML word-processing document, read through its central directory as Word reads
   * it ({@link ZipDirectory}): it holds {@code word/document.xml}, and its {@code [Content_Types].xml}
   * has the Override for {@code /word/document.xml} with the content type of a Word document's main
   * part, {@value #DOCX_MAIN}. That content type is what tells a DOCX from a macro-enabled
   * {@code .docm} or a {@code .dotx} template. Active content is refused in any form: a macro
   * project part ({@code vbaProject.bin}, {@code vbaData.xml}), a macro-enabled or VBA content type,
   * ActiveX controls. Only {@code [Content_Types].xml} is inflated (at most 1 MiB); a package whose
   * entries declare more than {@link #DOCX_INFLATE_BUDGET} bytes in all is refused as a ZIP bomb.
   */
  static Verdict docx(byte[] b) {
    try {
      List<ZipDirectory.Entry> entries = ZipDirectory.read(b, MAX_ZIP_ENTRIES);
      Map<String, ZipDirectory.Entry> byName = new HashMap<>();
      long declared = 0;
      for (ZipDirectory.Entry e : entries) {
        byName.put(e.name().toLowerCase(Locale.ROOT), e);
        declared += e.size();
        Optional<String> active = activePart(e.name());
        if (active.isPresent()) {
          return Verdict.active(AttachmentType.DOCX, active.get());
        }
      }
      ZipDirectory.Entry contentTypes = byName.get("[content_types].xml");
      if (contentTypes == null || !byName.containsKey("word/document.xml") || declared > DOCX_INFLATE_BUDGET) {
        return Verdict.NOT_THIS_TYPE;
      }
      return contentTypes(ZipDirectory.content(b, contentTypes, MAX_CONTENT_TYPES_BYTES));
    } catch (RuntimeException e) {
      return Verdict.NOT_THIS_TYPE; // a broken directory, a malformed name, bad deflate data, ...
    }
  }

  /** What active content a part of this name holds, judged by the names Office gives such parts. */
  private static Optional<String> activePart(String name) {
    String file = name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (file.startsWith("vbaproject") || file.startsWith("vbadata")) {
      return Optional.of("a macro project (" + name + ")");
    } else if (name.toLowerCase(Locale.ROOT).contains("activex")) {
      return Optional.of("ActiveX controls (" + name + ")");
    }
    return Optional.empty();
  }

  /** Judges the package by its content types: the main-part Override, and no active content type. */
  private static Verdict contentTypes(byte[] xml) {
    String main = null;
    try {
      XMLStreamReader r = xmlFactory().createXMLStreamReader(new ByteArrayInputStream(xml));
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.DTD) {
          return Verdict.NOT_THIS_TYPE; // OPC forbids DTDs in a package's XML
        } else if (event != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        String type = r.getAttributeValue(null, "ContentType");
        String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (lower.contains("macroenabled") || lower.contains("vbaproject") || lower.contains("vbadata")) {
          return Verdict.active(AttachmentType.DOCX, "macros (content type " + type + ")");
        } else if (lower.contains("activex")) {
          return Verdict.active(AttachmentType.DOCX, "ActiveX controls (content type " + type + ")");
        } else if (r.getLocalName().equals("Override")
            && "/word/document.xml".equalsIgnoreCase(r.getAttributeValue(null, "PartName"))) {
          main = type;
        }
      }
    } catch (XMLStreamException e) {
      return Verdict.NOT_THIS_TYPE;
    }
    return DOCX_MAIN.equals(main) ? Verdict.of(AttachmentType.DOCX) : Verdict.NOT_THIS_TYPE;
  }

  /** No DTDs, no external entities: the content types are data, never a way to read files or loop. */
  private static XMLInputFactory xmlFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return f;
  }
}
