import { z } from '../zod';
import type { ChatwootApi } from '../chatwoot/client';
import { errorFromResponse } from '../chatwoot/client';
import { ChatwootError } from '../chatwoot/errors';
import {
  conversationSchema,
  messageSchema,
  type WireConversation,
  type WireMessage,
} from '../chatwoot/schemas';
import type { KeyValueStore } from '../background/kv';
import type { Settings } from '../settings/settings';
import {
  buildScenario,
  DELETED_CONTENT,
  MOCK_ACCOUNT,
  MOCK_OPERATOR,
  MOCK_PROFILE,
  withDerivedFields,
  type SampleConversation,
} from './scenario';

// Mock mode's Chatwoot: the same interface as the live client (lib/chatwoot/client.ts), backed
// by the bundled sample conversations. Its state lives in the extension's IndexedDB `kv` table,
// so a stopped service worker loses nothing; nothing ever leaves the browser. Calls take a
// realistic time and, when the trainer scripts a failure, fail with the live client's errors,
// so the outbox retries and the panel words them exactly as it would live.

export const MOCK_STATE_KEY = 'mock:chatwoot';

/**
 * none; send_offline: every change (reply, note, labels, status) fails as a dropped network
 * does (retried with backoff); send_refused: every change is refused with a 422 (failed, Retry
 * and Cancel); offline: Chatwoot cannot be reached at all, reads included.
 */
export type MockFailure = Settings['mockFailure'];

export interface MockChatwootOptions {
  kv: KeyValueStore;
  failure?: MockFailure;
  /** For the scenario built on first use and on reset. */
  slaMinutes?: number;
  now?: () => Date;
  /** Per call; default 150–400 ms. Tests pass `() => 0`. */
  latencyMs?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const stateSchema = z.object({
  version: z.literal(1),
  builtAt: z.number(),
  nextMessageId: z.number().check(z.int()),
  conversations: z.array(
    z.object({ conversation: conversationSchema, messages: z.array(messageSchema) }),
  ),
});
type MockState = z.infer<typeof stateSchema>;

const MOCK_CANNED_RESPONSES = [
  {
    id: 1,
    short_code: 'store_hours',
    content:
      'Hi {{contact.name}}, our stores are open 10:00 to 19:00, Monday to Saturday. {{agent.name}}',
    updated_at: '2026-01-05T09:00:00.000Z',
  },
  {
    id: 2,
    short_code: 'gift_card',
    content: 'Hello {{contact.name}}, gift cards never expire and work online and in store.',
    updated_at: '2026-01-05T09:00:00.000Z',
  },
] as const;

const MESSAGES_AFTER_PAGE = 100; // `after=`: up to 100 newer, as Chatwoot answers
const MESSAGES_PAGE = 20; // Chatwoot's messages endpoint page size
const CONVERSATIONS_PAGE = 25;
const STATUS_ACTIVITY: Record<string, string> = {
  open: 'Conversation was reopened by',
  resolved: 'Conversation was marked resolved by',
  pending: 'Conversation was marked as pending by',
};

// Every change is read-modify-write of one kv value: serialise them across instances
// (the worker builds a client per request; the outbox runs conversations in parallel).
let writing: Promise<unknown> = Promise.resolve();
function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const result = writing.then(work, work);
  writing = result.catch(() => undefined);
  return result;
}

export function freshState(now: Date, slaMinutes?: number): MockState {
  const conversations = buildScenario(now, { slaMinutes });
  const ids = conversations.flatMap((c) => c.messages.map((m) => m.id));
  return {
    version: 1,
    builtAt: now.getTime(),
    nextMessageId: Math.max(0, ...ids) + 1,
    conversations,
  };
}

/** Puts the scenario back as it was at `now` (Reset demo). */
export function resetMockState(kv: KeyValueStore, now: Date, slaMinutes?: number): Promise<void> {
  return exclusive(() => kv.set(MOCK_STATE_KEY, freshState(now, slaMinutes)));
}

export class MockChatwoot implements ChatwootApi {
  private readonly now: () => Date;
  private readonly latencyMs: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly failure: MockFailure;

