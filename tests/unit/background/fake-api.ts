import type { ChatwootApi } from '../../../lib/chatwoot/client';
import { ChatwootError } from '../../../lib/chatwoot/errors';
import type {
  WireCannedResponse,
  WireConversation,
  WireMessage,
} from '../../../lib/chatwoot/schemas';

// An in-memory Chatwoot for outbox unit tests: the REAL stand-in (tests/standin) is what the
// e2e suite uses; this one only lets a test script failures call by call.

type Step = 'ok' | ChatwootError | 'land-then-drop';

export class FakeChatwoot implements ChatwootApi {
  messagesById = new Map<number, WireMessage & { conversationId: number }>();
  labelsOf = new Map<number, string[]>();
  statusOf = new Map<number, string>();
  calls: string[] = [];
  /** Scripted outcomes, consumed one per call of that name. */
  script: Partial<Record<keyof ChatwootApi, Step[]>> = {};
  refuseLabels = false;
  private nextId = 100;

  constructor(private readonly clockSeconds: () => number = () => 1_800_000_000) {}

  protected step(name: keyof ChatwootApi): Step {
    this.calls.push(name);
    return this.script[name]?.shift() ?? 'ok';
  }

  private check(name: keyof ChatwootApi) {
    const step = this.step(name);
    if (step instanceof ChatwootError) throw step;
    return step;
  }

  /** Who the credentials belong to; a test signs someone else in by changing it. */
  user = { id: 1, name: 'Dana Agent', email: 'dana@acme.test' };

  async profile() {
    this.check('profile');
    return {
      ...this.user,
      available_name: this.user.name.split(' ')[0]!,
      role: 'agent',
      accounts: [{ id: 1, name: 'Acme', role: 'agent' }],
    };
  }

  async conversation(_a: number, _c: number): Promise<WireConversation> {
    throw new Error('not used by the outbox');
  }

  /** Chatwoot's paging: the latest 20, or up to 100 after an id, oldest first. */
  async messages(_a: number, c: number, opts: { after?: number } = {}) {
    this.check('messages');
    const all = [...this.messagesById.values()]
      .filter((m) => m.conversationId === c)
      .sort((x, y) => x.id - y.id);
    const after = opts.after;
    return after === undefined ? all.slice(-20) : all.filter((m) => m.id > after).slice(0, 100);
  }

  /** Someone else writes into the conversation (a colleague, or the customer with `userId` null). */
  addMessage(c: number, content: string, from: { userId: number | null; isPrivate?: boolean }) {
    const message = {
      id: this.nextId++,
      conversationId: c,
      content,
      message_type: from.userId === null ? (0 as const) : (1 as const),
      private: from.isPrivate ?? false,
      created_at: this.clockSeconds(),
      content_attributes: {},
      sender:
        from.userId === null
          ? { id: 900, name: 'Customer', type: 'contact' }
          : { id: from.userId, name: `User ${from.userId}`, type: 'user' },
    };
    this.messagesById.set(message.id, message);
    return message;
  }

  async postMessage(_a: number, c: number, body: { content: string; private: boolean }) {
    const step = this.step('postMessage');
    if (step instanceof ChatwootError) throw step;
    const message = {
      id: this.nextId++,
      conversationId: c,
      content: body.content,
      message_type: 1 as const,
      private: body.private,
      created_at: this.clockSeconds(),
      content_attributes: {},
      sender: { id: this.user.id, name: this.user.name, type: 'user' },
    };
    this.messagesById.set(message.id, message);
    if (step === 'land-then-drop')
      throw new ChatwootError('offline', 'connection dropped', null, true);
    return message;
  }

  async deleteMessage(_a: number, _c: number, id: number) {
    this.check('deleteMessage');
    const m = this.messagesById.get(id);
    if (m) m.content_attributes = { deleted: true };
  }

  async labels(_a: number, c: number) {
    this.check('labels');
    return this.labelsOf.get(c) ?? [];
  }

  async setLabels(_a: number, c: number, labels: string[]) {
    this.check('setLabels');
    const kept = this.refuseLabels ? labels.filter((l) => l !== 'escalation') : labels;
    this.labelsOf.set(c, kept); // REPLACES, like Chatwoot
    return kept;
  }

  async setStatus(_a: number, c: number, status: 'open' | 'resolved' | 'pending') {
    this.check('setStatus');
    this.statusOf.set(c, status);
    return status;
  }

  async listConversations(
    _accountId: number,
    _opts: { status: 'open' | 'pending'; page: number },
  ): Promise<{ conversations: WireConversation[]; allCount: number | null }> {
    this.check('listConversations');
    return { conversations: [], allCount: 0 };
  }

  canned: WireCannedResponse[] = [];
  /** The OpenAI hook's id when the account has the integration. */
  openaiHookId: number | null = null;
  aiDraft = 'Hi, this is the AI draft.';

  async cannedResponses(_a: number, search?: string) {
    this.check('cannedResponses');
    const term = search?.toLowerCase() ?? '';
    return this.canned.filter((r) => r.short_code.includes(term) || r.content.includes(term));
  }

  async integrationApps() {
    this.check('integrationApps');
    const hooks = this.openaiHookId === null ? [] : [{ id: this.openaiHookId, status: 'enabled' }];
    return [
      { id: 'webhook', enabled: false, hooks: [] },
      { id: 'openai', enabled: hooks.length > 0, hooks },
    ];
  }

  async aiReplySuggestion(_a: number, hookId: number) {
    this.check('aiReplySuggestion');
    if (hookId !== this.openaiHookId) throw new ChatwootError('not_found', 'no such hook', 404);
    return this.aiDraft;
  }

  sent(c: number, isPrivate = false) {
    return [...this.messagesById.values()].filter(
      (m) => m.conversationId === c && m.private === isPrivate && !m.content_attributes?.deleted,
    );
  }
}

/** With the team log's carrier: conversation custom attributes, merged when `merge: true` is
 * honoured (newer Chatwoot) or REPLACED (`replaces`, an older one). `between` runs after each
 * POST lands: a colleague's write in the same moment. */
export class TeamFakeChatwoot extends FakeChatwoot {
  attrsOf = new Map<number, Record<string, unknown>>();
  replaces = false;
  between: ((c: number) => void) | null = null;
  attrWrites = 0;

  override async conversation(a: number, c: number): Promise<WireConversation> {
    this.calls.push('conversation');
    return {
      id: c,
      account_id: a,
      status: 'open',
      labels: [],
      created_at: 0,
      timestamp: 0,
      meta: {},
      messages: [],
      last_non_activity_message: null,
      snoozed_until: null,
      custom_attributes: { ...(this.attrsOf.get(c) ?? {}) },
    };
  }

  async setCustomAttributes(_a: number, c: number, attributes: Record<string, unknown>) {
    const step = this.step('setCustomAttributes');
    if (step instanceof ChatwootError) throw step;
    this.attrWrites++;
    const kept = this.replaces ? {} : (this.attrsOf.get(c) ?? {});
    const saved = { ...kept, ...attributes };
    this.attrsOf.set(c, saved);
    this.between?.(c);
    if (step === 'land-then-drop')
      throw new ChatwootError('offline', 'connection dropped', null, true);
    return { ...saved };
  }
}
