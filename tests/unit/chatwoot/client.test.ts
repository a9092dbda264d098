import { describe, expect, it } from 'vitest';
import { ChatwootClient, errorFromResponse } from '../../../lib/chatwoot/client';
import { ChatwootError, classifyError } from '../../../lib/chatwoot/errors';

function clientAnswering(status: number, body: string, headers: Record<string, string> = {}) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const client = new ChatwootClient({
    origin: 'https://chat.example.org',
    authHeaders: async () => ({ api_access_token: 'secret' }),
    fetch: async (url, init) => {
      calls.push({ url: String(url), init });
      return new Response(body, {
        status,
        headers: { 'content-type': 'application/json', ...headers },
      });
    },
  });
  return { client, calls };
}

const conversation = {
  id: 7,
  account_id: 1,
  status: 'open',
  labels: ['vip'],
  created_at: 1_760_000_000,
  timestamp: 1_760_000_500,
  first_reply_created_at: 0,
  waiting_since: 0,
  updated_at: 1760000500.123,
  snoozed_until: null,
  meta: { sender: { id: 3, name: null } },
  messages: [],
  some_future_field: { nested: true },
};

describe('errorFromResponse: the real Chatwoot bodies (docs/CHATWOOT.md §4)', () => {
  it.each([
    [401, '{"error":"Invalid Access Token"}', 'bad_token'],
    [401, '{"errors":["You need to sign in or sign up before continuing."]}', 'signed_out'],
    [401, '{"error":"You are not authorized to access this account"}', 'not_in_account'],
    [401, '{"error":"You are not authorized to do this action"}', 'forbidden'],
    [404, '{"error":"Resource could not be found"}', 'not_found'],
    [422, '{"error":"Content can\'t be blank"}', 'unprocessable'],
    [422, '{"message":"Invalid status","attributes":["status"]}', 'unprocessable'],
    [429, 'Retry later', 'rate_limited'],
    [502, '<html><body>Bad Gateway</body></html>', 'server'],
    [503, '', 'server'],
    [418, 'teapot', 'invalid_response'],
  ] as const)('%i %s → %s', (status, body, kind) => {
    expect(errorFromResponse(status, body).kind).toBe(kind);
  });

  it('keeps the 422 reason for the user', () => {
    expect(errorFromResponse(422, '{"error":"Content can\'t be blank"}').message).toBe(
      "Content can't be blank",
    );
  });
});

describe('classifyError: what the outbox does', () => {
  it.each([
    ['rate_limited', 'retry'],
    ['server', 'retry'],
    ['offline', 'retry'],
    ['timeout', 'retry'],
    ['signed_out', 'pause'],
    ['bad_token', 'pause'],
    ['not_found', 'fail'],
    ['unprocessable', 'fail'],
    ['forbidden', 'fail'],
    ['label_refused', 'fail'],
  ] as const)('%s → %s', (kind, expected) => {
    expect(classifyError(kind)).toBe(expected);
  });
});

describe('ChatwootClient', () => {
  it('parses a conversation, tolerating extra fields and keeping epoch seconds', async () => {
    const { client, calls } = clientAnswering(200, JSON.stringify(conversation));
    const result = await client.conversation(1, 7);
    expect(result.id).toBe(7);
    expect(result.created_at).toBe(1_760_000_000);
    expect(result.first_reply_created_at).toBe(0);
    expect(result.meta.sender?.name).toBeNull();
    expect(calls[0]?.url).toBe('https://chat.example.org/api/v1/accounts/1/conversations/7');
    expect(new Headers(calls[0]?.init?.headers).get('api_access_token')).toBe('secret');
    expect(calls[0]?.init?.credentials).toBe('omit');
  });

  it('sends outgoing messages with the private flag', async () => {
    const { client, calls } = clientAnswering(
      200,
      JSON.stringify({ id: 99, content: 'hi', message_type: 1, private: true, created_at: 1 }),
    );
    const message = await client.postMessage(1, 7, { content: 'hi', private: true });
    expect(message.id).toBe(99);
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({
      content: 'hi',
      message_type: 'outgoing',
      private: true,
    });
  });

  it('turns a non-JSON 200 into invalid_response, marked ambiguous for a POST', async () => {
    const { client } = clientAnswering(200, '<html>hello</html>');
    const error = await client.postMessage(1, 7, { content: 'x', private: false }).catch((e) => e);
    expect(error).toBeInstanceOf(ChatwootError);
    expect(error.kind).toBe('invalid_response');
    expect(error.ambiguous).toBe(true);
  });

  it('rejects a payload of the wrong shape with the field named', async () => {
    const { client } = clientAnswering(200, JSON.stringify({ ...conversation, id: 'seven' }));
    const error = await client.conversation(1, 7).catch((e) => e);
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toContain('id');
  });

  it('reports a dropped connection as offline and a slow one as timeout', async () => {
    const offline = new ChatwootClient({
      origin: 'https://x.test',
      authHeaders: async () => ({}),
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    expect((await offline.profile().catch((e) => e)).kind).toBe('offline');
    const slow = new ChatwootClient({
      origin: 'https://x.test',
      authHeaders: async () => ({}),
      timeoutMs: 20,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () =>
            reject(new DOMException('aborted', 'AbortError')),
          ),
        ),
    });
    const error = await slow.setStatus(1, 2, 'resolved').catch((e) => e);
    expect(error.kind).toBe('timeout');
    expect(error.ambiguous).toBe(true);
  });

  it('records a latency sample per call, failed or not', async () => {
    const samples: { ok: boolean; method: string }[] = [];
    let t = 0;
    const client = new ChatwootClient({
      origin: 'https://x.test',
      authHeaders: async () => ({}),
      clock: () => (t += 100),
      onSample: (s) => samples.push(s),
      fetch: async () => new Response('Retry later', { status: 429 }),
    });
    await client.labels(1, 2).catch(() => undefined);
    expect(samples).toEqual([{ ms: 100, ok: false, method: 'GET' }]);
  });
});