  constructor(private readonly options: MockChatwootOptions) {
    this.now = options.now ?? (() => new Date());
    this.latencyMs = options.latencyMs ?? (() => 150 + Math.random() * 250);
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.failure = options.failure ?? 'none';
  }

  async profile() {
    await this.network('read');
    return structuredClone(MOCK_PROFILE);
  }

  async conversation(a: number, c: number) {
    await this.network('read');
    const found = find(await this.state(), a, c);
    return withDerivedFields(found.conversation, found.messages);
  }

  async messages(a: number, c: number, opts: { after?: number } = {}) {
    await this.network('read');
    const { messages } = find(await this.state(), a, c);
    const after = opts.after;
    if (after === undefined) return messages.slice(-MESSAGES_PAGE);
    return messages.filter((m) => m.id > after).slice(0, MESSAGES_AFTER_PAGE);
  }

  async postMessage(a: number, c: number, body: { content: string; private: boolean }) {
    await this.network('write');
    return this.change(a, c, (sample, state, nowSeconds) => {
      const message = add(state, sample, nowSeconds, {
        content: body.content,
        message_type: 1,
        private: body.private,
        sender: { id: MOCK_OPERATOR.id, name: MOCK_OPERATOR.name, type: 'user' },
      });
      if (!body.private) {
        if (!sample.conversation.first_reply_created_at) {
          sample.conversation.first_reply_created_at = nowSeconds;
        }
        sample.conversation.waiting_since = 0;
      }
      return message;
    });
  }

  async deleteMessage(a: number, c: number, messageId: number) {
    await this.network('write');
    await this.change(a, c, (sample) => {
      const message = sample.messages.find((m) => m.id === messageId);
      if (!message) throw notFound();
      message.content = DELETED_CONTENT;
      message.content_attributes = { deleted: true };
    });
  }

  async labels(a: number, c: number) {
    await this.network('read');
    return [...find(await this.state(), a, c).conversation.labels];
  }

  /** REPLACES the whole list, as Chatwoot does (labelable.rb). */
  async setLabels(a: number, c: number, labels: string[]) {
    await this.network('write');
    return this.change(a, c, (sample, state, nowSeconds) => {
      const next: string[] = [];
      for (const raw of labels) {
        const label = raw.trim().toLowerCase();
        if (label && !next.includes(label)) next.push(label);
      }
      const added = next.filter((l) => !sample.conversation.labels.includes(l));
      sample.conversation.labels = next;
      if (added.length) {
        add(state, sample, nowSeconds, {
          content: `${MOCK_OPERATOR.name} added ${added.join(', ')}`,
          message_type: 2,
          private: false,
          sender: null,
        });
      }
      return [...next];
    });
  }

  async setStatus(a: number, c: number, status: 'open' | 'resolved' | 'pending') {
    await this.network('write');
    return this.change(a, c, (sample, state, nowSeconds) => {
      if (sample.conversation.status !== status) {
        sample.conversation.status = status;
        if (status === 'resolved') sample.conversation.waiting_since = 0;
        add(state, sample, nowSeconds, {
          content: `${STATUS_ACTIVITY[status]} ${MOCK_OPERATOR.name}`,
          message_type: 2,
          private: false,
          sender: null,
        });
      }
      return sample.conversation.status;
    });
  }

  async listConversations(a: number, opts: { status: 'open' | 'pending'; page: number }) {
    await this.network('read');
    const state = await this.state();
    checkAccount(a);
    const matching = state.conversations
      .filter((s) => s.conversation.status === opts.status)
      .sort(
        (x, y) => (y.conversation.last_activity_at ?? 0) - (x.conversation.last_activity_at ?? 0),
      );
    const page = matching.slice(
      (opts.page - 1) * CONVERSATIONS_PAGE,
      opts.page * CONVERSATIONS_PAGE,
    );
    return {
      conversations: page.map((s) => withDerivedFields(s.conversation, s.messages)),
      allCount: matching.length,
    };
  }

