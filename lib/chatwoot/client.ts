import { z } from '../zod';
import {
  cannedResponsesSchema,
  conversationListSchema,
  conversationSchema,
  customAttributesResponseSchema,
  integrationAppsSchema,
  labelsResponseSchema,
  messageSchema,
  messagesResponseSchema,
  profileSchema,
  processEventResponseSchema,
  toggleStatusResponseSchema,
  type WireCannedResponse,
  type WireConversation,
  type WireIntegrationApp,
  type WireMessage,
  type WireProfile,
} from './schemas';
import { ChatwootError } from './errors';

/** What the rest of the extension needs from Chatwoot. Live (this file) and mock implement it. */
export interface ChatwootApi {
  profile(): Promise<WireProfile>;
  conversation(accountId: number, conversationId: number): Promise<WireConversation>;
  /** The latest 20; `after`: up to 100 with a greater id, oldest first, as Chatwoot answers. */
  messages(
    accountId: number,
    conversationId: number,
    opts?: { after?: number },
  ): Promise<WireMessage[]>;
  postMessage(
    accountId: number,
    conversationId: number,
    body: { content: string; private: boolean },
  ): Promise<WireMessage>;
  /** Soft delete (docs/CHATWOOT.md §3): content becomes "This message was deleted". */
  deleteMessage(accountId: number, conversationId: number, messageId: number): Promise<void>;
  labels(accountId: number, conversationId: number): Promise<string[]>;
  setLabels(accountId: number, conversationId: number, labels: string[]): Promise<string[]>;
  setStatus(
    accountId: number,
    conversationId: number,
    status: 'open' | 'resolved' | 'pending',
  ): Promise<string>;
  listConversations(
    accountId: number,
    opts: { status: 'open' | 'pending'; page: number },
  ): Promise<{ conversations: WireConversation[]; allCount: number | null }>;
  /** The account's canned responses; `search` matches short code or text (docs/CHATWOOT.md §6). */
  cannedResponses(accountId: number, search?: string): Promise<WireCannedResponse[]>;
  /** The integration apps and the hooks the account set up (the `openai` one drafts replies). */
  integrationApps(accountId: number): Promise<WireIntegrationApp[]>;
  /** The OpenAI hook's `reply_suggestion` for a conversation: a draft, never sent by itself. */
  aiReplySuggestion(accountId: number, hookId: number, conversationId: number): Promise<string>;
  /** Live only (mock decisions never reach Chatwoot): sets the conversation's custom attributes
   * with `merge: true`; an older Chatwoot ignores it and REPLACES the hash. Answers the hash. */
  setCustomAttributes?(
    accountId: number,
    conversationId: number,
    attributes: Record<string, unknown>,
  ): Promise<Record<string, unknown>>;
  /** Live only: Chatwoot's own priority field (`toggle_priority`, answers an empty 200). */
  setPriority?(accountId: number, conversationId: number, priority: string): Promise<void>;
  /** Live only: every status, `updatedWithin` seconds (Chatwoot then answers every match at
   * once and ignores `page`, docs/DECISION-LOG.md). */
  listAllConversations?(
    accountId: number,
    opts: { page: number; updatedWithin?: number },
  ): Promise<WireConversation[]>;
}

export interface ClientOptions {
  origin: string;
  /** Credential headers, read fresh for every call (the session cookie can change). */
  authHeaders: () => Promise<Record<string, string>>;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Called with each call's duration and outcome, for Integration health. */
  onSample?: (sample: { ms: number; ok: boolean; method: string }) => void;
  clock?: () => number;
}

const unauthorizedBody = z.object({
  error: z.optional(z.string()),
  errors: z.optional(z.array(z.string())),
  message: z.optional(z.string()),
});

export class ChatwootClient implements ChatwootApi {
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly clock: () => number;

  constructor(private readonly options: ClientOptions) {
    this.fetchImpl = options.fetch ?? ((...args) => fetch(...args));
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.clock = options.clock ?? (() => performance.now());
  }

  async profile() {
    return this.call('GET', '/api/v1/profile', profileSchema);
  }

  async conversation(a: number, c: number) {
    return this.call('GET', `${conv(a, c)}`, conversationSchema);
  }

  async messages(a: number, c: number, opts: { after?: number } = {}) {
    const query = opts.after !== undefined ? `?after=${opts.after}` : '';
    const res = await this.call('GET', `${conv(a, c)}/messages${query}`, messagesResponseSchema);
    return res.payload;
  }

  async postMessage(a: number, c: number, body: { content: string; private: boolean }) {
    return this.call('POST', `${conv(a, c)}/messages`, messageSchema, {
      content: body.content,
      message_type: 'outgoing',
      private: body.private,
    });
  }

  async deleteMessage(a: number, c: number, messageId: number) {
    await this.call('DELETE', `${conv(a, c)}/messages/${messageId}`, z.unknown());
  }

  async labels(a: number, c: number) {
    return (await this.call('GET', `${conv(a, c)}/labels`, labelsResponseSchema)).payload;
  }

  /** REPLACES the whole list (chatwoot labelable.rb): callers merge first. */
  async setLabels(a: number, c: number, labels: string[]) {
    return (await this.call('POST', `${conv(a, c)}/labels`, labelsResponseSchema, { labels }))
      .payload;
  }

  async setStatus(a: number, c: number, status: 'open' | 'resolved' | 'pending') {
    const res = await this.call('POST', `${conv(a, c)}/toggle_status`, toggleStatusResponseSchema, {
      status,
    });
    return res.payload.current_status;
  }

