import { describe, expect, it } from 'vitest';
import { ChatwootError, classifyError, toErrorInfo } from '../../../lib/chatwoot/errors';

describe('toErrorInfo: what the outbox does with a thrown error', () => {
  it.each([
    [
      'a Chatwoot error keeps its kind',
      new ChatwootError('not_found', 'gone', 404),
      'not_found',
      'fail',
    ],
    [
      'a worker being stopped (Chromium: "No SW") is retried',
      new Error('No SW'),
      'offline',
      'retry',
    ],
    ['any other bug stays unexpected', new Error('x is undefined'), 'unexpected', 'fail'],
  ] as const)('%s', (_, error, kind, outcome) => {
    const info = toErrorInfo(error);
    expect(info.kind).toBe(kind);
    expect(classifyError(info.kind)).toBe(outcome);
  });
});
