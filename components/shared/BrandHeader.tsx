/** The page's title beside the extension's mark: the toolbar icon's own PNG (scripts/icons.ts),
 * drawn by CSS (base.css) — no <img>: the pages hold no element that loads anything itself. */
export function BrandHeader({ title }: { title: string }) {
  return (
    <header className="brand">
      <span className="brand-mark" aria-hidden="true" />
      <h1>{title}</h1>
    </header>
  );
}