  /** Two samples, so a trainer can practise "Import from Chatwoot" (lib/sop/templates/library.ts). */
  async cannedResponses(a: number, search?: string) {
    await this.network('read');
    checkAccount(a);
    const term = search?.trim().toLowerCase() ?? '';
    return MOCK_CANNED_RESPONSES.filter(
      (r) =>
        term === '' ||
        r.short_code.toLowerCase().includes(term) ||
        r.content.toLowerCase().includes(term),
    ).map((r) => ({ ...r }));
  }

  /** No AI integration in mock mode: the panel shows nothing about AI, as on such an instance. */
  async integrationApps(a: number) {
    await this.network('read');
    checkAccount(a);
    return [{ id: 'openai', enabled: false, hooks: [] }];
  }

  async aiReplySuggestion(): Promise<string> {
    await this.network('write');
    throw notFound();
  }

  /** Every sample conversation as it stands, for the panel's picker. Not a Chatwoot call:
   * no latency and no scripted failure (the picker is the trainer's, not Chatwoot's). */
  async samples(): Promise<{ accountId: number; conversations: WireConversation[] }> {
    const state = await this.state();
    return {
      accountId: MOCK_ACCOUNT.id,
      conversations: state.conversations.map((s) => withDerivedFields(s.conversation, s.messages)),
    };
  }

  /** The stored state; built from the scenario on first use (or when unreadable). */
  private async state(): Promise<MockState> {
    const parsed = stateSchema.safeParse(await this.options.kv.get(MOCK_STATE_KEY));
    if (parsed.success) return parsed.data;
    return exclusive(async () => {
      // Another call may have built it while this one waited.
      const again = stateSchema.safeParse(await this.options.kv.get(MOCK_STATE_KEY));
      if (again.success) return again.data;
      const fresh = freshState(this.now(), this.options.slaMinutes);
      await this.options.kv.set(MOCK_STATE_KEY, fresh);
      return fresh;
    });
  }

  private async change<T>(
    a: number,
    c: number,
    apply: (sample: SampleConversation, state: MockState, nowSeconds: number) => T,
  ): Promise<T> {
    await this.state(); // built outside the lock: building takes the lock itself
    return exclusive(async () => {
      const state = stateSchema.parse(await this.options.kv.get(MOCK_STATE_KEY));
      const sample = find(state, a, c);
      const nowSeconds = Math.floor(this.now().getTime() / 1000);
      const result = apply(sample, state, nowSeconds);
      sample.conversation.timestamp = nowSeconds;
      sample.conversation.last_activity_at = nowSeconds;
      await this.options.kv.set(MOCK_STATE_KEY, state);
      return result;
    });
  }

  /** The time a request takes, then the scripted failure if there is one. */
  private async network(kind: 'read' | 'write'): Promise<void> {
    await this.sleep(Math.max(0, this.latencyMs()));
    const failure = this.failure;
    if (failure === 'offline' || (failure === 'send_offline' && kind === 'write')) {
      // What the live client throws when fetch rejects (ChatwootClient.request).
      throw new ChatwootError('offline', 'Failed to fetch', null, kind === 'write');
    }
    if (failure === 'send_refused' && kind === 'write') {
      throw errorFromResponse(
        422,
        JSON.stringify({ message: 'Scripted failure: the demo Chatwoot refused this change' }),
      );
    }
  }
}

function checkAccount(a: number) {
  if (a !== MOCK_ACCOUNT.id) {
    throw errorFromResponse(
      401,
      JSON.stringify({ error: 'You are not authorized to access this account' }),
    );
  }
}

function notFound() {
  return errorFromResponse(404, JSON.stringify({ error: 'Resource could not be found' }));
}

function find(state: MockState, a: number, c: number): SampleConversation {
  checkAccount(a);
  const sample = state.conversations.find((s) => s.conversation.id === c);
  if (!sample) throw notFound();
  return sample;
}

function add(
  state: MockState,
  sample: SampleConversation,
  nowSeconds: number,
  fields: Pick<WireMessage, 'content' | 'message_type' | 'private' | 'sender'>,
): WireMessage {
  const message: WireMessage = {
    id: state.nextMessageId++,
    created_at: nowSeconds,
    content_attributes: {},
    ...fields,
  };
  sample.messages.push(message);
  return structuredClone(message);
}
