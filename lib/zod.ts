import * as z from 'zod/mini';
import { en } from 'zod/locales';

// The one zod every product module imports: zod/mini (functions, tree-shaken), not classic zod,
// whose methods keep all of it in each bundle: ~15 KB gzip less in the panel and the background
// (issue 8). Mini ships no issue messages (all read "Invalid input"); the English ones (~1 KB
// gzip) keep the details of Chatwoot and protocol errors as they were.
z.config(en());

export { z };
