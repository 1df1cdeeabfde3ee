/**
 * A small busy spinner, drawn and animated by the stylesheet.
 *
 * Hidden from assistive technology: the text next to it ("Signing in…") says what is happening.
 */
export function Spinner() {
  return <span className="spinner" aria-hidden="true" />;
}
