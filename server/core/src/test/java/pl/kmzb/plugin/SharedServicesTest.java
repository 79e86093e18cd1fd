package pl.kmzb.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SharedServicesTest {
  @Test
  void aRegisteredServiceIsFoundByItsType() {
    SharedServices shared = new SharedServices();
    StringBuilder service = new StringBuilder("index");
    shared.register(CharSequence.class, service);
    assertSame(service, shared.require(CharSequence.class));
  }

  @Test
  void aMissingServiceNamesItsTypeAndASecondRegistrationIsRefused() {
    SharedServices shared = new SharedServices();
    IllegalStateException missing = assertThrows(IllegalStateException.class, () -> shared.require(Runnable.class));
    assertEquals(true, missing.getMessage().contains("java.lang.Runnable"));
    shared.register(Runnable.class, () -> {});
    assertThrows(IllegalStateException.class, () -> shared.register(Runnable.class, () -> {}));
  }
}
