import { describe, expect, it } from 'vitest';
import { ChatwootClient } from '../../../lib/chatwoot/client';
import { ChatwootError } from '../../../lib/chatwoot/errors';

// Issue 9: the credentials are headers on every call; a redirect must not carry them away.
// (The e2e suite checks the same against a real redirecting server: isolation.spec.ts.)

describe('ChatwootClient and redirects', () => {
  it('asks fetch not to follow redirects and reports one as an answer it cannot use', async () => {
    const inits: RequestInit[] = [];
    const client = new ChatwootClient({
      origin: 'https://chat.example.org',
      authHeaders: async () => ({ api_access_token: 'secret' }),
      fetch: async (_url, init) => {
        inits.push(init ?? {});
        // What fetch gives for a redirect under `redirect: 'manual'`.
        return { ok: false, status: 0, type: 'opaqueredirect', text: async () => '' } as Response;
      },
    });
    const error = await client.profile().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatwootError);
    expect((error as ChatwootError).kind).toBe('invalid_response');
    expect((error as ChatwootError).message).toMatch(/redirect/);
    expect(inits.map((i) => [i.redirect, i.credentials])).toEqual([['manual', 'omit']]);
  });
});
