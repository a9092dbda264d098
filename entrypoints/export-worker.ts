import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { serveExportJobs } from '../lib/decisions/export-job';

// A dedicated worker of the side panel: the decision log's CSV export (lib/decisions/export-workers.ts).
export default defineUnlistedScript(() => serveExportJobs());
