import { describe, expect, it } from 'vitest';
import { z } from '../../../lib/zod';
import { enableEnglishIssueMessages } from '../../../lib/zod-messages';

describe("zod's issue messages", () => {
  const schema = z.object({ id: z.number() });
  const message = () => schema.safeParse({ id: 'x' }).error?.issues[0]?.message;

  it('are bare in the pages (zod/mini ships none), and English once the worker turns them on', () => {
    expect(message()).toBe('Invalid input');
    enableEnglishIssueMessages();
    expect(message()).toBe('Invalid input: expected number, received string');
  });
});
