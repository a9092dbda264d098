import { useEffect, useLayoutEffect, useRef } from 'react';
import type { Translate } from '../../lib/i18n/core';

// The panel's keyboard shortcuts for the three actions (docs/ACCESSIBILITY.md). Each only opens
// the same confirmation dialog as its button: nothing is sent without a second, explicit step.
// Alt+letter because Chrome and the usual screen readers leave those to pages (NVDA and JAWS
// use Insert/Caps Lock, VoiceOver Ctrl+Option; Chrome's Alt+Shift+E opens this panel). The
// physical key (`code`) is matched, so a French AZERTY or a Mac Option layer does not change
// which key it is; on a Mac, Option+letter types characters (é is Option+E, then E), so there
// the shortcuts stay out of text fields.

export type PanelAction = 'approve' | 'escalate' | 'resolve';

export const PANEL_SHORTCUTS: Readonly<Record<PanelAction, { code: string; keys: string }>> = {
  approve: { code: 'KeyA', keys: 'Alt+A' },
  escalate: { code: 'KeyE', keys: 'Alt+E' },
  resolve: { code: 'KeyR', keys: 'Alt+R' },
};

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform);

function typesText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement && !['radio', 'checkbox', 'button'].includes(target.type))
  );
}

/** The props that show a button's shortcut: the tooltip and, for screen readers, aria-keyshortcuts. */
export function shortcutProps(action: PanelAction, t: Translate) {
  const { keys } = PANEL_SHORTCUTS[action];
  return { title: t('shortcut_title', { keys }), 'aria-keyshortcuts': keys };
}

/** Listens while mounted. No shortcut acts while a dialog is open (it holds the focus), nor one
 * mapped to null (Approve with no suggestion). */
export function usePanelShortcuts(
  actions: Readonly<Record<PanelAction, (() => void) | null>>,
): void {
  // Read when a key is pressed, and brought up to date before the browser paints.
  const latest = useRef(actions);
  useLayoutEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.repeat) return;
      const action = (Object.keys(PANEL_SHORTCUTS) as PanelAction[]).find(
        (a) => PANEL_SHORTCUTS[a].code === event.code,
      );
      if (!action) return;
      // The page as it is now, not as last rendered: Escape closes a <dialog> at once, and the
      // state that follows its `close` event may not have rendered when the next key comes.
      if (document.querySelector('dialog[open]')) return;
      if (isMac() && typesText(event.target)) return;
      const run = latest.current[action];
      if (!run) return;
      event.preventDefault();
      run();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
