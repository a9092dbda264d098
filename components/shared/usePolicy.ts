import { useSyncExternalStore } from 'react';
import {
  managedSnapshotItem,
  parseManagedReport,
  type ManagedProblem,
  type ManagedSettings,
} from '../../lib/settings/settings';
import { parseManagedLibrary, type ManagedLibrary } from '../../lib/sop/templates/library-policy';

// The administrator's policy as the pages see it, in one place: the background's copy of
// chrome.storage.managed (`managedSnapshotItem`, lib/settings/settings.ts), read once per page
// and kept current. The settings in effect (hooks.ts), the template library
// (useTemplateLibrary.ts) and the options page's notices all read it from here.

interface Policy {
  /** What the administrator set that the extension can use; {} without a policy. */
  settings: ManagedSettings;
  /** Values it could not use: the options page names them. */
  invalid: ManagedProblem[];
  /** A locked template library and what was left out of it; null when the policy sets none. */
  templates: ManagedLibrary | null;
  /** False until the copy has been read once. */
  ready: boolean;
}

let policy: Policy = { settings: {}, invalid: [], templates: null, ready: false };
const listeners = new Set<() => void>();

function update(raw: unknown) {
  const { settings, invalid } = parseManagedReport(raw);
  const templates =
    settings.templates === undefined ? null : parseManagedLibrary(settings.templates);
  policy = { settings, invalid, templates, ready: true };
  listeners.forEach((listener) => listener());
}
void managedSnapshotItem.getValue().then(update);
managedSnapshotItem.watch(update);

/** For the other page-side stores: called at every change of the policy. */
export function subscribePolicy(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentPolicy(): Policy {
  return policy;
}

export function usePolicy(): Policy {
  return useSyncExternalStore(subscribePolicy, currentPolicy);
}