  async listConversations(a: number, opts: { status: 'open' | 'pending'; page: number }) {
    const path = `/api/v1/accounts/${a}/conversations?status=${opts.status}&assignee_type=all&page=${opts.page}`;
    const res = await this.call('GET', path, conversationListSchema);
    return { conversations: res.data.payload, allCount: res.data.meta.all_count ?? null };
  }

  async setCustomAttributes(a: number, c: number, attributes: Record<string, unknown>) {
    const res = await this.call(
      'POST',
      `${conv(a, c)}/custom_attributes`,
      customAttributesResponseSchema,
      {
        custom_attributes: attributes,
        merge: true,
      },
    );
    return res.custom_attributes ?? {};
  }

  async setPriority(a: number, c: number, priority: string) {
    await this.call('POST', `${conv(a, c)}/toggle_priority`, z.unknown(), { priority });
  }

  async listAllConversations(a: number, opts: { page: number; updatedWithin?: number }) {
    const within = opts.updatedWithin ? `&updated_within=${Math.ceil(opts.updatedWithin)}` : '';
    const path = `/api/v1/accounts/${a}/conversations?status=all&assignee_type=all&page=${opts.page}${within}`;
    return (await this.call('GET', path, conversationListSchema)).data.payload;
  }

  async cannedResponses(a: number, search?: string) {
    const query = search?.trim() ? `?search=${encodeURIComponent(search.trim())}` : '';
    return this.call(
      'GET',
      `/api/v1/accounts/${a}/canned_responses${query}`,
      cannedResponsesSchema,
    );
  }

  async integrationApps(a: number) {
    const res = await this.call(
      'GET',
      `/api/v1/accounts/${a}/integrations/apps`,
      integrationAppsSchema,
    );
    return res.payload;
  }

  async aiReplySuggestion(a: number, hookId: number, c: number) {
    const path = `/api/v1/accounts/${a}/integrations/hooks/${hookId}/process_event`;
    // Not sampled for Integration health: it waits for OpenAI, not for Chatwoot.
    const res = await this.request('POST', path, processEventResponseSchema, {
      event: { name: 'reply_suggestion', data: { conversation_display_id: c } },
    });
    return res.message;
  }

  private async call<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    schema: z.ZodMiniType<T>,
    body?: unknown,
  ): Promise<T> {
    const started = this.clock();
    let ok = false;
    try {
      const result = await this.request(method, path, schema, body);
      ok = true;
      return result;
    } finally {
      this.options.onSample?.({ ms: this.clock() - started, ok, method });
    }
  }

  private async request<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    schema: z.ZodMiniType<T>,
    body?: unknown,
  ): Promise<T> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(await this.options.authHeaders()),
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    const mayHaveLanded = method !== 'GET';
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(this.options.origin + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        credentials: 'omit', // our headers are the credentials; never the page's cookies
        // A redirect would carry those headers to wherever it points: never follow one.
        redirect: 'manual',
      });
      text = await response.text();
    } catch (error) {
      if (controller.signal.aborted) {
        throw new ChatwootError(
          'timeout',
          `No answer within ${this.timeoutMs / 1000} s`,
          null,
          mayHaveLanded,
        );
      }
      throw new ChatwootError('offline', describe(error), null, mayHaveLanded);
    } finally {
      clearTimeout(timer);
    }
    if (response.type === 'opaqueredirect') {
      throw new ChatwootError(
        'invalid_response',
        `Chatwoot answered ${path.split('?')[0]} with a redirect, which is not followed`,
        null,
        mayHaveLanded,
      );
    }
    if (!response.ok) throw errorFromResponse(response.status, text);
    let json: unknown = null;
    try {
      if (text || method === 'GET') json = JSON.parse(text);
    } catch {
      throw new ChatwootError(
        'invalid_response',
        `Chatwoot answered ${path.split('?')[0]} with something that is not JSON`,
        response.status,
        mayHaveLanded,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ChatwootError(
        'invalid_response',
        `Unexpected answer from Chatwoot (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'})`,
        response.status,
        mayHaveLanded,
      );
    }
    return parsed.data;
  }
}

function conv(a: number, c: number) {
  return `/api/v1/accounts/${a}/conversations/${c}`;
}

function describe(error: unknown) {
  return error instanceof Error ? error.message : String(error);
}

/** docs/CHATWOOT.md §4: the real bodies, not the swagger error schema (§7). */
export function errorFromResponse(status: number, text: string): ChatwootError {
  let body: z.infer<typeof unauthorizedBody> = {};
  try {
    const parsed = unauthorizedBody.safeParse(JSON.parse(text));
    if (parsed.success) body = parsed.data;
  } catch {
    // plain text or HTML: kept as is below
  }
  const said = body.error ?? body.message ?? body.errors?.join(' ') ?? text.slice(0, 200).trim();
  if (status === 401) {
    if (/not authorized to access this account/i.test(said))
      return new ChatwootError('not_in_account', said, status);
    if (/not authorized to do this action/i.test(said))
      return new ChatwootError('forbidden', said, status);
    if (/invalid access token/i.test(said)) return new ChatwootError('bad_token', said, status);
    return new ChatwootError('signed_out', said || 'Not signed in', status);
  }
  if (status === 403) return new ChatwootError('forbidden', said, status);
  if (status === 404) return new ChatwootError('not_found', said || 'Not found', status);
  if (status === 422) return new ChatwootError('unprocessable', said, status);
  if (status === 429) return new ChatwootError('rate_limited', said || 'Retry later', status);
  if (status >= 500) return new ChatwootError('server', `Chatwoot server error ${status}`, status);
  return new ChatwootError('invalid_response', `Unexpected status ${status}`, status);
}
