import { describe, expect, it } from 'vitest';
import { checkSender, type SenderPolicy } from '../../../lib/background/requests';

const policy: SenderPolicy = {
  extensionId: 'ext',
  extensionOrigin: 'chrome-extension://ext',
  allowedContentOrigin: async () => 'https://chat.example.org',
};

describe('checkSender: who may send what', () => {
  it.each([
    [
      'the side panel, anything',
      'action/submit',
      { id: 'ext', url: 'chrome-extension://ext/sidepanel.html', origin: 'chrome-extension://ext' },
      null,
    ],
    [
      'the panel opened as a tab',
      'conversation/get',
      { id: 'ext', url: 'chrome-extension://ext/sidepanel.html', tab: { id: 1 } },
      null,
    ],
    [
      'a content script on Chatwoot, its location',
      'page/location',
      {
        id: 'ext',
        url: 'https://chat.example.org/app',
        origin: 'https://chat.example.org',
        tab: { id: 1 },
      },
      null,
    ],
    [
      'a content script asking for data',
      'conversation/get',
      {
        id: 'ext',
        url: 'https://chat.example.org/app',
        origin: 'https://chat.example.org',
        tab: { id: 1 },
      },
      'content scripts may not send conversation/get',
    ],
    [
      'a content script on another origin',
      'page/location',
      { id: 'ext', url: 'https://evil.test/', origin: 'https://evil.test', tab: { id: 1 } },
      'content script from an unconfigured origin',
    ],
    [
      'another extension',
      'page/location',
      { id: 'other', url: 'chrome-extension://other/x.html' },
      'foreign sender',
    ],
  ] as const)('%s', async (_name, type, sender, expected) => {
    expect(await checkSender(type, sender, policy)).toBe(expected);
  });
});
