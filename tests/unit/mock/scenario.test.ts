import { describe, expect, it } from 'vitest';
import { conversationSchema, messageSchema } from '../../../lib/chatwoot/schemas';
import {
  buildScenario,
  buildScenarioDecisions,
  isScenarioDecisionId,
  MOCK_ORIGIN,
  SAMPLE_IDS,
  type SampleConversation,
} from '../../../lib/mock/scenario';
import { isTimeOrderedId } from '../../../lib/decisions/ids';
import { followUpFlags } from '../../../lib/sop/follow-up';
import { followUpStarts } from '../../../lib/sop/follow-up-start';
import { resolveWarnings } from '../../../lib/sop/resolve-guard';
import { slaPriority } from '../../../lib/sop/sla';
import { suggestReply } from '../sop/cues-fixture';
import { displayName, renderTemplate } from '../../../lib/sop/templates/templates';

// Every state the training needs (issue 6), computed with the REAL rules on the bundled
// samples — not read from labels the scenario gives itself.

const NOW = new Date('2026-11-27T10:00:00Z');

function states(samples: SampleConversation[], now: Date, slaMinutes = 30) {
  const decisions = buildScenarioDecisions(now);
  return samples.map(({ conversation, messages }) => {
    const suggestion = suggestReply({ messages, labels: conversation.labels });
    return {
      id: conversation.id,
      name: displayName(conversation.meta.sender?.name),
      priority: slaPriority(conversation, { now, slaMinutes }).priority,
      template: suggestion?.templateId ?? null,
      language: suggestion?.language ?? null,
      reply: suggestion
        ? renderTemplate(suggestion.templateId, { name: conversation.meta.sender?.name })
        : null,
      warnings: resolveWarnings({ messages, labels: conversation.labels }).map((w) => w.kind),
      flags: followUpFlags({
        now,
        messages,
        ...followUpStarts({
          decisions: decisions.filter((d) => d.conversationId === conversation.id),
          messages,
        }),
      }).map((f) => f.kind),
    };
  });
}

function expectFullCoverage(samples: SampleConversation[], now: Date, slaMinutes = 30) {
  const all = states(samples, now, slaMinutes);
  expect(new Set(all.map((s) => s.priority))).toEqual(new Set(['P1', 'P2', 'P3', null]));
  expect(new Set(all.map((s) => s.template))).toEqual(
    new Set(['ack_delay', 'ship_update', 'refund_offer', null]),
  );
  expect(all.some((s) => s.language === 'fr')).toBe(true);
  const unnamed = all.filter((s) => s.name === 'Customer');
  expect(unnamed).toHaveLength(1);
  expect(unnamed[0]?.reply).toContain('Customer');
  expect(all.some((s) => s.warnings.includes('refund_pending'))).toBe(true);
  expect(all.filter((s) => s.flags.includes('re_escalate_l2')).map((s) => s.id)).toEqual([
    SAMPLE_IDS.approvedWaiting24h,
  ]);
  expect(all.filter((s) => s.flags.includes('escalation_unacknowledged')).map((s) => s.id)).toEqual(
    [SAMPLE_IDS.escalationWaiting2h],
  );
  return all;
}

