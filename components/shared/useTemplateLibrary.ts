import { useSyncExternalStore } from 'react';
import { defaultLibrary, type TemplateLibrary } from '../../lib/sop/templates/library';
import { effectiveLibrary, type ManagedLibrary } from '../../lib/sop/templates/library-policy';
import { managedSnapshotItem, parseManaged, templatesItem } from '../../lib/settings/settings';
import { currentPolicy, subscribePolicy } from './usePolicy';

// The team's template library as the pages see it: read once, then kept current with storage
// (a lead saving in the options page, or a policy arriving, updates an open panel). `ready` is
// false until both reads, so a suggestion is never computed from the defaults by mistake.
// A library set by policy (managed key `templates`) wins over the user's own: the panel
// suggests from it and the options page shows it read-only (lib/sop/templates/library-policy.ts).

interface LibraryState {
  library: TemplateLibrary;
  ready: boolean;
  /** The administrator's library and what was left out of it; null without a policy. */
  managed: ManagedLibrary | null;
}

let local: TemplateLibrary | null = null;
let localLoaded = false;
let state: LibraryState = { library: defaultLibrary(), ready: false, managed: null };
const listeners = new Set<() => void>();

function publish() {
  const { templates: managed, ready } = currentPolicy();
  state = { library: effectiveLibrary(local, managed), ready: localLoaded && ready, managed };
  listeners.forEach((listener) => listener());
}
function setLocal(value: TemplateLibrary | null) {
  local = value;
  localLoaded = true;
  publish();
}
void templatesItem.getValue().then(setLocal);
templatesItem.watch(setLocal);
subscribePolicy(publish);

export function useTemplateLibrary(): LibraryState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

export class LibraryLockedError extends Error {
  override readonly name = 'LibraryLockedError';
}

/** The options page's one write path. Refuses while a policy sets the library, read from
 * storage at the moment of writing (not from what the page showed), and when the page found the
 * user may not edit. A direct write would not get past the policy either: readers prefer it. */
export async function saveLibrary(library: TemplateLibrary, editable: boolean): Promise<void> {
  if (!editable || currentPolicy().templates !== null) {
    throw new LibraryLockedError('The template library is locked');
  }
  // Shown at once (before any await): a controlled checkbox must not flip back while storage
  // answers. Undone if the write is refused.
  const before = local;
  setLocal(library);
  try {
    if (parseManaged(await managedSnapshotItem.getValue()).templates !== undefined) {
      throw new LibraryLockedError('The template library is locked');
    }
    await templatesItem.setValue(library);
  } catch (error) {
    setLocal(before);
    throw error;
  }
}
