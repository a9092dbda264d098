// Text matching for the SOP rules that read messages (SOP-CX-002 suggest, SOP-CX-004 guard).
// Messages are folded (lowercase, no accents, one kind of apostrophe, single spaces) so one
// pattern covers "remboursé", "rembourse" and "REMBOURSÉ"; an index map leads every match
// back to the customer's own words for the panel ("cue: «remboursé»").

export interface FoldedText {
  /** The message as written (NFC). */
  original: string;
  /** Lowercase, accents removed, ’ → ', whitespace runs → one space ('\n' if they held one). */
  text: string;
  /** For each char of `text`, the index of the char of `original` it came from. */
  map: number[];
}

const APOSTROPHES = /[\u2018\u2019\u201b\u02bc\u00b4\u0060\u2032]/u;
const SPECIAL: Readonly<Record<string, string>> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
};

function foldChar(ch: string): string {
  if (APOSTROPHES.test(ch)) return "'";
  const lower = ch.toLowerCase();
  const special = SPECIAL[lower];
  if (special !== undefined) return special;
  // NFKD splits "é" into "e" + accent and "ﬁ" into "fi"; the marks are dropped.
  return lower.normalize('NFKD').replace(/\p{M}/gu, '');
}

export function foldText(input: string): FoldedText {
  const original = input.normalize('NFC');
  let text = '';
  const map: number[] = [];
  let pendingSpace: { index: number; newline: boolean } | null = null;
  for (let i = 0; i < original.length;) {
    const codePoint = original.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(codePoint);
    if (/\s/u.test(ch)) {
      const newline = ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029';
      pendingSpace =
        pendingSpace === null
          ? { index: i, newline }
          : { index: pendingSpace.index, newline: pendingSpace.newline || newline };
    } else {
      if (pendingSpace !== null) {
        if (text !== '') {
          text += pendingSpace.newline ? '\n' : ' ';
          map.push(pendingSpace.index);
        }
        pendingSpace = null;
      }
      for (const out of foldChar(ch)) {
        text += out;
        map.push(i);
      }
    }
    i += ch.length;
  }
  return { original, text, map };
}

/** The words of `original` that produced text[start, end). */
export function originalSlice(folded: FoldedText, start: number, end: number): string {
  const from = folded.map[start] ?? folded.original.length;
  const last = folded.map[end - 1];
  if (last === undefined) return folded.original.slice(from).trim();
  const lastCodePoint = folded.original.codePointAt(last) ?? 0;
  return folded.original.slice(from, last + String.fromCodePoint(lastCodePoint).length).trim();
}

/** One word of folded text (letters, digits, apostrophes, hyphens: "est-ce", "j'ai"). */
export const W = String.raw`[\p{L}\p{N}'-]+`;
/** Up to n words, each followed by a space: the "few words in between" of a phrase. */
export const gap = (n: number): string => `(?:${W} ){0,${n}}`;
/** English negations, with or without the apostrophe ("didnt"). */
export const NEG_EN = String.raw`(?:not|never|no longer|cannot|(?:do|does|did|has|have|had|is|are|was|were|wo|ca|could|would|should)n'?t)`;

/**
 * Compiles a folded-text pattern: whole words only (Unicode-aware, unlike \b), and every
 * literal space in the source matches one whitespace char (folded text has single spaces).
 */
export function rx(source: string): RegExp {
  // A pattern written in quotes instead of backticks keeps its `${…}` unexpanded.
  if (source.includes('${')) throw new Error(`Unexpanded placeholder in pattern: ${source}`);
  const spaced = source.replace(/ /g, String.raw`\s`);
  return new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${spaced})(?![\p{L}\p{N}])`, 'gu');
}

/** Joins alternatives into one non-capturing group. */
export const any = (...alternatives: string[]): string => `(?:${alternatives.join('|')})`;

/** Bounds of the sentence of folded `text` that contains [start, end). */
export function sentenceAround(text: string, start: number, end: number): [number, number] {
  let from = start;
  while (from > 0 && !/[.!?;\n]/.test(text[from - 1] ?? '')) from -= 1;
  let to = end;
  while (to < text.length && !/[.!?;\n]/.test(text[to] ?? '')) to += 1;
  return [from, to];
}

export interface Hit<K extends string> {
  kind: K;
  start: number;
  end: number;
}

export interface Rule<K extends string> {
  kind: K;
  pattern: RegExp;
  /** The rule does not apply in a sentence matching this (e.g. praise that is really a complaint). */
  unlessSentence?: RegExp;
}

/**
 * Runs ordered rules over folded text. Each match is recorded and then blanked out, so a
 * later, broader rule cannot see it again: "returned to sender" is a shipping cue before
 * "return" is ever read as a refund cue, and a masked "returning customer" is nothing at all.
 */
export function scan<K extends string>(folded: FoldedText, rules: readonly Rule<K>[]): Hit<K>[] {
  let working = folded.text;
  const hits: Hit<K>[] = [];
  for (const rule of rules) {
    rule.pattern.lastIndex = 0;
    const found: Hit<K>[] = [];
    for (const match of working.matchAll(rule.pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (match[0].length === 0) continue;
      if (rule.unlessSentence !== undefined) {
        const [from, to] = sentenceAround(folded.text, start, end);
        rule.unlessSentence.lastIndex = 0;
        if (rule.unlessSentence.test(folded.text.slice(from, to))) continue;
      }
      found.push({ kind: rule.kind, start, end });
    }
    for (const hit of found) {
      // \0 is neither a letter nor a space: it ends words and stops phrases spanning it.
      working =
        working.slice(0, hit.start) + '\0'.repeat(hit.end - hit.start) + working.slice(hit.end);
      hits.push(hit);
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}
