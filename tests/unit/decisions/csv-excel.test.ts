import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  CSV_COLUMNS,
  createCsvWriter,
  decisionsToCsv,
  defaultCsvDelimiter,
} from '../../../lib/decisions/csv';
import { makeDecision } from './fixtures';

// "Excel (semicolon)": French-locale Excel splits on `;`, so a comma file opens in one column.

type Row = Record<string, string>;
const parse = (csv: string, delimiter: string): Row[] => {
  const result = Papa.parse<Row>(csv.replace(/^\uFEFF/, ''), { header: true, delimiter });
  expect(result.errors).toEqual([]);
  expect(result.meta.fields).toEqual([...CSV_COLUMNS]);
  return result.data;
};

describe('CSV with a semicolon delimiter', () => {
  const tricky = makeDecision({
    note: 'a;b, c "quoted"\r\nline 2',
    replyBody: 'Prix : 12,50 € ; merci',
    operatorEmail: '=cmd;x',
  });

  it('splits header and rows on ; and keeps the BOM', () => {
    const csv = decisionsToCsv([makeDecision({ note: 'plain' })], {
      timeZone: 'UTC',
      delimiter: ';',
    });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [head, row] = csv.slice(1).split('\r\n');
    expect(head).toBe(CSV_COLUMNS.join(';'));
    expect(row!.split(';')).toHaveLength(CSV_COLUMNS.length);
  });

  it('round-trips every cell through a standard parser, ; and , inside cells included', () => {
    const rows = parse(decisionsToCsv([tricky], { timeZone: 'UTC', delimiter: ';' }), ';');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.note).toBe('a;b, c "quoted"\r\nline 2');
    expect(rows[0]!.reply_body).toBe('Prix : 12,50 € ; merci');
    expect(rows[0]!.operator_email).toBe("'=cmd;x"); // formulas still neutralised
  });

  it('gives the same cells as the comma file', () => {
    const comma = parse(decisionsToCsv([tricky], { timeZone: 'UTC' }), ',');
    const semi = parse(decisionsToCsv([tricky], { timeZone: 'UTC', delimiter: ';' }), ';');
    expect(semi).toEqual(comma);
  });

  it('leaves the default comma file as it was: a lone ; is not quoted there', () => {
    const csv = decisionsToCsv([makeDecision({ note: 'a;b' })], { timeZone: 'UTC', bom: false });
    expect(csv.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    expect(csv).toContain(',a;b,');
  });

  it('refuses any other delimiter', () => {
    expect(() => createCsvWriter({ delimiter: '\t' as ';' })).toThrow(RangeError);
  });
});

describe('defaultCsvDelimiter: from the panel language', () => {
  it.each([
    ['fr', ';'],
    ['fr-CA', ';'],
    ['en', ','],
    ['en-GB', ','],
  ])('%s → %s', (locale, expected) => {
    expect(defaultCsvDelimiter(locale)).toBe(expected);
  });
});
