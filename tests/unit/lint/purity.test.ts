import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The pure core (docs/ARCHITECTURE.md, "Where each rule lives") is guarded by eslint.config.js:
// these plant a forbidden line in each pure place and expect lint to fail on it.
const root = path.resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const PURE = ['lib/sop/planted.ts', 'lib/chatwoot/routes.ts', 'lib/decisions/csv.ts'];
const FORBIDDEN: [string, string][] = [
  ["import { browser } from 'wxt/browser';\nexport const b = browser;\n", 'no-restricted-imports'],
  ["import Dexie from 'dexie';\nexport const d = Dexie;\n", 'no-restricted-imports'],
  [
    "import { storage } from '../platform/storage';\nexport const s = storage;\n",
    'no-restricted-imports',
  ],
  ['export const c = chrome.runtime.id;\n', 'no-restricted-globals'],
  ["export const f = fetch('/');\n", 'no-restricted-globals'],
  ['export const n = Date.now();\n', 'no-restricted-syntax'],
  ['export const d = new Date();\n', 'no-restricted-syntax'],
];

describe('lint keeps the pure core pure', () => {
  for (const file of PURE) {
    it.each(FORBIDDEN)(`${file}: %j fails`, async (code, rule) => {
      expect(await problems(file, code)).toContain(rule);
    });
  }

  it('the same lines pass outside the pure core', async () => {
    const found = await problems('lib/background/planted.ts', FORBIDDEN[0]![0]);
    expect(found).not.toContain('no-restricted-imports');
  });

  it('a clock passed in is fine', async () => {
    const code = 'export const later = (now: Date) => new Date(now.getTime() + 1);\n';
    expect(await problems('lib/sop/planted.ts', code)).toEqual([]);
  });
});
