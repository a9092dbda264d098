import { describe, expect, it } from 'vitest';
import { nativePriorityToWrite } from '../../../lib/sop/native-priority';
import type { Priority } from '../../../lib/sop/sla';

describe('native priority: written only where no person set one', () => {
  const cases: Array<[string, Priority | null, string | null, string | undefined, string | null]> =
    [
      ['none yet, never touched → write', 'P1', null, undefined, 'urgent'],
      ['P2 → high', 'P2', null, undefined, 'high'],
      ['P3 → medium', 'P3', null, undefined, 'medium'],
      ['already right → nothing', 'P1', 'urgent', 'urgent', null],
      ['ours, the level moved → follow it', 'P1', 'high', 'high', 'urgent'],
      ['a person changed ours → leave it', 'P1', 'low', 'high', null],
      ['a person cleared ours → leave it', 'P1', null, 'high', null],
      ['a person set one before us → leave it', 'P2', 'urgent', undefined, null],
      ['no SLA level → nothing', null, null, undefined, null],
      ['no SLA level, ours stays → nothing', null, 'urgent', 'urgent', null],
    ];
  for (const [name, level, current, last, expected] of cases) {
    it(name, () => expect(nativePriorityToWrite(level, current, last)).toBe(expected));
  }
});
