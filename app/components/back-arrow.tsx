/**
 * The "back" arrow before a link's text. Unicode arrows are not mirrored by the bidi algorithm, so the
 * class turns it around in right-to-left pages (app.css); screen readers skip it, the link text says it all.
 */
export function BackArrow() {
  return (
    <span aria-hidden="true" className="icon-directional">
      ←
    </span>
  );
}
