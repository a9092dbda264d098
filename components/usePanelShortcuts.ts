import { useEffect, useRef } from 'react';
import type { Translate } from '../lib/i18n-core';

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

/** Listens while mounted; an action mapped to null (Approve with no suggestion) is ignored. */
export function usePanelShortcuts(
  enabled: boolean,
  actions: Readonly<Record<PanelAction, (() => void) | null>>,
): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.repeat) return;
      const action = (Object.keys(PANEL_SHORTCUTS) as PanelAction[]).find(
        (a) => PANEL_SHORTCUTS[a].code === event.code,
      );
      if (!action) return;
      if (isMac() && typesText(event.target)) return;
      const run = latest.current[action];
      if (!run) return;
      event.preventDefault();
      run();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}
