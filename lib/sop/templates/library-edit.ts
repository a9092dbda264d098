// Editing the team's template library (the options page): reading cue words as typed, adding,
// replacing and removing a template, and importing Chatwoot's canned responses (docs/CHATWOOT.md §6).
// Only the options page edits; the side panel reads and suggests (lib/sop/templates/library.ts). Pure,
// like the library itself.

import { detectLanguage } from '../suggest/suggest';
import {
  LABEL_MAX,
  bodyIssues,
  fold,
  templateKey,
  type LibraryTemplate,
  type TemplateIssue,
  type TemplateLibrary,
} from './library';
import { LIBRARY_VARIABLES, VARIABLE, type TemplateLanguage } from './templates';

/** The options page's live preview. */
export const PREVIEW_CONTEXT = { customerName: 'Alex Martin', agentName: 'Sam' } as const;

/** "opening hours, store hours; Öffnungszeiten" → the cue words, trimmed, each once. */
export function parseCues(input: string): string[] {
  const out: string[] = [];
  for (const raw of input.split(/[,;\n]/)) {
    const cue = raw.replace(/\s+/g, ' ').trim();
    if (cue !== '' && !out.some((c) => fold(c) === fold(cue))) out.push(cue);
  }
  return out;
}

// ── Editing ────────────────────────────────────────────────────────────────────────────

/** Adds `t`, or replaces in place the entry with `previousKey` (its own key by default: an
 * edit may change a team template's language, hence its key). */
export function upsertTemplate(
  library: TemplateLibrary,
  t: LibraryTemplate,
  previousKey: string = templateKey(t),
): TemplateLibrary {
  const index = library.templates.findIndex((o) => templateKey(o) === previousKey);
  const templates = [...library.templates];
  if (index >= 0) templates[index] = t;
  else templates.push(t);
  return { ...library, templates };
}

/** Removes a team template; built-ins stay (they can be edited, and reset). */
export function removeTemplate(library: TemplateLibrary, key: string): TemplateLibrary {
  return {
    ...library,
    templates: library.templates.filter((t) => t.builtIn === true || templateKey(t) !== key),
  };
}

/** `custom:store-hours`, `custom:store-hours-2`…: readable in the CSV, unique. */
export function newTemplateId(label: string, library: TemplateLibrary): string {
  const slug =
    fold(label)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'template';
  const taken = new Set(library.templates.map((t) => t.id));
  let id = `custom:${slug}`;
  for (let n = 2; taken.has(id); n++) id = `custom:${slug}-${n}`;
  return id;
}

// ── Chatwoot canned responses (docs/CHATWOOT.md §6) ─────────────────────────────────────────

export interface CannedResponse {
  id: number;
  shortCode: string;
  content: string;
  updatedAt: string | null;
}

/** Chatwoot's message variables that mean ours; any other stays and is reported unknown. */
const CHATWOOT_VARIABLES: Readonly<Record<string, (typeof LIBRARY_VARIABLES)[number]>> = {
  'contact.name': 'name',
  'agent.name': 'agent',
  'agent.available_name': 'agent',
  'agent.first_name': 'agent',
};

/** A canned response's text with Chatwoot's variables written as ours. */
export function cannedToBody(content: string): string {
  return content.replace(VARIABLE, (whole, name: string) => {
    const ours = CHATWOOT_VARIABLES[name.toLowerCase()];
    return ours ? `{{${ours}}}` : whole;
  });
}

export type CannedStatus =
  | { kind: 'new' }
  | { kind: 'imported'; template: LibraryTemplate }
  | { kind: 'invalid'; issues: TemplateIssue[] };

/** Whether a canned response can be added: not yet imported, and only known variables. */
export function cannedStatus(c: CannedResponse, library: TemplateLibrary): CannedStatus {
  const template = library.templates.find((t) => t.source?.id === c.id);
  if (template) return { kind: 'imported', template };
  const issues = bodyIssues(cannedToBody(c.content));
  return issues.length ? { kind: 'invalid', issues } : { kind: 'new' };
}

/** Adds the importable ones among `picked`, with no cue words yet (the lead adds them). */
export function importCanned(
  library: TemplateLibrary,
  picked: readonly CannedResponse[],
): { library: TemplateLibrary; added: LibraryTemplate[] } {
  let next = library;
  const added: LibraryTemplate[] = [];
  for (const c of picked) {
    if (cannedStatus(c, next).kind !== 'new') continue;
    const body = cannedToBody(c.content);
    const language: TemplateLanguage = detectLanguage(body.replace(VARIABLE, ' '));
    const labelTaken = (label: string) =>
      next.templates.some((t) => t.language === language && fold(t.label) === fold(label));
    let label = c.shortCode.slice(0, LABEL_MAX - 12) || `#${c.id}`;
    if (labelTaken(label)) label = `${label} (Chatwoot)`;
    const template: LibraryTemplate = {
      id: `canned:${c.id}`,
      label,
      body,
      language,
      cues: [],
      source: {
        kind: 'canned',
        id: c.id,
        shortCode: c.shortCode,
        updatedAt: c.updatedAt,
        content: c.content,
      },
    };
    next = upsertTemplate(next, template);
    added.push(template);
  }
  return { library: next, added };
}

export interface RefreshResult {
  library: TemplateLibrary;
  /** Bodies replaced by Chatwoot's new text. */
  changed: Array<{ template: LibraryTemplate; before: string }>;
  /** Imported, but no longer among Chatwoot's canned responses (kept as they are). */
  missing: LibraryTemplate[];
  /** Changed in Chatwoot to something we cannot send (an unknown variable): not updated. */
  invalid: Array<{ template: LibraryTemplate; issues: TemplateIssue[] }>;
}

/**
 * Brings imported templates up to date with Chatwoot: a canned response whose text changed
 * since it was imported replaces the template's body (a local edit of it included); label,
 * language and cue words stay the team's.
 */
export function refreshImported(
  library: TemplateLibrary,
  current: readonly CannedResponse[],
): RefreshResult {
  const byId = new Map(current.map((c) => [c.id, c]));
  const result: RefreshResult = { library, changed: [], missing: [], invalid: [] };
  const templates = library.templates.map((t) => {
    if (t.source?.kind !== 'canned') return t;
    const c = byId.get(t.source.id);
    if (!c) {
      result.missing.push(t);
      return t;
    }
    if (c.content === t.source.content) {
      return c.updatedAt === t.source.updatedAt
        ? t
        : { ...t, source: { ...t.source, updatedAt: c.updatedAt } };
    }
    const body = cannedToBody(c.content);
    const issues = bodyIssues(body);
    if (issues.length) {
      result.invalid.push({ template: t, issues });
      return t;
    }
    const updated: LibraryTemplate = {
      ...t,
      body,
      source: { ...t.source, shortCode: c.shortCode, updatedAt: c.updatedAt, content: c.content },
    };
    result.changed.push({ template: updated, before: t.body });
    return updated;
  });
  result.library = { ...library, templates };
  return result;
}
