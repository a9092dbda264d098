import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import type { WireConversation, WireMessage } from '../../../lib/chatwoot/schemas';
import {
  suggestFromLibrary,
  type LibrarySuggestion,
  type TemplateLibrary,
} from '../../../lib/sop/templates/library';
import type { Cues } from '../../../lib/sop/suggest/suggest';
import { useTemplateLibrary } from '../../shared/useTemplateLibrary';
import { cuesQuery } from './cues';

// The suggestion of a conversation's data, remembered per thread (the messages array of the
// cached data: a new message or an edit makes a new array). Reading the cue words over the
// customer's messages is the costliest part of showing a conversation (bench hops, issue 21):
// a revisit reuses it, and a conversation fetched ahead has it computed while the panel idles.

interface Remembered {
  labels: readonly string[] | null | undefined;
  library: TemplateLibrary;
  cues: Cues;
  suggestion: LibrarySuggestion | null;
}

const remembered = new WeakMap<readonly WireMessage[], Remembered>();

export function suggestionFor(
  data: { messages: readonly WireMessage[]; conversation: Pick<WireConversation, 'labels'> },
  library: TemplateLibrary,
  cues: Cues,
): LibrarySuggestion | null {
  const labels = data.conversation.labels;
  const r = remembered.get(data.messages);
  if (r && r.library === library && r.cues === cues && sameLabels(r.labels, labels)) {
    return r.suggestion;
  }
  const suggestion = suggestFromLibrary({ messages: data.messages, labels }, library, cues);
  remembered.set(data.messages, { labels, library, cues, suggestion });
  return suggestion;
}

function sameLabels(
  a: readonly string[] | null | undefined,
  b: readonly string[] | null | undefined,
) {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((x, i) => x === b[i]);
}

type ThreadData = Parameters<typeof suggestionFor>[0];

/** A stable callback that computes a conversation's suggestion when the panel is idle (for the
 * conversations fetched ahead: components/panel/common/prefetch.ts). */
export function useSuggestionWarmer(): (data: ThreadData) => void {
  const templates = useTemplateLibrary();
  const cues = useQuery(cuesQuery());
  const current = useRef({ templates, cues: cues.data });
  useEffect(() => {
    current.current = { templates, cues: cues.data };
  });
  return useCallback((data: ThreadData) => {
    requestIdleCallback(() => {
      const { templates, cues } = current.current;
      if (templates.ready && cues) suggestionFor(data, templates.library, cues);
    });
  }, []);
}
