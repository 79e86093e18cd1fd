package pl.kmzb.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class FileNamesTest {
  @Test
  void dropsAnyPath() {
    assertEquals("zdjęcie.jpg", FileNames.sanitise("C:\\Users\\jan\\Pulpit\\zdjęcie.JPG", AttachmentType.JPEG));
    assertEquals("passwd.txt", FileNames.sanitise("../../etc/passwd", AttachmentType.TXT));
    assertEquals("b.png", FileNames.sanitise("a/..\\b.png", AttachmentType.PNG));
  }

  @Test
  void theExtensionFollowsTheSniffedType() {
    assertEquals("scan.png", FileNames.sanitise("scan.pdf", AttachmentType.PNG));
    assertEquals("IMG_0001.jpg", FileNames.sanitise("IMG_0001.JPEG", AttachmentType.JPEG));
    assertEquals("film.mov", FileNames.sanitise("film.MOV", AttachmentType.MOV));
    assertEquals("x.exe.jpg", FileNames.sanitise("x.exe", AttachmentType.JPEG));
    assertEquals("raport.final.pdf", FileNames.sanitise("raport.final", AttachmentType.PDF));
    assertEquals("notatka.txt", FileNames.sanitise("notatka", AttachmentType.TXT));
    assertEquals("pismo.docx", FileNames.sanitise("pismo.doc", AttachmentType.DOCX));
    assertEquals("nagranie.3gp", FileNames.sanitise("nagranie.3gpp", AttachmentType.THREE_GP));
    assertEquals("photo.jpg", FileNames.sanitise("photo .jpg", AttachmentType.JPEG));
  }

  @Test
  void fallsBackWhenNothingIsLeft() {
    assertEquals("attachment.jpg", FileNames.sanitise(null, AttachmentType.JPEG));
    assertEquals("attachment.jpg", FileNames.sanitise("", AttachmentType.JPEG));
    assertEquals("attachment.jpg", FileNames.sanitise("   ", AttachmentType.JPEG));
    assertEquals("attachment.pdf", FileNames.sanitise("/tmp/", AttachmentType.PDF));
    assertEquals("attachment.jpg", FileNames.sanitise(".jpg", AttachmentType.JPEG));
    assertEquals("attachment.txt", FileNames.sanitise("..", AttachmentType.TXT));
    assertEquals("attachment.txt", FileNames.sanitise("\u0000\u0007\u202E", AttachmentType.TXT));
  }

  @Test
  void removesControlAndInvisibleCharacters() {
    assertEquals("photogpj.exe.jpg", FileNames.sanitise("photo\u202Egpj.exe", AttachmentType.JPEG));
    assertEquals("ab.txt", FileNames.sanitise("a\nb\r\u0000.txt", AttachmentType.TXT));
    assertEquals("a b.txt", FileNames.sanitise("a\u00A0\u2003 b\u200B.txt", AttachmentType.TXT));
    assertEquals("bashrc.txt", FileNames.sanitise(".bashrc", AttachmentType.TXT));
    assertEquals("x.txt", FileNames.sanitise("\uD800x.txt", AttachmentType.TXT), "a lone surrogate");
  }

  @Test
  void replacesCharactersWindowsForbids() {
    assertEquals("a_b__c_d_e_f_g.txt", FileNames.sanitise("a<b>:c\"d|e?f*g.txt", AttachmentType.TXT));
    assertEquals("_con.txt", FileNames.sanitise("con.txt", AttachmentType.TXT));
    assertEquals("_LPT1.tar.pdf", FileNames.sanitise("LPT1.tar", AttachmentType.PDF));
    assertEquals("console.txt", FileNames.sanitise("console.txt", AttachmentType.TXT));
  }

  @Test
  void limitsTheLengthWithoutSplittingCharacters() {
    String name = FileNames.sanitise("a".repeat(300) + ".pdf", AttachmentType.PDF);
    assertEquals(100, name.length());
    assertTrue(name.endsWith("a.pdf"));
    String emoji = FileNames.sanitise("a" + "\uD83D\uDE93".repeat(60) + ".jpg", AttachmentType.JPEG);
    assertTrue(emoji.length() <= 100);
    assertTrue(emoji.endsWith("\uD83D\uDE93.jpg"), emoji);
    assertEquals(emoji.codePoints().count(), emoji.codePoints().filter(cp -> cp < 0xD800 || cp > 0xDFFF).count());
    assertEquals(100, FileNames.displayName("b".repeat(150)).length());
  }

  @Test
  void normalisesToNfc() {
    String decomposed = Normalizer.normalize("żółw.png", Normalizer.Form.NFD);
    assertEquals("żółw.png", FileNames.sanitise(decomposed, AttachmentType.PNG));
  }

  @Test
  void displayNameKeepsTheClientsExtension() {
    assertEquals("x.exe", FileNames.displayName("C:\\x.exe"));
    assertEquals("", FileNames.displayName(null));
    assertEquals("evil_ name", FileNames.displayName("  evil|\t  name "));
  }
}
