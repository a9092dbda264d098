import { defineConfig } from 'wxt';

// `--mode e2e` (npm run build:e2e) and `--mode demo` (npm start) grants every local origin up front: a
// permission prompt cannot be answered headless (TOOLCHAIN.md). The store build grants none.
const LOCAL_ORIGINS = ['http://localhost/*', 'http://127.0.0.1/*'];

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Explicit imports only: every dependency is an import you can read.
  imports: false,
  // Parallel builds (several engineers, the bench) each get their own folder.
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  manifest: ({ mode }) => ({
    name: 'CX Escalations for Chatwoot',
    description:
      'Triage Chatwoot conversations by SLA priority, send suggested replies, escalate and resolve — with an audit log.',
    minimum_chrome_version: '116',
    permissions: ['storage', 'sidePanel', 'alarms', 'cookies', 'scripting'],
    // A self-hosted Chatwoot can live on any origin: asked for at run time, one origin at a time.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    host_permissions: mode === 'e2e' || mode === 'demo' ? LOCAL_ORIGINS : [],
    action: { default_title: 'Open CX Escalations' },
    // Only the extension's own files run in its pages and worker: no eval, no remote script.
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'",
    },
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+E' } },
    },
  }),
});
