import { describe, expect, it } from 'vitest';
import { asksForManager, escalationLevel } from '../../../lib/sop/ladder';
import type { EscalationReason } from '../../../lib/decisions/record';

describe('escalation ladder (runbook: L2 lead, L3 operations manager)', () => {
  const cases: Array<[EscalationReason[], string | null, string, string]> = [
    [['refund_over_500'], null, 'L3', 'refund_over_500'],
    [['policy_exception'], 'thanks', 'L3', 'policy_exception'],
    [['legal_fraud', 'refund_over_500'], null, 'L3', 'refund_over_500'],
    [['legal_fraud'], null, 'L2', 'escalation'],
    [['abusive_language'], 'You are useless', 'L2', 'escalation'],
    [['other'], 'I want to speak to your manager now', 'L3', 'manager_request'],
    [['other'], 'Get me a SUPERVISOR.', 'L3', 'manager_request'],
    [['other'], 'Je veux parler à un responsable', 'L3', 'manager_request'],
    [['other'], 'Passez-moi votre supérieur', 'L3', 'manager_request'],
    [['other'], 'No manager needed, just ship it', 'L2', 'escalation'],
    [['other'], 'pas besoin de responsable', 'L2', 'escalation'],
    [['other'], 'the managerial team was kind', 'L2', 'escalation'],
    [['other'], '', 'L2', 'escalation'],
    [[], null, 'L2', 'escalation'],
  ];
  for (const [reasons, text, level, cause] of cases) {
    it(`${reasons.join('+') || 'none'} · ${JSON.stringify(text)} → ${level}`, () => {
      expect(escalationLevel(reasons, text)).toEqual({ level, cause });
    });
  }

  it('a later request in the same message still counts', () => {
    expect(asksForManager('No manager needed? Actually yes, get me a manager.')).toBe(true);
  });
});
