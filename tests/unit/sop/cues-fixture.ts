import { CUE_DATA } from '../../../lib/sop/suggest/cues';
import {
  suggestFromLibrary as fromLibrary,
  type TemplateLibrary,
} from '../../../lib/sop/templates/library';
import {
  compileCues,
  suggestReply as reply,
  type SuggestInput,
} from '../../../lib/sop/suggest/suggest';

// The cue rules as the side panel gets them: through JSON (/sop/cues.json), then compiled.
export const CUES = compileCues(JSON.parse(JSON.stringify(CUE_DATA)) as typeof CUE_DATA);

export const suggestReply = (input: SuggestInput) => reply(input, CUES);
export const suggestFromLibrary = (input: SuggestInput, library: TemplateLibrary) =>
  fromLibrary(input, library, CUES);