describe('the bundled scenario', () => {
  it('covers every state the training needs, by the real SOP rules', () => {
    const all = expectFullCoverage(buildScenario(NOW), NOW);
    const byId = new Map(all.map((s) => [s.id, s]));
    // The samples named for a state are in it (the panel, docs and e2e rely on the names).
    expect(byId.get(SAMPLE_IDS.p1Shipping)).toMatchObject({
      priority: 'P1',
      template: 'ship_update',
    });
    expect(byId.get(SAMPLE_IDS.p2Refund)).toMatchObject({
      priority: 'P2',
      template: 'refund_offer',
    });
    expect(byId.get(SAMPLE_IDS.p3Escalated)?.priority).toBe('P3');
    expect(byId.get(SAMPLE_IDS.noPriority)).toMatchObject({
      priority: null,
      template: 'ack_delay',
    });
    expect(byId.get(SAMPLE_IDS.french)?.language).toBe('fr');
    expect(byId.get(SAMPLE_IDS.unnamed)?.name).toBe('Customer');
    expect(byId.get(SAMPLE_IDS.noSuggestion)?.template).toBeNull();
    expect(byId.get(SAMPLE_IDS.refundPending)?.warnings).toContain('refund_pending');
  });

  it('keeps that coverage through a demo of 10 minutes, and for another SLA setting', () => {
    const samples = buildScenario(NOW);
    expectFullCoverage(samples, new Date(NOW.getTime() + 10 * 60_000));
    const slower = buildScenario(NOW, { slaMinutes: 60 });
    expectFullCoverage(slower, NOW, 60);
  });

  it('is Chatwoot wire data: the schemas read it back unchanged, times in epoch seconds', () => {
    for (const { conversation, messages } of buildScenario(NOW)) {
      expect(conversationSchema.parse(conversation)).toEqual(conversation);
      for (const m of messages) expect(messageSchema.parse(m)).toEqual(m);
      expect(Number.isInteger(conversation.created_at)).toBe(true);
      expect(conversation.created_at).toBeLessThanOrEqual(NOW.getTime() / 1000);
      expect(conversation.created_at).toBeGreaterThan(NOW.getTime() / 1000 - 2 * 86_400);
      // Only the last message, as Chatwoot's conversation payload (docs/CHATWOOT.md §7).
      expect(conversation.messages).toEqual(messages.slice(-1));
      expect(messages.map((m) => m.created_at)).toEqual(
        [...messages.map((m) => m.created_at)].sort((a, b) => a - b),
      );
    }
    const ids = buildScenario(NOW).flatMap((s) => s.messages.map((m) => m.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is pure: built relative to `now`', () => {
    expect(buildScenario(NOW)).toEqual(buildScenario(new Date(NOW)));
    const later = new Date(NOW.getTime() + 3_600_000);
    const [a] = buildScenario(NOW);
    const [b] = buildScenario(later);
    expect((b?.conversation.created_at ?? 0) - (a?.conversation.created_at ?? 0)).toBe(3600);
  });

  it('its decisions carry ids as the product makes them, and the note names its decision', () => {
    const decisions = buildScenarioDecisions(NOW);
    for (const d of decisions) {
      expect(isTimeOrderedId(d.id, d.createdAt)).toBe(true);
      expect(isScenarioDecisionId(d.id)).toBe(true);
    }
    expect(isScenarioDecisionId(crypto.randomUUID())).toBe(false);
    // The fixed ids an older build gave them: still the scenario's, not the trainer's.
    expect(isScenarioDecisionId('6d6f636b-0000-4000-8000-000000000009')).toBe(true);
    expect(isScenarioDecisionId('6d6f636b-0000-4000-8000-000000000010')).toBe(true);
    const escalation = decisions.find((d) => d.action === 'chatwoot.escalate')!;
    const notes = buildScenario(NOW)
      .flatMap((c) => c.messages)
      .filter((m) => m.private);
    expect(notes.some((m) => m.content?.includes(`Ref: ${escalation.id}`))).toBe(true);
    // Same `now`, same ids: Reset demo can tell the scenario's own decisions apart.
    expect(buildScenarioDecisions(NOW).map((d) => d.id)).toEqual(decisions.map((d) => d.id));
  });

  it('its history is in the log as mock decisions, in step with the messages', () => {
    const decisions = buildScenarioDecisions(NOW);
    expect(decisions.every((d) => d.mock && d.chatwootOrigin === MOCK_ORIGIN)).toBe(true);
    const samples = new Map(buildScenario(NOW).map((s) => [s.conversation.id, s]));
    for (const d of decisions) {
      const sample = samples.get(d.conversationId);
      const at = d.createdAt.getTime() / 1000;
      if (d.action === 'chatwoot.approve_send') {
        expect(sample?.messages.find((m) => m.created_at === at)?.content).toBe(d.replyBody);
      } else {
        const note = sample?.messages.find((m) => m.private && m.created_at === at);
        expect(note?.content).toContain(`Ref: ${d.id}`);
      }
    }
  });
});
