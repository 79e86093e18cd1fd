package pl.kmzb.render;

/**
 * A layer the caller may not see was asked for (the police layer without a police actor). The
 * protocol layer checks access first; the renderer refuses again so no path draws exact positions
 * for the public.
 */
public final class AccessRefusedException extends RuntimeException {
  public AccessRefusedException(String message) {
    super(message);
  }
}
