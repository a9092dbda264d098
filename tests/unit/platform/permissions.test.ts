import { describe, expect, it } from 'vitest';
import { isGranted, requestOrigin, type PermissionsApi } from '../../../lib/platform/permissions';
import { normaliseOrigin, originPattern } from '../../../lib/settings/settings';

function fakePermissions(granted: string[], answer: boolean) {
  const asked: string[][] = [];
  const api: PermissionsApi = {
    contains: async ({ origins }) => origins.every((o) => granted.includes(o)),
    request: async ({ origins }) => {
      asked.push(origins);
      if (answer) granted.push(...origins);
      return answer;
    },
  };
  return { api, asked };
}

describe('host access for a self-hosted Chatwoot, asked at save time', () => {
  it('asks for exactly the entered origin (a match pattern cannot carry the port)', async () => {
    const { api, asked } = fakePermissions([], true);
    expect(await requestOrigin(api, 'https://chat.example.org:8443', false)).toBe(true);
    expect(asked).toEqual([['https://chat.example.org/*']]);
    expect(await isGranted(api, 'https://chat.example.org:8443')).toBe(true);
  });

  it('does not ask again when already granted', async () => {
    const { api, asked } = fakePermissions(['https://app.chatwoot.com/*'], false);
    expect(await requestOrigin(api, 'https://app.chatwoot.com', true)).toBe(true);
    expect(asked).toEqual([]);
  });

  it('reports a refusal', async () => {
    const { api } = fakePermissions([], false);
    expect(await requestOrigin(api, 'https://chat.example.org', false)).toBe(false);
  });
});

describe('normaliseOrigin: what the user types in "Chatwoot URL"', () => {
  it.each([
    ['https://app.chatwoot.com', 'https://app.chatwoot.com'],
    ['https://app.chatwoot.com/app/accounts/1/conversations/5', 'https://app.chatwoot.com'],
    ['  chat.example.org  ', 'https://chat.example.org'],
    ['http://localhost:3000/', 'http://localhost:3000'],
    ['HTTPS://Chat.Example.ORG', 'https://chat.example.org'],
    ['ftp://chat.example.org', null],
    ['javascript:alert(1)', null],
    ['', null],
    ['http://', null],
  ])('%j → %s', (input, expected) => {
    expect(normaliseOrigin(input)).toBe(expected);
  });

  it.each([
    ['https://app.chatwoot.com', 'https://app.chatwoot.com/*'],
    ['http://localhost:3000', 'http://localhost/*'],
  ])('pattern of %s is %s', (origin, pattern) => {
    expect(originPattern(origin)).toBe(pattern);
  });
});
