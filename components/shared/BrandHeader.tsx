/** The page's title beside the extension's mark: the toolbar icon's own PNG (scripts/icons.ts),
 * a file of the package rather than an import (Vite would inline it into every page's JS). */
export function BrandHeader({ title, id }: { title: string; id?: string }) {
  return (
    <header className="brand">
      <img className="brand-mark" src="/icon/on-64.png" alt="" width={28} height={28} />
      <h1 id={id}>{title}</h1>
    </header>
  );
}
