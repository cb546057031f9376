/**
 * Reads the figures a text states: dollar amounts, percentages, counts, dates, years and
 * fiscal-year periods, each with its exact span, the precision it was written at, the words
 * around it that qualify it ("about", "more than", "a year", "over ten years") and the style it
 * was written in, so a correction can be written back in the writer's own form.
 *
 * Used twice: on a draft, to find what to check, and on the reference's own fact text, so the
 * build can confirm that every figure a fact carries as data is the one its text states.
 */

export type MentionKind = 'amount' | 'percent' | 'count' | 'date' | 'period';

/** A calendar date at the precision it was written: a year, a month or a day (or a run of days). */
export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
  /** The last day of a run such as "21–22 June 2025". */
  dayTo?: number;
}

/** How an amount was written, to write a correction the same way. */
export interface AmountStyle {
  /** What stood before the number: "$", "US$", "USD ", or "" for "38 billion dollars". */
  prefix: string;
  /** The scale word as written ("billion", "bn", "B", "million", "m"), or "" for a plain number. */
  scaleWord: string;
  /** What followed: " dollars", " US dollars", or "". */
  suffix: string;
}

export type DateStyle = 'us' | 'intl' | 'iso' | 'month-year' | 'year';

export interface FigureMention {
  kind: MentionKind;
  /** UTF-16 offsets of the figure itself, `end` exclusive. */
  start: number;
  end: number;
  /** The figure as written. */
  text: string;
  /** Amounts in dollars, percentages in percent, counts as counted. */
  value?: number;
  /** Decimal places written ("3.8" has one), to compare at the stated precision. */
  decimals?: number;
  /** For amounts: the multiplier of the scale word (1e9 for "billion"). */
  scale?: number;
  amountStyle?: AmountStyle;
  date?: PartialDate;
  dateStyle?: DateStyle;
  /** For periods: first and last fiscal (or calendar) year, inclusive. */
  period?: { from: number; to: number; fiscal: boolean };
  /** "about", "more than", "less than" before the figure. */
  qualifier?: 'approx' | 'atLeast' | 'atMost';
  /** Whether the words around an amount or count make it yearly or a total. */
  per?: 'year' | 'total';
}

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};
export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const SCALES: Record<string, number> = {
  thousand: 1e3, k: 1e3, million: 1e6, mn: 1e6, mln: 1e6, m: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12,
};

const month = (name: string) =>
  `(?<${name}>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?`;
const num = (name: string) => `(?<${name}>\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)`;
const scale = (name: string) => `(?<${name}>thousand|million|billion|trillion|bn|mn|mln|tn|[kKmMbB])(?![A-Za-z])`;
const DASH = '\\s*(?:[–—-]|to|through|thru)\\s*';

/**
 * One pass over a text finds every figure; the alternatives are tried in order at each place,
 * so the longest reading ("15 September 2020") wins over its parts ("15", "2020").
 */
const FIGURE = new RegExp(
  [
    `(?<iso>\\b(?<isoYear>\\d{4})-(?<isoMonth>\\d{2})-(?<isoDay>\\d{2})\\b)`,
    `(?<us>\\b${month('usMonth')}\\s+(?<usDay>\\d{1,2})(?:st|nd|rd|th)?(?:\\s*[–-]\\s*(?<usDayTo>\\d{1,2}))?,?\\s+(?<usYear>\\d{4})\\b)`,
    `(?<intl>\\b(?<intlDay>\\d{1,2})(?:\\s*[–-]\\s*(?<intlDayTo>\\d{1,2}))?\\s+${month('intlMonth')},?\\s+(?<intlYear>\\d{4})\\b)`,
    `(?<monthYear>\\b${month('myMonth')},?\\s+(?:of\\s+)?(?<myYear>\\d{4})\\b)`,
    `(?<fiscal>\\b(?:FY|[Ff]iscal\\s+[Yy]ears?\\s*)\\s?(?<fyFrom>\\d{4})(?:${DASH}(?:FY\\s?)?(?<fyTo>\\d{4}|\\d{2}))?\\b)`,
    `(?<years>\\b(?<yFrom>(?:19|20)\\d\\d)\\s*[–—-]\\s*(?<yTo>(?:19|20)\\d\\d|\\d\\d)\\b)`,
    `(?<dollar>(?:\\b(?:US|U\\.S\\.)\\s?)?\\$\\s?${num('dollarNum')}(?:\\s*${scale('dollarScale')})?)`,
    `(?<usd>\\bUSD\\s?${num('usdNum')}(?:\\s*${scale('usdScale')})?)`,
    `(?<dollars>\\b${num('dollarsNum')}(?:\\s*(?<dollarsScale>thousand|million|billion|trillion))?\\s+(?<dollarsWord>(?:US\\s+|U\\.S\\.\\s+|American\\s+)?dollars)\\b)`,
    `(?<percent>\\b${num('percentNum')}\\s?(?:%|percent\\b|per\\s+cent\\b))`,
    `(?<number>\\b${num('plainNum')}\\b)`,
  ].join('|'),
  'g',
);

