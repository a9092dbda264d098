import markUrl from '../../assets/icon/mark.svg?url';

/** The page's title beside the extension's mark (assets/icon/mark.svg, the toolbar icon's source). */
export function BrandHeader({ title, id }: { title: string; id?: string }) {
  return (
    <header className="brand">
      <img className="brand-mark" src={markUrl} alt="" width={28} height={28} />
      <h1 id={id}>{title}</h1>
    </header>
  );
}
