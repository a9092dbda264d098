import { browser } from 'wxt/browser';

// The toolbar badge (issue 17): the number of P1 conversations, "!" when a follow-up flag is up.

export interface Urgency {
  p1: number;
  flagged: number;
}

export function badgeText({ p1, flagged }: Urgency): string {
  const count = p1 > 99 ? '99+' : p1 > 0 ? String(p1) : '';
  return flagged > 0 ? `${count}!` : count;
}

export async function showUrgency(urgency: Urgency): Promise<void> {
  const action =
    browser.action ??
    (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
  if (!action) return;
  await action.setBadgeText({ text: badgeText(urgency) });
  // Red for P1 (immediate), amber when only a follow-up is due.
  await action.setBadgeBackgroundColor({ color: urgency.p1 > 0 ? '#B3261E' : '#8A5A00' });
}