const APPROX_BEFORE = /(?:\babout|\baround|\broughly|\bapproximately|\bnearly|\balmost|\bsome|\bclose to|\ban estimated|\bestimated|\bcirca|\bca\.|~|\bjust under|\bjust over|\bunder|\bover)\s*$/i;
const AT_LEAST_BEFORE = /(?:\bmore than|\bat least|\bupwards of|\bin excess of|\bexceeding|\babove|\bover)\s*$/i;
const AT_MOST_BEFORE = /(?:\bless than|\bfewer than|\bup to|\bat most|\bbelow|\bunder|\bno more than)\s*$/i;
const PER_YEAR_AFTER = /^\s*(?:(?:a|per|each|every)\s+(?:fiscal\s+)?year\b|annually\b|yearly\b|per\s+annum\b|a\s+year\b)/i;
const PER_YEAR_BEFORE = /\b(?:annual|annually|yearly|a\s+year\s+of|per\s+year|each\s+year)\s+(?:[\w-]+\s+){0,2}$/i;
const TOTAL_AFTER = /^\s*(?:in\s+total\b|total\b|over\s+(?:the\s+)?(?:next\s+)?(?:(?:ten|10|five|5|\d+|twenty|20)\s+(?:fiscal\s+)?years|a\s+decade|a\s+ten-year|the\s+decade|FY)|across\s+(?:ten|10|\d+)\s+years|for\s+(?:FY|fiscal\s+years))/i;
const TOTAL_BEFORE = /\b(?:total(?:ling|ing)?|ten-year|10-year|decade-long|twenty-year|20-year|multi-?year|cumulative|altogether)\b[\s,]*(?:[\w-]+\s+){0,2}$/i;

/**
 * Every figure in `[from, to)` of `text`, in order, outside `skip` (sorted `[start, end)` pairs).
 *
 * @example
 *   figureMentions('pledged $38 billion over ten years')[0] // => { kind: 'amount', value: 38e9, per: 'total', … }
 */
export function figureMentions(text: string, from = 0, to = text.length, skip: readonly number[] = []): FigureMention[] {
  const mentions: FigureMention[] = [];
  let skipIndex = 0;
  let position = from;
  // Anchors are sought in the range alone, so a range with no digit costs one short search.
  const range = from === 0 && to === text.length ? text : text.slice(from, to);
  while (position < to) {
    // Every figure holds a digit; the long stretches of prose between them are passed over by a
    // cheap search, and the full pattern starts a little before the digit, where "September",
    // "US$" or "fiscal years" would begin.
    ANCHOR.lastIndex = position - from;
    const found = ANCHOR.exec(range);
    if (!found) break;
    const anchor = { index: found.index + from };
    FIGURE.lastIndex = Math.max(position, anchor.index - LOOK_BEHIND);
    const match = FIGURE.exec(text);
    if (!match || match.index >= to) break;
    const start = match.index;
    const end = start + match[0].length;
    position = Math.max(end, anchor.index + 1);
    if (end > to) continue;
    while (skipIndex < skip.length && skip[skipIndex + 1] <= start) skipIndex += 2;
    if (skipIndex < skip.length && skip[skipIndex] < end) continue;
    const mention = readMention(match, start, end, text);
    if (mention) mentions.push(mention);
  }
  return mentions;
}

const ANCHOR = /[\d$]/g;
/** How far before its first digit a figure may start: "September 15", "fiscal years 2019". */
const LOOK_BEHIND = 24;

