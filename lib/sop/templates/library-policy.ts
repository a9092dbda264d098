// Who may change the team's template library, and the library an administrator locks through
// Chrome policy (managed key `templates`, docs/DEPLOYMENT.md). Pure: lib/settings/settings.ts reads the
// policy, components/shared/useTemplateLibrary.ts and TemplateLibrary.tsx apply these rules.
//
// 1. A policy library wins over everything: the panel suggests from it, the options page shows
//    it read-only (an administrator of the Chatwoot account included: the policy is the
//    organisation's word), a settings import leaves it alone.
// 2. Without a policy, only an administrator of the Chatwoot account the extension works in
//    (profile `accounts[].role`) edits; an agent reads. Until the role is known (checking, not
//    signed in, Chatwoot unreachable) the library is read-only: it fails closed.
// Mock mode has no Chatwoot: its sample operator is an administrator (lib/mock/scenario.ts), so
// a trainer can show editing.

import type { ApiErrorKind } from '../../chatwoot/errors';
import {
  defaultLibrary,
  libraryTemplateSchema,
  normaliseLibrary,
  templateIssues,
  templateKey,
  TEMPLATES_MAX,
  type LibraryTemplate,
  type TemplateIssue,
  type TemplateLibrary,
} from './library';

// ── The library an administrator sets ───────────────────────────────────────────────────

/** Why a policy value is not a library at all (then the shipped templates are used, locked). */
export type UnusablePolicyCode = 'not_object' | 'version' | 'french' | 'list';

export type ManagedLibraryProblem =
  | { kind: 'unusable'; code: UnusablePolicyCode }
  /** One template left out; the others apply. `position` counts from 1, as an admin reads. */
  | {
      kind: 'template';
      position: number;
      label: string;
      problem:
        | { code: 'issues'; issues: TemplateIssue[] }
        | { code: 'field'; field: string }
        | { code: 'duplicate' };
    };

export interface ManagedLibrary {
  library: TemplateLibrary;
  problems: ManagedLibraryProblem[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The template as typed data, or the first field that is missing or of the wrong type.
 * `source` (a canned response's origin) is dropped: a policy library is never refreshed. */
function typedTemplate(item: unknown): LibraryTemplate | { field: string } {
  if (!isRecord(item)) return { field: 'template' };
  const { id, label, body, language, cues, builtIn } = item;
  if (typeof id !== 'string' || id.trim() === '') return { field: 'id' };
  if (typeof label !== 'string') return { field: 'label' };
  if (typeof body !== 'string') return { field: 'body' };
  if (language !== 'en' && language !== 'fr') return { field: 'language' };
  if (!Array.isArray(cues) || !cues.every((c) => typeof c === 'string')) return { field: 'cues' };
  if (builtIn !== undefined && typeof builtIn !== 'boolean') return { field: 'builtIn' };
  return { id, label: label.trim(), body, language, cues: cues as string[] };
}

/**
 * A policy's `templates` value, checked with the options page's own rules (lib/sop/templates/library.ts:
 * `templateIssues`, unknown variables included, then the stored schema). A template with a
 * problem is left out and named; a value that is not a library leaves the shipped templates.
 * Either way the library stays locked: the administrator meant to manage it.
 */
export function parseManagedLibrary(raw: unknown): ManagedLibrary {
  const unusable = (code: UnusablePolicyCode): ManagedLibrary => ({
    library: defaultLibrary(),
    problems: [{ kind: 'unusable', code }],
  });
  if (!isRecord(raw)) return unusable('not_object');
  if (raw.version !== 1) return unusable('version');
  if (typeof raw.frenchTemplates !== 'boolean') return unusable('french');
  if (!Array.isArray(raw.templates) || raw.templates.length > TEMPLATES_MAX) {
    return unusable('list');
  }

  const problems: ManagedLibraryProblem[] = [];
  const typed: Array<{ position: number; template: LibraryTemplate }> = [];
  const keys = new Set<string>();
  raw.templates.forEach((item, index) => {
    const position = index + 1;
    const t = typedTemplate(item);
    const label = isRecord(item) && typeof item.label === 'string' ? item.label.trim() : '';
    if ('field' in t) {
      problems.push({ kind: 'template', position, label, problem: { code: 'field', ...t } });
    } else if (keys.has(templateKey(t))) {
      problems.push({ kind: 'template', position, label, problem: { code: 'duplicate' } });
    } else {
      keys.add(templateKey(t));
      typed.push({ position, template: t });
    }
  });

  // Labels and cues are checked against every other template of the policy, as the editor does.
  const all: TemplateLibrary = {
    version: 1,
    frenchTemplates: raw.frenchTemplates,
    templates: typed.map((x) => x.template),
  };
  const accepted: LibraryTemplate[] = [];
  for (const { position, template } of typed) {
    const issues = templateIssues(template, all);
    const schema = libraryTemplateSchema.safeParse(template);
    const problem = issues.length
      ? ({ code: 'issues', issues } as const)
      : !schema.success
        ? ({ code: 'field', field: schema.error.issues[0]?.path.join('.') || 'template' } as const)
        : null;
    if (problem) problems.push({ kind: 'template', position, label: template.label, problem });
    else accepted.push(template);
  }
  problems.sort((a, b) => positionOf(a) - positionOf(b));
  // Built-ins left out (or never listed) come back as shipped, as for a stored library.
  const library = normaliseLibrary({ ...all, templates: accepted });
  return { library, problems };
}

const positionOf = (p: ManagedLibraryProblem) => (p.kind === 'template' ? p.position : 0);

/** What the panel suggests from and the options page shows: the policy's, else the user's. */
export function effectiveLibrary(
  local: TemplateLibrary | null | undefined,
  managed: ManagedLibrary | null | undefined,
): TemplateLibrary {
  return managed ? managed.library : normaliseLibrary(local);
}

// ── Who may edit ────────────────────────────────────────────────────────────────────────

/** The role Chatwoot gives the signed-in user in the account (docs/CHATWOOT.md: profile
 * `accounts[].role`). A custom role (Enterprise) is an agent's role with extra permissions. */
import type { AccountRole } from '../roles';

export { accountRole, type AccountRole } from '../roles';

/** Where the options page is in asking the background for the role. */
export type RoleCheck =
  | { state: 'checking' }
  | { state: 'known'; role: AccountRole; accountName: string }
  | { state: 'failed'; error: { kind: ApiErrorKind; detail: string } };

export type LibraryAccess =
  | { editable: true; reason: 'administrator' }
  | { editable: false; reason: 'managed' | 'checking' | 'agent' }
  | { editable: false; reason: 'not_signed_in' | 'unreachable'; error: ApiErrorKind };

/** No role without a signed-in user of that Chatwoot: the fix is signing in (options, above). */
const SIGN_IN_ERRORS: readonly ApiErrorKind[] = [
  'not_configured',
  'no_permission',
  'signed_out',
  'bad_token',
  'not_in_account',
  'not_chatwoot',
];

export function libraryAccess(managed: boolean, check: RoleCheck): LibraryAccess {
  if (managed) return { editable: false, reason: 'managed' };
  switch (check.state) {
    case 'checking':
      return { editable: false, reason: 'checking' };
    case 'known':
      return check.role === 'administrator'
        ? { editable: true, reason: 'administrator' }
        : { editable: false, reason: 'agent' };
    case 'failed':
      return {
        editable: false,
        reason: SIGN_IN_ERRORS.includes(check.error.kind) ? 'not_signed_in' : 'unreachable',
        error: check.error.kind,
      };
  }
}
