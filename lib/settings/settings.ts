import { browser } from 'wxt/browser';
import { defineItem } from '../platform/storage';
import { z } from '../zod';
import type { ProfileInfo } from '../messages';
import type { TemplateLibrary } from '../sop/templates/library';
import { DEFAULT_SLA_CLOCK, SLA_CLOCKS, type SlaClockSetting } from '../sop/sla';

// Every stored setting, declared once with its default. Credentials are NOT here: a token lives
// only in the background's IndexedDB (lib/background/credentials.ts).

/** What a trainer can make the mock Chatwoot do (lib/mock/mock-chatwoot.ts); a list the panel
 * shows without loading the mock itself. */
export const MOCK_FAILURES = ['none', 'send_offline', 'send_refused', 'offline'] as const;

export interface Settings {
  /** The Chatwoot instance's origin, e.g. https://app.chatwoot.com; '' until configured. */
  chatwootUrl: string;
  authMode: 'session' | 'token';
  slaMinutes: number;
  /** What the SLA minutes count from: the customer waiting (default) or creation (runbook). */
  slaClock: SlaClockSetting;
  locale: 'auto' | 'en' | 'fr';
  mockMode: boolean;
  /** Mock mode only: a failure the trainer scripts to practise errors (lib/mock/mock-chatwoot.ts). */
  mockFailure: (typeof MOCK_FAILURES)[number];
  /** Desktop alerts (docs/ALERTS.md): 'auto' = on for the account's administrators. */
  alerts: 'auto' | 'on' | 'off';
}

// `npm start` builds with WXT_CHATWOOT_URL pointing at the local stand-in.
const builtInUrl: string = import.meta.env.WXT_CHATWOOT_URL ?? '';

export const DEFAULT_SETTINGS: Settings = {
  chatwootUrl: builtInUrl,
  authMode: 'session',
  slaMinutes: 30,
  slaClock: DEFAULT_SLA_CLOCK,
  locale: 'auto',
  mockMode: false,
  mockFailure: 'none',
  alerts: 'auto',
};

export const settingsItem = defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
});

/** The team's reply templates (lib/sop/templates/library.ts), edited in the options page; null = the
 * shipped defaults. Read it through `normaliseLibrary`, which also validates an import. Its own
 * item: larger than the settings, with its own lifecycle (reset, refresh from Chatwoot). */
export const templatesItem = defineItem<TemplateLibrary | null>('local:templates', {
  fallback: null,
});

/** Decisions made in mock mode carry this origin instead of a Chatwoot URL. */
export const MOCK_ORIGIN = 'mock:';

/** The origin decisions and the operator cache are keyed by: `mock:` in mock mode. */
export function apiOrigin(s: Pick<Settings, 'mockMode' | 'chatwootUrl'>): string {
  return s.mockMode ? MOCK_ORIGIN : s.chatwootUrl;
}

/** The settings in effect: the user's own, with what an administrator set winning. */
export async function getSettings(): Promise<Settings> {
  const [local, managed] = await Promise.all([getLocalSettings(), getManagedSettings()]);
  return applyManaged(local, managed);
}

let remembered: Promise<Settings> | null = null;
/** Storage keys of `settingsItem` and `managedSnapshotItem` (area `local`). */
const SETTINGS_KEYS = ['settings', 'managedSettings'];
const forget = (changes: Record<string, unknown>, area: string) => {
  if (area === 'local' && SETTINGS_KEYS.some((k) => k in changes)) remembered = null;
};

/**
 * getSettings, read once and then kept in memory until either item changes (storage's change
 * events): a conversation switch in the worker waits on no storage read (issue 21). Without
 * its listener (never registered, or dropped: a test's fake browser drops them all on reset)
 * nothing is remembered from before.
 */
export function settingsInEffect(): Promise<Settings> {
  const changes = browser.storage.onChanged;
  if (!changes.hasListener(forget)) {
    remembered = null;
    changes.addListener(forget);
  }
  const read = (remembered ??= getSettings());
  read.catch(() => {
    if (remembered === read) remembered = null;
  });
  return read;
}

/** The user's own settings, without the managed ones: what a change is written onto. */
export async function getLocalSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await settingsItem.getValue()) };
}

export async function updateSettings(patch: Partial<Settings>): Promise<void> {
  await settingsItem.setValue({ ...(await getLocalSettings()), ...patch });
}