function readMention(match: RegExpExecArray, start: number, end: number, text: string): FigureMention | undefined {
  const g = match.groups!;
  const before = text.slice(Math.max(0, start - 40), start);
  const monthOf = (name: string) => MONTHS[name.toLowerCase()];
  if (g.iso) return dateMention(start, end, match[0], { year: +g.isoYear, month: +g.isoMonth, day: +g.isoDay }, 'iso');
  if (g.us) return dateMention(start, end, match[0], { year: +g.usYear, month: monthOf(g.usMonth), day: +g.usDay, ...(g.usDayTo && { dayTo: +g.usDayTo }) }, 'us');
  if (g.intl) return dateMention(start, end, match[0], { year: +g.intlYear, month: monthOf(g.intlMonth), day: +g.intlDay, ...(g.intlDayTo && { dayTo: +g.intlDayTo }) }, 'intl');
  if (g.monthYear) {
    // "May 2024" reads as a date; "may 2024" would be a verb, which the capital rules out.
    return dateMention(start, end, match[0], { year: +g.myYear, month: monthOf(g.myMonth) }, 'month-year');
  }
  if (g.fiscal) return g.fyTo === undefined ? undefined : periodMention(start, end, match[0], +g.fyFrom, g.fyTo, true);
  if (g.years) return cleanNeighbours(text, start, end) ? periodMention(start, end, match[0], +g.yFrom, g.yTo, false) : undefined;
  if (g.dollar || g.usd || g.dollars) {
    const number = g.dollarNum ?? g.usdNum ?? g.dollarsNum;
    const scaleWord = g.dollarScale ?? g.usdScale ?? g.dollarsScale ?? '';
    const multiplier = scaleWord === '' ? 1 : SCALES[scaleWord.toLowerCase()];
    const prefix = g.dollars ? '' : match[0].slice(0, match[0].indexOf(number));
    const suffix = g.dollars ? ` ${g.dollarsWord}` : '';
    const { value, decimals } = parseNumber(number);
    return {
      kind: 'amount', start, end, text: match[0], value: value * multiplier, decimals, scale: multiplier,
      amountStyle: { prefix, scaleWord, suffix },
      ...qualifiers(text, end, before),
    };
  }
  if (g.percent) {
    const { value, decimals } = parseNumber(g.percentNum);
    return { kind: 'percent', start, end, text: match[0], value, decimals, ...qualifierOf(before) };
  }
  if (g.number) {
    const raw = g.plainNum;
    if (raw.includes('.') || !cleanNeighbours(text, start, end)) return undefined;
    const { value } = parseNumber(raw);
    if (!raw.includes(',') && raw.length === 4 && value >= 1800 && value <= 2100) return dateMention(start, end, raw, { year: value }, 'year');
    return { kind: 'count', start, end, text: raw, value, decimals: 0, ...qualifiers(text, end, before) };
  }
  return undefined;
}

/** A bare number glued to a name ("F-35", "110-429", "S.2673", "155mm", "8200/") is a label, not a figure. */
function cleanNeighbours(text: string, start: number, end: number): boolean {
  const previous = text.charCodeAt(start - 1);
  const beforePrevious = text.charCodeAt(start - 2);
  if (previous === 45 /* - */ || previous === 47 /* / */ || previous === 35 /* # */ || previous === 8209) return false;
  if (previous === 46 /* . */ && ((beforePrevious >= 48 && beforePrevious <= 57) || isLetter(beforePrevious))) return false;
  if (isLetter(previous)) return false;
  const next = text.charCodeAt(end);
  const afterNext = text.charCodeAt(end + 1);
  if (isLetter(next)) return false;
  if ((next === 45 || next === 47 || next === 8211) && afterNext >= 48 && afterNext <= 57) return false;
  return true;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function dateMention(start: number, end: number, text: string, date: PartialDate, dateStyle: DateStyle): FigureMention | undefined {
  if (date.month !== undefined && (date.month < 1 || date.month > 12)) return undefined;
  if (date.day !== undefined && (date.day < 1 || date.day > 31)) return undefined;
  return { kind: 'date', start, end, text, date, dateStyle };
}

function periodMention(start: number, end: number, text: string, from: number, rawTo: string, fiscal: boolean): FigureMention | undefined {
  const to = rawTo.length === 2 ? Math.floor(from / 100) * 100 + Number(rawTo) : Number(rawTo);
  if (to < from || to - from > 50) return undefined;
  return { kind: 'period', start, end, text, period: { from, to, fiscal } };
}

function parseNumber(raw: string): { value: number; decimals: number } {
  const plain = raw.replace(/,/g, '');
  const point = plain.indexOf('.');
  return { value: Number(plain), decimals: point < 0 ? 0 : plain.length - point - 1 };
}

function qualifierOf(before: string): Pick<FigureMention, 'qualifier'> {
  // "over" and "under" read as "more than" and "less than"; "just under" and "nearly" as "about".
  if (/\b(?:just\s+(?:under|over)|nearly|almost)\s*$/i.test(before)) return { qualifier: 'approx' };
  if (AT_LEAST_BEFORE.test(before)) return { qualifier: 'atLeast' };
  if (AT_MOST_BEFORE.test(before)) return { qualifier: 'atMost' };
  if (APPROX_BEFORE.test(before)) return { qualifier: 'approx' };
  return {};
}

function qualifiers(text: string, end: number, before: string): Pick<FigureMention, 'qualifier' | 'per'> {
  const after = text.slice(end, end + 48);
  const per = PER_YEAR_AFTER.test(after) || PER_YEAR_BEFORE.test(before) ? 'year' : TOTAL_AFTER.test(after) || TOTAL_BEFORE.test(before) ? 'total' : undefined;
  return { ...qualifierOf(before), ...(per && { per }) };
}

/**
 * Reads a figure's `period` ("FY2019–FY2028", "2019–2028") into its first and last year.
 *
 * @example
 *   parsePeriod('FY2019–FY2028') // => { from: 2019, to: 2028, fiscal: true }
 */
export function parsePeriod(value: string): { from: number; to: number; fiscal: boolean } | undefined {
  const [mention] = figureMentions(value);
  return mention?.kind === 'period' && mention.start === 0 && mention.end === value.length ? mention.period : undefined;
}
