import { queryOptions } from '@tanstack/react-query';
import type { CueData } from '../../../lib/sop/suggest/cues';
import { compileCues } from '../../../lib/sop/suggest/suggest';

// SOP-CX-002's cue words are data, not code (docs/ARCHITECTURE.md, "Where each rule lives"): the
// build writes lib/sop/suggest/cues.ts to /sop/cues.json, and the panel reads and compiles it once.
export const cuesQuery = () =>
  queryOptions({
    queryKey: ['sop-cues'],
    queryFn: async () => {
      const res = await fetch('/sop/cues.json');
      if (!res.ok) throw new Error(`/sop/cues.json: HTTP ${res.status}`);
      return compileCues((await res.json()) as CueData);
    },
    staleTime: Infinity,
    gcTime: Infinity,
  });