/** `https://chat.example.org/app/…` → `https://chat.example.org`; null when not http(s). */
export function normaliseOrigin(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim().includes('://') ? input.trim() : `https://${input.trim()}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  // Chromium's parser lets "chat example" through as "chat%20example": a host is letters,
  // digits, dots, hyphens (underscores on some intranets), or an IPv6 literal.
  if (!/^([a-z0-9_-]+\.)*[a-z0-9_-]+\.?$|^\[[0-9a-f:.]+\]$/i.test(url.hostname)) return null;
  return url.origin;
}

/** Plain http:// only for this machine: anywhere else the session headers and the replies would
 * cross the network readable by anyone on the way. */
export function insecureOrigin(origin: string): boolean {
  const url = new URL(origin);
  return url.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** Match patterns cannot name a port: `http://localhost:3000` → `http://localhost/*`. The
 * exact origin is still enforced where it matters (the sender check, the API base URL). */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

// ── Team deployment ────────────────────────────────────────────────────────────────────────
// What an administrator pushes through Chrome policy (manifest `storage.managed_schema`,
// public/managed_schema.json; docs/DEPLOYMENT.md). Read-only for the extension; it wins over
// the user's own settings, and the options page shows those fields locked.

export const MANAGED_KEYS = [
  'chatwootUrl',
  'slaMinutes',
  'slaClock',
  'mockModeAllowed',
  'approvalsEnabled',
  'aiDraftEnabled',
  'templates',
  'escalationL3Label',
  'nativePriority',
  'slackWebhookUrl',
] as const;
export type ManagedKey = (typeof MANAGED_KEYS)[number];

const managedFields = {
  chatwootUrl: z.pipe(
    z.string(),
    z.transform((value: string, ctx) => {
      const origin = normaliseOrigin(value);
      if (origin) return origin;
      ctx.issues.push({ code: 'custom', message: 'not an http(s) address', input: value });
      return z.NEVER;
    }),
  ),
  slaMinutes: z.number().check(z.int(), z.minimum(1), z.maximum(1440)),
  slaClock: z.enum(SLA_CLOCKS as [SlaClockSetting, ...SlaClockSetting[]]),
  mockModeAllowed: z.boolean(),
  approvalsEnabled: z.boolean(),
  aiDraftEnabled: z.boolean(),
  // Chatwoot's label rules: lower case letters, digits, `-` and `_` (labels are downcased).
  escalationL3Label: z.string().check(z.regex(/^[a-z0-9_-]{1,60}$/)),
  nativePriority: z.boolean(),
  // A secret: https only (plain http for this machine, the e2e stand-in), never exported.
  slackWebhookUrl: z.string().check(
    z.maxLength(500),
    z.refine((v) => {
      const origin = normaliseOrigin(v);
      return !!origin && v.startsWith(`${origin}/`) && !insecureOrigin(origin);
    }),
  ),
};

export interface ManagedSettings {
  chatwootUrl?: string;
  slaMinutes?: number;
  slaClock?: SlaClockSetting;
  mockModeAllowed?: boolean;
  approvalsEnabled?: boolean;
  /** false: no "Draft with Chatwoot AI", and the worker refuses `ai/draft`. */
  aiDraftEnabled?: boolean;
  /** A locked template library, as the policy has it: set at all = locked. The pages check it
   * (`parseManagedLibrary`, lib/sop/templates/library-policy.ts); the background never reads it. */
  templates?: unknown;
  /** The label an L3 escalation carries beside `escalation` (lib/sop/ladder.ts; default
   * `escalation-l3`). */
  escalationL3Label?: string;
  /** true: P1/P2/P3 written to Chatwoot's own priority (urgent/high/medium) where no person set
   * one (lib/sop/native-priority.ts). Off by default. */
  nativePriority?: boolean;
  /** A Slack incoming webhook that receives escalations and 2 h misses (docs/ALERTS.md).
   * Policy only: never in a settings file, never shown in full (`maskWebhook`). */
  slackWebhookUrl?: string;
}

/** A policy value that could not be used: the key is as if unset, and the options page says so.
 * (Chrome itself drops a value that does not match managed_schema.json's types: chrome://policy
 * shows those.) */
export interface ManagedProblem {
  key: Exclude<ManagedKey, 'templates'>;
  value: string;
}

/** Each key on its own: a policy with one bad value loses that key, not the others. */
export function parseManaged(raw: unknown): ManagedSettings {
  return parseManagedReport(raw).settings;
}

/** `parseManaged`, with the values it could not use. `templates` is reported by the pages that
 * read it, and a bad one still locks the library (lib/sop/templates/library-policy.ts). */
export function parseManagedReport(raw: unknown): {
  settings: ManagedSettings;
  invalid: ManagedProblem[];
} {
  if (!raw || typeof raw !== 'object') return { settings: {}, invalid: [] };
  const values = raw as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const invalid: ManagedProblem[] = [];
  for (const key of MANAGED_KEYS) {
    if (values[key] === undefined) continue;
    if (key === 'templates') {
      out[key] = values[key];
      continue;
    }
    const parsed = managedFields[key].safeParse(values[key]);
    if (parsed.success) out[key] = parsed.data;
    else {
      // A webhook URL is a secret: even a bad one is not shown.
      const value = key === 'slackWebhookUrl' ? '…' : JSON.stringify(values[key]).slice(0, 200);
      invalid.push({ key, value });
    }
  }
  return { settings: out as ManagedSettings, invalid };
}

/** The policy's own values for our keys, unparsed: what the copy below keeps, so every reader
 * parses it (and can report a bad value) with the rules of its own build. */
function pickManaged(raw: unknown): Record<string, unknown> {
  if (!raw || typeof raw !== 'object') return {};
  const values = raw as Record<string, unknown>;
  return Object.fromEntries(
    MANAGED_KEYS.filter((k) => values[k] !== undefined).map((k) => [k, values[k]]),
  );
}

/** The policy as the background last read it. chrome.storage.managed answers its first read
 * only seconds after the browser starts (2.7–6.4 s seen here, Chromium 156, with a schema):
 * nothing waits for it; everyone reads this copy, which the background keeps equal to it. */
export const managedSnapshotItem = defineItem<Record<string, unknown>>('local:managedSettings', {
  fallback: {},
});

/** Who is signed in, per origin: the background writes it at each sign-in check, for a decision
 * to know its operator; the options page watches it to ask for the role again. */
export const operatorItem = defineItem<(ProfileInfo & { origin: string }) | null>(
  'session:operator',
  { fallback: null },
);

/** This browser profile's id in the team log (docs/DECISION-LOG.md): made once, on the first
 * decision; never exported with the settings. */
const profileIdItem = defineItem<string | null>('local:profileId', { fallback: null });

export async function browserProfileId(): Promise<string> {
  const kept = await profileIdItem.getValue();
  if (kept) return kept;
  const made = crypto.randomUUID();
  await profileIdItem.setValue(made);
  return made;
}

/** What an administrator set; {} when there is no policy. Fast: the background's copy. */
export async function getManagedSettings(): Promise<ManagedSettings> {
  return parseManaged(await managedSnapshotItem.getValue());
}

export interface ManagedArea {
  get(): Promise<Record<string, unknown>>;
}

/** Background: reads the policy itself (slow at browser start) and updates the copy. */
export async function refreshManagedSettings(
  area: ManagedArea | undefined = browser.storage?.managed,
): Promise<ManagedSettings> {
  const current = await readManagedArea(area);
  const stored = await managedSnapshotItem.getValue();
  if (JSON.stringify(stored) !== JSON.stringify(current)) {
    await managedSnapshotItem.setValue(current);
  }
  return parseManaged(current);
}

async function readManagedArea(area: ManagedArea | undefined): Promise<Record<string, unknown>> {
  if (!area) return {}; // a browser (or test double) without managed storage
  try {
    return pickManaged(await area.get());
  } catch {
    // Firefox rejects when no policy is installed ("Managed storage manifest not found"):
    // that is the ordinary "nothing managed" case, not a failure.
    return {};
  }
}

/** Managed over local. `mockModeAllowed: false` turns mock mode off whatever was stored. */
export function applyManaged(local: Settings, managed: ManagedSettings): Settings {
  return {
    ...local,
    ...(managed.chatwootUrl !== undefined && { chatwootUrl: managed.chatwootUrl }),
    ...(managed.slaMinutes !== undefined && { slaMinutes: managed.slaMinutes }),
    ...(managed.slaClock !== undefined && { slaClock: managed.slaClock }),
    ...(managed.mockModeAllowed === false && { mockMode: false }),
  };
}

/** `https://hooks.slack.com/services/T0/B0/abcdef` → `https://hooks.slack.com/services/T0/…` */
export function maskWebhook(url: string): string {
  const { origin, pathname } = new URL(url);
  return `${origin}${pathname.split('/').slice(0, 3).join('/')}/…`;
}

export const approvalsAllowed = (managed: ManagedSettings) => managed.approvalsEnabled !== false;
export const aiDraftAllowed = (managed: ManagedSettings) => managed.aiDraftEnabled !== false;
export const mockModeAllowed = (managed: ManagedSettings) => managed.mockModeAllowed !== false;
