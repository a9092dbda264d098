import { z } from '../zod';
import { templateLibrarySchema, type TemplateLibrary } from '../sop/templates/library';
import { normaliseOrigin, type ManagedSettings, type Settings } from './settings';

// Settings export and import (options page): one JSON file to set up another browser the same
// way. A whitelist of keys, so no credential can ever be in it (the access token is not a
// setting at all: it lives in the background's IndexedDB). Pure: `now` is passed in.

export const SETTINGS_FILE_KIND = 'cx-escalations-settings';
/** Larger than any valid file (200 templates of 5,000 characters); refuses anything absurd. */
export const SETTINGS_FILE_MAX_BYTES = 5_000_000;

const EXPORTED_KEYS = [
  'chatwootUrl',
  'authMode',
  'slaMinutes',
  'slaClock',
  'locale',
  'mockMode',
] as const;
type ExportedKey = (typeof EXPORTED_KEYS)[number];

const settingsPart = z.partial(
  z.strictObject({
    chatwootUrl: z.string().check(
      z.maxLength(2_000),
      z.refine((v) => v === '' || normaliseOrigin(v) !== null, 'not an http(s) address'),
    ),
    authMode: z.enum(['session', 'token']),
    slaMinutes: z.number().check(z.int(), z.minimum(1), z.maximum(1440)),
    slaClock: z.enum(['waiting', 'created']),
    locale: z.enum(['auto', 'en', 'fr']),
    mockMode: z.boolean(),
  }),
);

export const settingsFileSchema = z.strictObject({
  kind: z.literal(SETTINGS_FILE_KIND),
  version: z.literal(1),
  exportedAt: z.optional(z.string().check(z.maxLength(100))),
  settings: settingsPart,
  /** null: the shipped templates. Absent: the file does not touch the templates. */
  templates: z.optional(z.nullable(templateLibrarySchema)),
});

export type SettingsFile = z.infer<typeof settingsFileSchema>;

/** `templates` undefined: left out of the file (a policy sets them; policy values are never
 * exported, and the user's own library is not what they see). */
export function buildSettingsFile(
  settings: Settings,
  templates: TemplateLibrary | null | undefined,
  now: Date,
): SettingsFile {
  const picked: Partial<Pick<Settings, ExportedKey>> = {};
  for (const key of EXPORTED_KEYS) Object.assign(picked, { [key]: settings[key] });
  return {
    kind: SETTINGS_FILE_KIND,
    version: 1,
    exportedAt: now.toISOString(),
    settings: picked,
    ...(templates !== undefined && { templates }),
  };
}

export function settingsFileName(now: Date): string {
  const day = now.toISOString().slice(0, 10);
  return `cx-escalations-settings-${day}.json`;
}

export type ParsedSettingsFile =
  | { ok: true; file: SettingsFile }
  | { ok: false; problem: 'too_big' }
  | { ok: false; problem: 'not_json'; detail: string }
  | { ok: false; problem: 'invalid'; detail: string };

/** `detail` names the offending field (`settings.slaMinutes`), whatever the page's language. */
export function parseSettingsFile(text: string): ParsedSettingsFile {
  if (text.length > SETTINGS_FILE_MAX_BYTES) return { ok: false, problem: 'too_big' };
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, problem: 'not_json', detail: (error as Error).message };
  }
  const parsed = settingsFileSchema.safeParse(raw);
  if (parsed.success) return { ok: true, file: parsed.data };
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  const keys =
    issue?.code === 'unrecognized_keys'
      ? issue.keys.map((k) => (path ? `${path}.${k}` : k)).join(', ')
      : '';
  return { ok: false, problem: 'invalid', detail: keys || path || 'kind' };
}

export interface ImportPlan {
  /** Written onto the user's own settings. */
  patch: Partial<Settings>;
  /** Present when the file sets the templates (null = back to the shipped ones). */
  templates?: TemplateLibrary | null;
  /** Keys the file sets differently from an administrator's policy: the policy stays. */
  lockedKeys: ExportedKey[];
  /** The file has templates, but a policy sets the library: they are not imported. */
  templatesManaged: boolean;
}

export function planImport(file: SettingsFile, managed: ManagedSettings): ImportPlan {
  const patch: Partial<Settings> = {};
  const lockedKeys: ExportedKey[] = [];
  const s = file.settings;
  if (s.chatwootUrl !== undefined) {
    const url = s.chatwootUrl === '' ? '' : (normaliseOrigin(s.chatwootUrl) ?? '');
    if (managed.chatwootUrl !== undefined && managed.chatwootUrl !== url) {
      lockedKeys.push('chatwootUrl');
    } else patch.chatwootUrl = url;
  }
  if (s.slaMinutes !== undefined) {
    if (managed.slaMinutes !== undefined && managed.slaMinutes !== s.slaMinutes) {
      lockedKeys.push('slaMinutes');
    } else patch.slaMinutes = s.slaMinutes;
  }
  if (s.slaClock !== undefined) {
    if (managed.slaClock !== undefined && managed.slaClock !== s.slaClock) {
      lockedKeys.push('slaClock');
    } else patch.slaClock = s.slaClock;
  }
  if (s.mockMode !== undefined) {
    if (s.mockMode && managed.mockModeAllowed === false) lockedKeys.push('mockMode');
    else patch.mockMode = s.mockMode;
  }
  if (s.authMode !== undefined) patch.authMode = s.authMode;
  if (s.locale !== undefined) patch.locale = s.locale;
  const templatesManaged = file.templates !== undefined && managed.templates !== undefined;
  return {
    patch,
    lockedKeys,
    templatesManaged,
    ...(file.templates !== undefined && !templatesManaged && { templates: file.templates }),
  };
}
