import { defineConfig } from 'wxt';
import path from 'node:path';
import { LOCALES, localeFile, stringsFile } from './lib/i18n/chrome-locales';
import { CUE_DATA } from './lib/sop/suggest/cues';
import { ICON_SIZES, renderIcons } from './scripts/icons';

// `--mode e2e` (npm run build:e2e) and `--mode demo` (npm start) grants every local origin up front: a
// permission prompt cannot be answered headless (docs/CHATWOOT.md §10). The store build grants none.
const LOCAL_ORIGINS = ['http://localhost/*', 'http://127.0.0.1/*'];

const iconSet = (sizes: readonly number[], variant = 'on') =>
  Object.fromEntries(sizes.map((size) => [String(size), `icon/${variant}-${size}.png`]));

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Explicit imports only: every dependency is an import you can read.
  imports: false,
  // Parallel builds (several engineers, the bench) each get their own folder.
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  // Chromium 116+ and Firefox 128+ preload modules natively: no polyfill in every page.
  vite: () => ({ build: { modulePreload: { polyfill: false } } }),
  hooks: {
    // Each page is bundled on its own: together they would share a chunk, and the side panel
    // would load the options page's part of every module both use (issue 8's budget).
    'entrypoints:grouped': (_wxt, groups) => {
      const apart = (e: { type: string }) => e.type === 'sidepanel' || e.type === 'options';
      const split = groups.flatMap((group): typeof groups => {
        if (!Array.isArray(group)) return [group];
        const rest = group.filter((e) => !apart(e));
        return [...(rest.length ? [rest] : []), ...group.filter(apart).map((e) => [e])];
      });
      groups.splice(0, groups.length, ...split);
    },
    // _locales/<lang>/messages.json come from lib/i18n/words.ts at every build: one source, no drift.
    'build:publicAssets': (wxt, files) => {
      // icon/<state>-<size>.png, drawn from assets/icon/mark.svg (scripts/icons.ts).
      for (const [relativeDest, absoluteSrc] of renderIcons(
        path.join(wxt.config.wxtDir, 'icons'),
      )) {
        files.push({ relativeDest, absoluteSrc });
      }
      for (const locale of LOCALES) {
        files.push({
          relativeDest: `_locales/${locale}/messages.json`,
          contents: localeFile(locale),
        });
        // The pages' words, loaded at run time instead of bundled (components/shared/i18n.tsx).
        files.push({ relativeDest: `i18n/${locale}.json`, contents: stringsFile(locale) });
      }
      // SOP-CX-002's cue words, loaded by the side panel as data (components/panel/conversation/cues.ts).
      files.push({ relativeDest: 'sop/cues.json', contents: JSON.stringify(CUE_DATA) });
    },
  },
  manifest: ({ mode, browser }) => ({
    // Words from _locales, generated from lib/i18n/words.ts (the hook above).
    name: '__MSG_ext_name__',
    description: '__MSG_ext_description__',
    default_locale: 'en',
    ...(browser !== 'firefox' && { minimum_chrome_version: '116' }),
    permissions: [
      'storage',
      'alarms',
      'cookies',
      'scripting',
      // The tab the toolbar button is clicked on shows us its URL: a Chatwoot dashboard there is
      // offered "Connect to <origin>" without asking for every site's history (docs/STORE.md).
      'activeTab',
      // Firefox: a sidebar instead of the side panel, and no Navigation API in content scripts,
      // so SPA moves are seen through webNavigation (lib/background/firefox.ts).
      ...(browser === 'firefox' ? ['webNavigation'] : ['sidePanel']),
    ],
    // A self-hosted Chatwoot can live on any origin: asked for at run time, one origin at a time.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    ...((mode === 'e2e' || mode === 'demo') && { host_permissions: LOCAL_ORIGINS }),
    icons: iconSet(ICON_SIZES),
    // The toolbar starts grey (not connected); lib/platform/action-icon.ts sets each tab's state.
    action: { default_title: '__MSG_ext_action_title__', default_icon: iconSet([16, 32], 'off') },
    // Only the extension's own files run in its pages and worker: no eval, no remote script.
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'",
    },
    // The browser shortcut that opens the panel (Firefox: the sidebar).
    commands:
      browser === 'firefox'
        ? {
            _execute_sidebar_action: {
              suggested_key: { default: 'Alt+Shift+E' },
              description: '__MSG_ext_command_open__',
            },
          }
        : {
            _execute_action: {
              suggested_key: { default: 'Alt+Shift+E' },
              description: '__MSG_ext_command_open__',
            },
          },
    // Team deployment: what an administrator may set through policy (docs/DEPLOYMENT.md).
    ...(browser === 'firefox'
      ? {
          // Firefox reads managed storage (and signs) by this id.
          browser_specific_settings: {
            gecko: { id: 'cx-escalations@example.org', strict_min_version: '128.0' },
          },
        }
      : { storage: { managed_schema: 'managed_schema.json' } }),
  }),
});
