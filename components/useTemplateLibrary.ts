import { useSyncExternalStore } from 'react';
import { defaultLibrary, normaliseLibrary, type TemplateLibrary } from '../lib/sop/library';
import { templatesItem } from '../lib/settings';

// The team's template library as the pages see it: read once, then kept current with storage
// (a lead saving in the options page updates an open panel). `ready` is false until the first
// read, so a suggestion is never computed from the defaults by mistake.

interface LibraryState {
  library: TemplateLibrary;
  ready: boolean;
}

let state: LibraryState = { library: defaultLibrary(), ready: false };
const listeners = new Set<() => void>();

function update(value: TemplateLibrary | null) {
  state = { library: normaliseLibrary(value), ready: true };
  listeners.forEach((listener) => listener());
}
void templatesItem.getValue().then(update);
templatesItem.watch(update);

export function useTemplateLibrary(): LibraryState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

/** The options page is the only writer. */
export function saveLibrary(library: TemplateLibrary): Promise<void> {
  return templatesItem.setValue(library);
}
