/**
 * The Tessera wordmark: a small mosaic tile and the name.
 *
 * Inline SVG with colours from the stylesheet, so it needs no image file, font or inline style
 * and follows dark mode.
 */
export function Wordmark() {
  return (
    <div className="wordmark">
      <svg className="wordmark-logo" viewBox="0 0 32 32" width="24" height="24" aria-hidden="true" focusable="false">
        <rect className="tile tile-a" x="2" y="2" width="13" height="13" rx="3.5" />
        <rect className="tile tile-b" x="17" y="2" width="13" height="13" rx="3.5" />
        <rect className="tile tile-c" x="2" y="17" width="13" height="13" rx="3.5" />
        <rect className="tile tile-d" x="17" y="17" width="13" height="13" rx="3.5" />
      </svg>
      <span className="wordmark-name">Tessera</span>
    </div>
  );
}
