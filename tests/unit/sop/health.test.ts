import { describe, expect, it } from 'vitest';
import {
  breachesByDay,
  dayKey,
  healthReport,
  localDayStart,
  percentile,
} from '../../../lib/sop/health';

const now = new Date('2026-11-27T12:00:00Z');
const dayStart = new Date('2026-11-27T00:00:00Z');
const samples = (values: number[], minutesAgo = 1) =>
  values.map((ms) => ({ at: now.getTime() - minutesAgo * 60_000, ms, ok: true }));
const base = {
  now,
  dayStart,
  samples: [],
  sends: [],
  breachesToday: 0,
  breachesSameWeekdayLastWeek: null,
};

describe('percentile (nearest rank)', () => {
  it.each([
    [[], 50, null],
    [[100], 95, 100],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95, 10],
    [Array.from({ length: 100 }, (_, i) => i + 1), 95, 95],
  ])('%j p%i → %s', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});

describe('API latency: target < 500 ms, warn when > 1000 ms sustained', () => {
  it.each([
    ['no calls yet', [], 0, 'no_data'],
    ['fast', [120, 180, 200, 240, 300], 1, 'ok'],
    ['one slow call is not sustained', [120, 180, 2500, 240, 300], 1, 'ok'],
    ['slow for the last 15 minutes', [1100, 1200, 1500, 1300, 1250], 1, 'warn'],
    ['slow but only four calls', [1100, 1200, 1500, 1300], 1, 'ok'],
    ['slow long ago, nothing recent', [1100, 1200, 1500, 1300, 1250], 60, 'ok'],
  ])('%s → %s', (_name, values, minutesAgo, status) => {
    const report = healthReport({ ...base, samples: samples(values, minutesAgo) });
    expect(report.latency.status).toBe(status);
  });

  it('reports median and p95 over every sample', () => {
    const report = healthReport({ ...base, samples: samples([100, 200, 300, 400, 5000]) });
    expect(report.latency).toMatchObject({ median: 300, p95: 5000, count: 5 });
  });
});

describe('send failure rate: warn above 5 %', () => {
  const createdAt = new Date('2026-11-27T09:00:00Z');
  const sends = (sent: number, failed: number) => [
    ...Array.from({ length: sent }, () => ({ syncState: 'sent', createdAt })),
    ...Array.from({ length: failed }, () => ({ syncState: 'failed', createdAt })),
  ];
  it.each([
    [0, 0, null, 'no_data'],
    [100, 0, 0, 'ok'],
    [95, 5, 0.05, 'ok'], // exactly 5 % is not above
    [94, 6, 0.06, 'warn'],
  ])('%i sent, %i failed → %s', (sent, failed, rate, status) => {
    const report = healthReport({ ...base, sends: sends(sent, failed) });
    expect(report.sendFailures.rate).toBe(rate);
    expect(report.sendFailures.status).toBe(status);
  });
});

describe('send failure rate: today means since local midnight, not the last 24 h', () => {
  it('leaves out yesterday evening and counts this morning', () => {
    const report = healthReport({
      ...base,
      sends: [
        // Yesterday 23:50: five failures a rolling 24 h would still count.
        ...Array.from({ length: 5 }, () => ({
          syncState: 'failed',
          createdAt: new Date('2026-11-26T23:50:00Z'),
        })),
        { syncState: 'sent', createdAt: new Date('2026-11-27T00:00:00Z') }, // midnight is today
        { syncState: 'sent', createdAt: new Date('2026-11-27T08:00:00Z') },
        { syncState: 'pending', createdAt: new Date('2026-11-27T11:59:00Z') },
      ],
    });
    expect(report.sendFailures).toMatchObject({ sent: 2, failed: 0, rate: 0, status: 'ok' });
  });

  it('localDayStart is the local calendar midnight, a week back across DST too', () => {
    const at = new Date(2026, 2, 30, 0, 30); // 30 March, after the spring change in Europe
    expect(localDayStart(at)).toEqual(new Date(2026, 2, 30));
    expect(localDayStart(at, 7)).toEqual(new Date(2026, 2, 23));
    expect(localDayStart(at, 7).getDay()).toBe(at.getDay());
  });
});

describe('SLA breaches: today vs the same weekday last week, warn at +20 %', () => {
  it.each([
    [5, null, 'no_data'],
    [12, 10, 'warn'], // +20 %
    [11, 10, 'ok'],
    [0, 4, 'ok'],
    [3, 0, 'warn'], // none last week: any breach today is an increase
    [0, 0, 'ok'],
  ])('%i today vs %s → %s', (today, lastWeek, status) => {
    const report = healthReport({
      ...base,
      breachesToday: today,
      breachesSameWeekdayLastWeek: lastWeek,
    });
    expect(report.breaches.status).toBe(status);
    // Never a ratio against zero.
    expect(Number.isFinite(report.breaches.change ?? 0)).toBe(true);
    if (lastWeek === 0) expect(report.breaches.change).toBeNull();
  });
});

describe('breachesByDay', () => {
  it('files each breached conversation under the local day its SLA passed', () => {
    const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);
    const days = breachesByDay(
      [
        { id: 1, status: 'open', labels: [], created_at: at('2026-11-27T08:00:00Z') }, // breached 08:30
        { id: 2, status: 'open', labels: [], created_at: at('2026-11-26T23:45:00Z') }, // 00:15 UTC 27th, 01:15 Paris
        { id: 3, status: 'open', labels: [], created_at: at('2026-11-27T11:50:00Z') }, // not yet
        { id: 4, status: 'resolved', labels: [], created_at: at('2026-11-27T01:00:00Z') }, // no priority
      ],
      { now, slaMinutes: 30, timeZone: 'Europe/Paris' },
    );
    expect(Object.fromEntries(days)).toEqual({
      '2026-11-27': [
        { id: 1, breachedAt: new Date('2026-11-27T08:30:00Z') },
        { id: 2, breachedAt: new Date('2026-11-27T00:15:00Z') },
      ],
    });
    expect(dayKey(new Date('2026-11-26T23:30:00Z'), 'Europe/Paris')).toBe('2026-11-27');
    expect(dayKey(new Date('2026-11-26T23:30:00Z'), 'America/New_York')).toBe('2026-11-26');
  });
});
