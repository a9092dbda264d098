import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// scripts/check-budgets.mjs run as `npm run test:e2e` runs it, on small fake builds.

const SCRIPT = path.resolve('scripts/check-budgets.mjs');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Random hex does not compress much: gzip size ≈ bytes / 2. */
const incompressible = (bytes: number) => `/*${randomBytes(bytes / 2).toString('hex')}*/`;

function fakeBuild(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'budgets-'));
  dirs.push(root);
  const manifest = {
    manifest_version: 3,
    side_panel: { default_path: 'sidepanel.html' },
    background: { service_worker: 'background.js' },
    content_scripts: [],
  };
  writeFileSync(path.join(root, 'manifest.json'), JSON.stringify(manifest));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

function run(root: string, json = false) {
  const r = spawnSync('node', [SCRIPT, root, ...(json ? ['--json'] : [])], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const PANEL_HTML =
  '<script type="module" src="/chunks/sidepanel-a.js"></script>' +
  '<link rel="modulepreload" href="/chunks/shared-b.js">';

describe('check-budgets', () => {
  it('counts every file the panel loads: scripts, preloads, their static and lazy imports', () => {
    const root = fakeBuild({
      'sidepanel.html': PANEL_HTML,
      'chunks/sidepanel-a.js': 'import{x}from"./shared-b.js";import("./log-c.js");x();',
      'chunks/shared-b.js': 'import"./deep-d.js";export const x=()=>1;',
      'chunks/deep-d.js': 'console.log(1)',
      'chunks/log-c.js': 'export default 1',
      'chunks/unused-e.js': incompressible(200_000),
      'background.js': 'self.x=1',
      'content-scripts/content.js': 'var content=1',
    });
    const r = run(root, true);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as {
      entries: { name: string; files: { file: string; lazy: boolean }[] }[];
    };
    const panel = result.entries.find((e) => e.name === 'sidepanel')!;
    expect(panel.files.map((f) => [f.file, f.lazy]).sort()).toEqual([
      ['chunks/deep-d.js', false],
      ['chunks/log-c.js', true],
      ['chunks/shared-b.js', false],
      ['chunks/sidepanel-a.js', false],
    ]);
    expect(result.entries.map((e) => e.name)).toEqual(['content', 'sidepanel', 'background']);
  });

  it('fails with a clear message when the side panel is over 130 KB gzip in all', () => {
    const root = fakeBuild({
      'sidepanel.html': PANEL_HTML,
      'chunks/sidepanel-a.js': `import"./shared-b.js";${incompressible(150_000)}`,
      'chunks/shared-b.js': incompressible(150_000), // each alone is under budget
      'background.js': 'self.x=1',
      'content-scripts/content.js': 'var content=1',
    });
    const r = run(root);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /Bundle budget exceeded: side panel \(sidepanel\.html\) is 1\d\d\.\d KB gzip, budget 130\.0 KB/,
    );
    expect(r.out).toMatch(/background \(background\.js\): .* ok/);
  });

  it('holds the content script to 3 KB and the background to 76 KB', () => {
    const root = fakeBuild({
      'sidepanel.html': PANEL_HTML,
      'chunks/sidepanel-a.js': '1',
      'chunks/shared-b.js': '1',
      'background.js': incompressible(150_000),
      'content-scripts/content.js': incompressible(7_000),
    });
    const r = run(root);
    expect(r.code).toBe(1);
    expect(r.err).toContain('content script content-scripts/content.js is 3.');
    expect(r.err).toContain('background (background.js) is 7');
  });

  it('says when the folder is not a build, and when React is its development build', () => {
    expect(run(path.join(tmpdir(), 'no-such-build')).code).toBe(2);
    const root = fakeBuild({
      'sidepanel.html': PANEL_HTML,
      'chunks/sidepanel-a.js':
        '"The current testing environment is not configured to support act(...)"',
      'chunks/shared-b.js': '1',
      'background.js': '1',
      'content-scripts/content.js': '1',
    });
    const r = run(root);
    expect(r.code).toBe(0);
    expect(r.out).toContain("React's development build");
  });
});
