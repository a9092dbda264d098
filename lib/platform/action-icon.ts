import { browser } from 'wxt/browser';

// The toolbar icon's states (drawn by scripts/icons.ts from assets/icon/mark.svg):
// `off` not connected, `on` connected, `live` this tab is the connected Chatwoot (or, before
// setup, a Chatwoot dashboard the panel can connect to). The badge text is another module's.

export type ToolbarState = 'off' | 'on' | 'live';

const SIZES = [16, 32] as const;
const pathOf = (state: ToolbarState, size: number) => `/icon/${state}-${size}.png`;

// Given a path, Chrome fetches and decodes the PNGs in the worker at every call, holding up
// whatever the worker does next (a conversation/get: ~20 ms per switch, docs/ARCHITECTURE.md
// "Switching"). Each state's pixels are decoded once per worker life instead.
const decoded = new Map<ToolbarState, Promise<Record<number, ImageData> | null>>();

function pixelsOf(state: ToolbarState): Promise<Record<number, ImageData> | null> {
  let pixels = decoded.get(state);
  if (!pixels) {
    pixels = decode(state).catch(() => null); // no OffscreenCanvas: Chrome loads the path
    decoded.set(state, pixels);
  }
  return pixels;
}

async function decode(state: ToolbarState): Promise<Record<number, ImageData>> {
  const out: Record<number, ImageData> = {};
  for (const size of SIZES) {
    const blob = await (await fetch(browser.runtime.getURL(pathOf(state, size) as '/'))).blob();
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(size, size);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.drawImage(bitmap, 0, 0, size, size);
    out[size] = context.getImageData(0, 0, size, size);
  }
  return out;
}

const wanted = new Map<number | undefined, ToolbarState>(); // per tab, the state asked for last

/** One tab's icon, or every tab's default when `tabId` is left out. */
export async function setToolbarIcon(state: ToolbarState, tabId?: number): Promise<void> {
  wanted.set(tabId, state);
  const imageData = await pixelsOf(state);
  // Another state asked for meanwhile, whose pixels were ready sooner, stays.
  if (wanted.get(tabId) !== state) return;
  wanted.delete(tabId);
  const icon = imageData
    ? { imageData }
    : { path: Object.fromEntries(SIZES.map((s) => [s, pathOf(state, s)])) };
  // A tab closed meanwhile has nothing to show it on.
  await browser.action.setIcon({ tabId, ...icon }).catch(() => {});
}
