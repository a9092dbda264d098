import { en } from 'zod/locales';
import { z } from './zod';

/** zod's English issue messages ("expected string, received number"), ~1 KB gzip: for the
 * worker, which writes them into the log ("Unexpected answer from Chatwoot (path: …)"). */
export function enableEnglishIssueMessages(): void {
  z.config(en());
}
