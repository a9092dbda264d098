import * as z from 'zod/mini';

// The one zod every product module imports: zod/mini (functions, tree-shaken), not classic zod,
// whose methods keep all of it in each bundle: ~15 KB gzip less in the panel and the background
// (issue 8). Mini ships no issue messages (all read "Invalid input"): the worker, whose
// Chatwoot errors quote them into the decision log, turns the English ones on
// (lib/zod-messages.ts); the pages read paths and codes, never the text.

export { z };
