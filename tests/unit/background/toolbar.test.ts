import { describe, expect, it } from 'vitest';
import { toolbarState } from '../../../lib/background/toolbar';

// The toolbar icon's state per tab (lib/background/toolbar.ts).

describe('toolbarState', () => {
  it('is grey before setup, except on a Chatwoot dashboard we may see (connect there)', () => {
    expect(toolbarState(false, { chatwoot: false })).toBe('off');
    expect(toolbarState(false, { url: 'https://example.org/', chatwoot: false })).toBe('off');
    expect(toolbarState(false, { url: 'https://chat.acme.test/app/login', chatwoot: false })).toBe(
      'off',
    );
    expect(
      toolbarState(false, {
        url: 'https://chat.acme.test/app/accounts/3/conversations/9',
        chatwoot: false,
      }),
    ).toBe('live');
  });

  it('once connected: live on the configured Chatwoot, plain elsewhere', () => {
    expect(toolbarState(true, { chatwoot: true })).toBe('live');
    expect(toolbarState(true, { url: 'https://example.org/', chatwoot: false })).toBe('on');
    // Another Chatwoot than the configured one is not "this tab is Chatwoot".
    expect(
      toolbarState(true, { url: 'https://other.test/app/accounts/1/dashboard', chatwoot: false }),
    ).toBe('on');
  });
});
