/**
 * The figure check: finds a figure in a draft that contradicts the reference, says what the
 * record says and where, and offers the correction in the writer's own form.
 *
 * It stands on the figures the facts carry as data (`Fact.figures`), never on figures guessed
 * from prose, and it flags only when sure: the figure must sit in a sentence that names the
 * term, match none of the term's figures in any accepted form, and be tied to exactly one of
 * them, by the words around it (the figure's cues) or by being that figure in the wrong form (a
 * total given as a yearly sum).
 */
import { FIGURE_UNITS, type Figure, type Term, type TermMatch, type Source } from './model';
import { paragraphEnd } from './draftScan';
import { plainLine } from './safeText';
import { MONTH_NAMES, figureMentions, parsePeriod, type FigureMention, type MentionKind, type PartialDate } from './figureMentions';

/** One figure in a draft that differs from the reference. */
export interface FigureFinding {
  /** UTF-16 offsets of the stated figure, `end` exclusive. */
  start: number;
  end: number;
  termId: string;
  /** The figure as the draft states it. */
  stated: string;
  /** The reference's figure, in the same form (yearly or total) and style as the stated one. */
  expected: string;
  /** The source ids that give the reference's figure. */
  sources: string[];
  /** One plain-text sentence for a diagnostic: what the record says, and where. */
  message: string;
  /** The text to put in place of `[start, end)`. */
  replacement: string;
  /** The figure's slot ("total pledge"), for remembering an "ignore here". */
  slot: string;
  /** Where in the source the figure is found ("Summary", "p. 3"), when the fact says. */
  locator?: string;
}

/** A reference figure, resolved for checking: numbers in base units, derived forms computed. */
interface CheckFigure {
  termId: string;
  termTitle: string;
  slot: string;
  kind: MentionKind;
  /** For numbers: each accepted form (yearly, total), the primary one first. */
  forms: NumberForm[];
  atLeast: boolean;
  dates: PartialDate[];
  period?: { from: number; to: number };
  periodText?: string;
  cues: RegExp;
  /** The same cues, sticky, to test one place. */
  cueAt: RegExp;
  /** All cues of the term's figures in one pattern, so a sentence is read once per term, not once per figure. */
  termCues: RegExp;
  source: string;
  locator?: string;
}

interface NumberForm {
  per: 'year' | 'total' | undefined;
  values: number[];
  range?: [number, number];
}

/** How far (in characters) a cue may stand from the figure it ties to the slot. */
const CUE_REACH = 90;
/** For counts, the counted thing stands right beside the number ("75 aircraft", "a fleet of 75"). */
const COUNT_CUE_REACH = 32;
/** A second slot whose cue is this much nearer than the first's, or less, makes the figure ambiguous. */
const CUE_MARGIN = 6;

/** Words right before a figure that make it another state of things: a change, a comparison, a bound. */
const CONTRAST_BEFORE = /\b(?:from|than|compared\s+(?:with|to)|versus|vs\.?|previous(?:ly)?|earlier|prior|instead\s+of|rather\s+than|replac\w*|succeed\w*|since|by|until|till|before|after|through|between|not|no\s+longer|once|originally|initially|proposed|sought|asked\s+for|requested)\s+(?:(?:the|a|an|its|about|around|roughly|some|nearly|only|just|some|of)\s+)*$/i;

/** Words right after a figure that make it a change, not a level: "$60 million a year more". */
const CHANGE_AFTER = /^\s*(?:(?:a|per|each)\s+year\s+)?(?:more|less|fewer|extra|additional|higher|lower|increase|decrease|cut|rise|drop)\b/i;

/**
 * Another country named beside a figure: "FMF for Egypt is $1.3 billion" is about Egypt, not Israel.
 * Unless the country is the figure's own cue (Arrow 3's sale to Germany).
 */
const OTHER_PARTY = /\b(?:Egypt|Jordan|Ukraine|Taiwan|Saudi|Emirat|UAE|Qatar|Bahrain|Morocc|Iraq|Lebanon|Syria|Turkey|Türkiye|Germany|German|Japan|Korea|India|Pakistan|Colombia|Greece|Poland|Philippines|Kenya|Nigeria|Somalia|Britain|British|United Kingdom|France|French|NATO|Palestinian Authority)\w*/;

/** A negation earlier in the clause: "does not provide $5 billion a year" states no figure of record. */
const NEGATION_BEFORE = /\b(?:not|never|no|nor|neither|isn['’]t|wasn['’]t|doesn['’]t|didn['’]t|won['’]t)\b[^.;:,]{0,40}$/i;

/**
 * Resolves the figures the terms' facts carry into what the check compares against. Returns
 * the figures by term id; a term without figures has none.
 *
 * @example
 *   const figures = resolveFigures(reference.terms());
 */
export function resolveFigures(terms: readonly Term[]): Map<string, CheckFigure[]> {
  const byTerm = new Map<string, CheckFigure[]>();
  for (const term of terms) {
    const resolved: CheckFigure[] = [];
    for (const fact of term.facts) {
      for (const figure of fact.figures ?? []) {
        const check = resolveFigure(term, figure, fact.at?.[figure.source]);
        if (check) resolved.push(check);
      }
    }
    if (resolved.length === 0) continue;
    const termCues = new RegExp([...new Set(resolved.map((figure) => figure.cues.source))].join('|'), 'gi');
    for (const figure of resolved) figure.termCues = termCues;
    byTerm.set(term.id, resolved);
  }
  return byTerm;
}

/** Which kind of figure a record is, or `undefined` when it is not exactly one kind. */
export function figureKind(figure: Figure): MentionKind | undefined {
  const kinds: MentionKind[] = [];
  if (figure.amount !== undefined) kinds.push('amount');
  if (figure.percent !== undefined) kinds.push('percent');
  if (figure.count !== undefined) kinds.push('count');
  if (figure.date !== undefined) kinds.push('date');
  if (kinds.length === 0 && figure.period !== undefined) kinds.push('period');
  return kinds.length === 1 ? kinds[0] : undefined;
}

function resolveFigure(term: Term, figure: Figure, locator: string | undefined): CheckFigure | undefined {
  const kind = figureKind(figure);
  if (!kind) return undefined;
  const period = figure.period !== undefined ? parsePeriod(figure.period) : undefined;
  const years = period ? period.to - period.from + 1 : undefined;
  const multiplier = kind === 'amount' && figure.unit ? FIGURE_UNITS[figure.unit] : 1;
  const primary = kind === 'amount' ? figure.amount! : kind === 'percent' ? figure.percent! : kind === 'count' ? figure.count! : undefined;
  const forms: NumberForm[] = [];
  if (primary !== undefined) {
    const values = [primary, ...(figure.alternatives ?? []).filter((item): item is number => typeof item === 'number')].map((value) => value * multiplier);
    const range = figure.range ? ([figure.range[0] * multiplier, figure.range[1] * multiplier] as [number, number]) : undefined;
    forms.push({ per: figure.per, values, range });
    // A total over a period is also a yearly figure, and a yearly one a total: computed, never typed twice.
    if (kind === 'amount' && years && figure.per) {
      const factor = figure.per === 'total' ? 1 / years : years;
      forms.push({
        per: figure.per === 'total' ? 'year' : 'total',
        values: values.map((value) => value * factor),
        ...(range && { range: [range[0] * factor, range[1] * factor] as [number, number] }),
      });
    }
  }
  const dates: PartialDate[] = [];
  if (kind === 'date') {
    for (const value of [figure.date!, ...(figure.alternatives ?? []).filter((item): item is string => typeof item === 'string')]) {
      const parsed = parseDate(value);
      if (parsed) dates.push(parsed);
    }
  }
  const cues = (figure.cues && figure.cues.length > 0 ? figure.cues : [figure.slot]).map((cue) => escapeRegExp(cue.trim()).replace(/\s+/g, '[\\s-]+'));
  return {
    termId: term.id,
    termTitle: term.shortTitle || term.title,
    slot: figure.slot,
    kind,
    forms,
    atLeast: figure.atLeast === true,
    dates,
    ...(period && { period: { from: period.from, to: period.to }, periodText: figure.period }),
    // A word start: an ASCII boundary, which V8 finds far faster than a Unicode lookbehind; every cue starts with a letter.
    cues: new RegExp(`\\b(?:${cues.join('|')})`, 'gi'),
    cueAt: new RegExp(`\\b(?:${cues.join('|')})`, 'iy'),
    termCues: /$^/g,
    source: figure.source,
    ...(locator && { locator }),
  };
}

function parseDate(value: string): PartialDate | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return undefined;
  return { year: +match[1], ...(match[2] && { month: +match[2] }), ...(match[3] && { day: +match[3] }) };
}

/** Whether a stated figure agrees with a reference figure in any of its accepted forms. */
function agrees(mention: FigureMention, figure: CheckFigure, forms = compatibleForms(mention, figure)): boolean {
  if (mention.kind === 'date') return figure.dates.some((date) => sameDate(mention.date!, date));
  if (mention.kind === 'period') return figure.period !== undefined && figure.period.from === mention.period!.from && figure.period.to === mention.period!.to;
  return forms.some((form) => numberAgrees(mention, form, figure.atLeast));
}

function compatibleForms(mention: FigureMention, figure: CheckFigure): NumberForm[] {
  if (mention.per === undefined) return figure.forms;
  return figure.forms.filter((form) => form.per === undefined || form.per === mention.per);
}

function numberAgrees(mention: FigureMention, form: NumberForm, atLeast: boolean): boolean {
  const stated = mention.value!;
  const unit = mention.scale ?? 1;
  const within = (low: number, high: number) => stated >= low * 0.999 && stated <= high * 1.001;
  if (form.range && within(form.range[0], form.range[1])) return true;
  return form.values.some((value) => {
    // A lower bound in the record ("more than $3.5 billion") is met by what lies a little above it;
    // far above, it is likely another figure, which the check then leaves alone as unsure.
    if (atLeast && stated >= value * 0.999 && stated <= value * 1.25) return true;
    switch (mention.qualifier) {
      case 'approx':
        return Math.abs(stated - value) <= Math.abs(value) * 0.1;
      case 'atLeast':
        return value >= stated * 0.95;
      case 'atMost':
        return value <= stated * 1.05;
      default: {
        // Compare at the precision the draft wrote: "$3.8 billion" is 3.75 to 3.85 billion.
        const step = unit * 10 ** -(mention.decimals ?? 0);
        return Math.abs(roundTo(value, step) - stated) < step / 2;
      }
    }
  });
}

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

function sameDate(stated: PartialDate, record: PartialDate): boolean {
  if (stated.year !== record.year) return false;
  if (stated.month === undefined || record.month === undefined) return true;
  if (stated.month !== record.month) return false;
  if (stated.day === undefined || record.day === undefined) return true;
  return record.day >= stated.day && record.day <= (stated.dayTo ?? stated.day);
}

/** Which reference figure a stated figure is about, or `undefined` when that is not certain. */
function intendedFigure(mention: FigureMention, candidates: CheckFigure[], sameKind: FigureMention[], cues: CueSpans): { figure: CheckFigure; form?: NumberForm } | undefined {
  // A figure in the wrong form (a ten-year total stated as a yearly sum) is its own evidence.
  if (mention.per !== undefined && (mention.kind === 'amount' || mention.kind === 'count')) {
    const swapped = candidates.filter((figure) => figure.forms.some((form) => form.per !== undefined && form.per !== mention.per && numberAgrees({ ...mention, per: undefined }, form, figure.atLeast)));
    if (swapped.length === 1) {
      const form = swapped[0].forms.find((candidate) => candidate.per === mention.per);
      if (form) return { figure: swapped[0], form };
    }
  }
  const scored = cueScores(mention, candidates, sameKind, cues);
  if (scored.length === 0) return undefined;
  // More distinct cues near the figure win; among equals, the nearest, by a clear margin.
  scored.sort((a, b) => b.cues - a.cues || a.distance - b.distance);
  const [first] = scored;
  const firstExpected = expectedValueKey(mention, first.figure);
  for (const other of scored.slice(1)) {
    if (other.cues === first.cues && other.distance - first.distance <= CUE_MARGIN && expectedValueKey(mention, other.figure) !== firstExpected) return undefined;
  }
  return { figure: first.figure };
}

/** For each candidate whose cues stand near the figure (and nearer to it than to any other figure of its kind): how many, and how near. */
function cueScores(mention: FigureMention, candidates: CheckFigure[], sameKind: FigureMention[], cues: CueSpans): { figure: CheckFigure; distance: number; cues: number }[] {
  const reach = mention.kind === 'count' ? COUNT_CUE_REACH : CUE_REACH;
  const scored: { figure: CheckFigure; distance: number; cues: number }[] = [];
  for (const figure of candidates) {
    if (mention.kind !== 'date' && mention.kind !== 'period' && compatibleForms(mention, figure).length === 0) continue;
    let best = Infinity;
    const found = new Set<string>();
    for (const cue of cues(figure)) {
      const distance = cue.end <= mention.start ? mention.start - cue.end : cue.start >= mention.end ? cue.start - mention.end : 0;
      if (distance > reach) continue;
      // A cue belongs to the nearest figure of its kind: "pledged $38 billion, up from $30 billion".
      if (sameKind.length > 1 && nearestMention(sameKind, cue.start, cue.end) !== mention) continue;
      found.add(cue.word);
      best = Math.min(best, distance);
    }
    if (best < Infinity) scored.push({ figure, distance: best, cues: found.size });
  }
  return scored;
}

/** A sentence's cue occurrences for a figure, found once per sentence. */
type CueSpans = (figure: CheckFigure) => readonly { start: number; end: number; word: string }[];

function cueSpansIn(text: string, start: number, end: number): CueSpans {
  const sentence = text.slice(start, end);
  const cache = new Map<CheckFigure, { start: number; end: number; word: string }[]>();
  // Where any cue of a term starts, read once per term; each figure then tests only those places.
  const places = new Map<RegExp, number[]>();
  return (figure) => {
    let spans = cache.get(figure);
    if (!spans) {
      let starts = places.get(figure.termCues);
      if (!starts) {
        starts = [];
        const pattern = figure.termCues;
        pattern.lastIndex = 0;
        for (let match = pattern.exec(sentence); match !== null; match = pattern.exec(sentence)) {
          starts.push(match.index);
          // Cues may overlap ("first interception", "interception"): look again just after this start.
          pattern.lastIndex = match.index + 1;
        }
        places.set(figure.termCues, starts);
      }
      spans = [];
      for (const at of starts) {
        figure.cueAt.lastIndex = at;
        const cue = figure.cueAt.exec(sentence);
        if (cue) spans.push({ start: start + at, end: start + at + cue[0].length, word: cue[0].toLowerCase() });
      }
      cache.set(figure, spans);
    }
    return spans;
  };
}

function nearestMention(mentions: FigureMention[], start: number, end: number): FigureMention | undefined {
  let nearest: FigureMention | undefined;
  let nearestDistance = Infinity;
  for (const mention of mentions) {
    const distance = end <= mention.start ? mention.start - end : start >= mention.end ? start - mention.end : 0;
    if (distance < nearestDistance) {
      nearest = mention;
      nearestDistance = distance;
    }
  }
  return nearest;
}

function expectedValueKey(mention: FigureMention, figure: CheckFigure): string {
  if (figure.kind === 'date') return JSON.stringify(figure.dates[0]);
  if (figure.kind === 'period') return JSON.stringify(figure.period);
  const form = bestForm(mention, figure);
  return String(form?.values[0]);
}

/** The form a correction is given in: the one the draft's words ask for, else the nearest in size. */
function bestForm(mention: FigureMention, figure: CheckFigure): NumberForm | undefined {
  const forms = compatibleForms(mention, figure);
  if (forms.length <= 1 || mention.per !== undefined) return forms[0];
  const stated = Math.abs(mention.value!) || 1;
  return [...forms].sort((a, b) => Math.abs(Math.log(Math.abs(a.values[0]) / stated)) - Math.abs(Math.log(Math.abs(b.values[0]) / stated)))[0];
}

/**
 * Formats a number of dollars in the style a draft wrote it ("$38bn", "38 billion dollars").
 *
 * @example
 *   formatAmount(3.8e9, { prefix: '$', scaleWord: 'billion', suffix: '' }) // => '$3.8 billion'
 */
export function formatAmount(value: number, style: { prefix: string; scaleWord: string; suffix: string }): string {
  const [scale, canonicalWord] = value >= 1e12 ? [1e12, 'trillion'] : value >= 1e9 ? [1e9, 'billion'] : value >= 1e6 ? [1e6, 'million'] : value >= 1e3 && style.scaleWord !== '' ? [1e3, 'thousand'] : [1, ''];
  const word = scale === 1 ? '' : scaleWordLike(style.scaleWord, canonicalWord);
  const number = formatNumber(value / scale);
  const gap = word === '' ? '' : /^(?:thousand|million|billion|trillion)$/.test(word) ? ' ' : '';
  return `${style.prefix}${number}${gap}${word}${style.suffix}`;
}

/** The writer's abbreviation habit carried over to another scale: "bn" for billions becomes "m" for millions. */
function scaleWordLike(written: string, canonical: string): string {
  if (written === '' || /^(?:thousand|million|billion|trillion)$/.test(written)) return canonical;
  const short: Record<string, [string, string]> = { thousand: ['k', 'K'], million: ['m', 'M'], billion: ['bn', 'B'], trillion: ['tn', 'T'] };
  const [lower, upper] = short[canonical];
  return written === written.toUpperCase() && written.length === 1 ? upper : written.length === 1 ? lower[0] : lower;
}

function formatNumber(value: number): string {
  const rounded = Math.round(value * 10_000) / 10_000;
  const [whole, fraction] = String(rounded).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}

function formatDate(date: PartialDate, style: FigureMention['dateStyle']): string {
  const month = date.month !== undefined ? MONTH_NAMES[date.month - 1] : undefined;
  if (style === 'year' || month === undefined) return String(date.year);
  if (style === 'month-year' || date.day === undefined) return `${month} ${date.year}`;
  if (style === 'iso') return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
  if (style === 'us') return `${month} ${date.day}, ${date.year}`;
  return `${date.day} ${month} ${date.year}`;
}

function formatPeriod(period: { from: number; to: number }, mention: FigureMention): string {
  const fiscal = mention.period?.fiscal !== false;
  const twoDigit = /[–—-]\s*(?:FY)?\d{2}$/.test(mention.text);
  const dash = /—/.test(mention.text) ? '—' : /-/.test(mention.text) && !/–/.test(mention.text) ? '-' : '–';
  const secondFy = /[–—-]\s*FY/.test(mention.text);
  const to = twoDigit ? String(period.to % 100).padStart(2, '0') : String(period.to);
  return fiscal ? `FY${period.from}${dash}${secondFy ? 'FY' : ''}${to}` : `${period.from}${dash}${to}`;
}

/** What the record says, in the form and style the draft used: the replacement and its description. */
function correction(mention: FigureMention, figure: CheckFigure, form: NumberForm | undefined): { replacement: string; expected: string; context: string } | undefined {
  switch (mention.kind) {
    case 'amount': {
      const value = form?.values[0];
      if (value === undefined) return undefined;
      const amount = formatAmount(value, mention.amountStyle!);
      const replacement = figure.atLeast && mention.qualifier === undefined ? `more than ${amount}` : amount;
      const context = form?.per === 'year' ? ' a year' : form?.per === 'total' && figure.periodText ? ` over ${figure.periodText}` : '';
      return { replacement, expected: replacement, context };
    }
    case 'percent': {
      const value = form?.values[0];
      if (value === undefined) return undefined;
      const unit = mention.text.slice(mention.text.search(/\s?(?:%|percent|per\s+cent)$/));
      const replacement = `${formatNumber(value)}${unit}`;
      return { replacement, expected: replacement, context: '' };
    }
    case 'count': {
      const value = form?.values[0];
      if (value === undefined) return undefined;
      const replacement = formatNumber(value).replace(/,/g, mention.text.includes(',') || value >= 10_000 ? ',' : '');
      return { replacement, expected: replacement, context: '' };
    }
    case 'date': {
      const [date] = figure.dates;
      if (!date) return undefined;
      const replacement = formatDate(date, mention.dateStyle);
      // The message gives the record's full date; the replacement keeps the draft's precision.
      const expected = formatDate(date, mention.dateStyle === 'us' || mention.dateStyle === 'iso' ? mention.dateStyle : 'intl');
      return { replacement, expected, context: '' };
    }
    case 'period': {
      if (!figure.period) return undefined;
      const replacement = formatPeriod(figure.period, mention);
      return { replacement, expected: replacement, context: '' };
    }
  }
}

/**
 * Where a citation for a figure at `offset` goes: before the full stop that ends its sentence
 * (Pandoc's place for it), or at the end of the paragraph's text when the sentence has none.
 *
 * @example
 *   citationInsertionPoint('It pledged $38 billion. Then…', 12) // => 22
 */
export function citationInsertionPoint(text: string, offset: number): number {
  const limit = paragraphEnd(text, offset);
  const end = /[.!?]["”’)\]]*(?=\s|$)/g;
  end.lastIndex = offset;
  for (let match = end.exec(text); match !== null && match.index < limit; match = end.exec(text)) {
    if (match[0][0] === '.' && SENTENCE_ABBREVIATIONS.test(text.slice(Math.max(0, match.index - 12), match.index + 1))) continue;
    return match.index;
  }
  let last = limit;
  while (last > offset && /\s/.test(text[last - 1])) last--;
  return last;
}

/** Plain text for a diagnostic: no Markdown link, image, code or HTML syntax can survive in it. */
export function plainMessageText(text: string): string {
  const stripped = text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<\/?[A-Za-z][^<>]*>/g, '')
    .replace(/[[\]<>`]/g, '')
    .replace(/\b(?:command|javascript|vscode|data):/gi, '');
  // One visible line: no control, reordering or zero-width character from the content survives.
  return plainLine(stripped, 600).trim();
}

export interface FigureCheckContext {
  figures: Map<string, CheckFigure[]>;
  source(id: string): Source | undefined;
}

/**
 * The figures in `[from, to)` of `text` that contradict the reference, in document order. The
 * range must start and end at paragraph breaks; `termMatches` are the term occurrences in it and
 * `skip` the regions that are not prose (code, link destinations, front matter).
 */
export function checkFiguresIn(text: string, from: number, to: number, termMatches: readonly TermMatch[], skip: readonly number[], context: FigureCheckContext): FigureFinding[] {
  const findings: FigureFinding[] = [];
  // Every figure holds a digit. The places of the range's digits outside code, links and term
  // names ("2016 MOU", "F-35I"), found in one pass, let a sentence without any be passed over
  // at once: most sentences of most drafts.
  const digits: number[] = [];
  const range = from === 0 && to === text.length ? text : text.slice(from, to);
  let skipIndex = 0;
  let termIndex = 0;
  for (let match = DIGIT.exec(range); match !== null; match = DIGIT.exec(range)) {
    const at = from + match.index;
    while (skipIndex < skip.length && skip[skipIndex + 1] <= at) skipIndex += 2;
    if (skipIndex < skip.length && skip[skipIndex] <= at) continue;
    while (termIndex < termMatches.length && termMatches[termIndex].end <= at) termIndex++;
    if (termIndex < termMatches.length && termMatches[termIndex].start <= at) continue;
    digits.push(at);
  }
  DIGIT.lastIndex = 0;
  if (digits.length === 0) return findings;
  let digitIndex = 0;
  const hasDigit = (start: number, end: number) => {
    while (digitIndex < digits.length && digits[digitIndex] < start) digitIndex++;
    return digitIndex < digits.length && digits[digitIndex] < end;
  };
  const boundaries = new SentenceBoundaries(text, from, to);
  let index = 0;
  while (index < termMatches.length) {
    const first = termMatches[index];
    const [sentenceStart, sentenceEnd] = boundaries.around(first.start);
    const firstIndex = index;
    let oneTerm = true;
    while (index < termMatches.length && termMatches[index].start < sentenceEnd) {
      if (termMatches[index].termId !== first.termId) oneTerm = false;
      index++;
    }
    if (hasDigit(sentenceStart, sentenceEnd)) {
      const inSentence = termMatches.slice(firstIndex, index);
      const candidates = oneTerm ? context.figures.get(first.termId) ?? [] : [...new Set(inSentence.map((match) => match.termId))].flatMap((termId) => context.figures.get(termId) ?? []);
      if (candidates.length > 0) checkSentence(text, sentenceStart, sentenceEnd, inSentence, candidates, skip, context, findings);
    }
    // "The 2016 MOU was a milestone. It pledged …": a next sentence that opens with "It" (or "The
    // agreement") and names no term speaks of the one term before it, in the same paragraph.
    if (oneTerm && sentenceEnd < to && context.figures.has(first.termId) && CARRY_OVER_START.test(text.slice(sentenceEnd, sentenceEnd + 40))) {
      const [nextStart, nextEnd] = boundaries.around(sentenceEnd);
      const namesATerm = index < termMatches.length && termMatches[index].start < nextEnd;
      if (nextStart === sentenceEnd && !namesATerm && hasDigit(nextStart, nextEnd) && !/\n[ \t]*\n/.test(text.slice(sentenceStart, nextStart))) {
        checkSentence(text, nextStart, nextEnd, [], context.figures.get(first.termId)!, skip, context, findings);
      }
    }
  }
  return findings;
}

const DIGIT = /[\d$]/g;

/** How a sentence that goes on about the previous sentence's term opens. */
const CARRY_OVER_START = /^\s*(?:It|Its|The\s+(?:agreement|memorandum|law|act|system|accords?|program|deal|package))\b/;

function checkSentence(text: string, start: number, end: number, terms: TermMatch[], candidates: CheckFigure[], skip: readonly number[], context: FigureCheckContext, findings: FigureFinding[]): void {
  let mentions = figureMentions(text, start, end, skip).filter((mention) => !terms.some((term) => term.start < mention.end && mention.start < term.end));
  if (mentions.length === 0) return;
  const quoted = quotations(text, start, end);
  if (quoted.length > 0) mentions = mentions.filter((mention) => !quoted.some(([quoteStart, quoteEnd]) => quoteStart < mention.end && mention.start < quoteEnd));
  if (mentions.length === 0) return;
  const cues = cueSpansIn(text, start, end);
  const hasCue = (figure: CheckFigure) => cues(figure).length > 0;
  for (const mention of mentions) {
    const kinds = candidates.filter((figure) => figure.kind === mention.kind);
    if (kinds.length === 0) continue;
    const before = text.slice(Math.max(start, mention.start - 48), mention.start);
    if (CONTRAST_BEFORE.test(before) || NEGATION_BEFORE.test(before) || CHANGE_AFTER.test(text.slice(mention.end, mention.end + 32))) continue;
    const sameKind = mentions.filter((other) => other.kind === mention.kind);
    const agreeing = kinds.filter((figure) => agrees(mention, figure) && (!figure.atLeast || hasCue(figure)));
    const intended = intendedFigure(mention, kinds, sameKind, cues);
    if (!intended || agreeing.includes(intended.figure)) continue;
    const nearStart = Math.max(start, mention.start - 40);
    const party = OTHER_PARTY.exec(text.slice(nearStart, Math.min(end, mention.end + 24)));
    // A country inside the term's own name ("Egypt-Israel peace treaty") is no other party.
    const inTerm = party !== null && terms.some((term) => term.start <= nearStart + party.index && nearStart + party.index < term.end);
    if (party && !inTerm && !cueMatches(party[0], intended.figure)) continue;
    // The words say it is one figure, the number matches another: flag only when the other's own words are absent.
    if (agreeing.some(hasCue)) continue;
    const { figure } = intended;
    const form = intended.form ?? (figure.forms.length > 0 ? bestForm(mention, figure) : undefined);
    // Above a lower bound the record gives, the draft may well be right.
    if (figure.atLeast && form && mention.value! >= form.values[0] * 0.999) continue;
    const fix = correction(mention, figure, form);
    if (!fix || fix.replacement === mention.text) continue;
    findings.push({
      start: mention.start,
      end: mention.end,
      termId: figure.termId,
      stated: mention.text,
      expected: fix.expected,
      sources: [figure.source],
      message: plainMessageText(`${figure.termTitle}, ${figure.slot}: the reference gives ${fix.expected}${fix.context}, not ${mention.text} (${sourceLabel(context.source(figure.source), figure.source)}${figure.locator ? `, ${figure.locator}` : ''}).`),
      replacement: fix.replacement,
      slot: figure.slot,
      ...(figure.locator && { locator: figure.locator }),
    });
  }
}

function cueMatches(words: string, figure: CheckFigure): boolean {
  figure.cues.lastIndex = 0;
  return figure.cues.test(words);
}

/** "CRS RL33222, 2025" for a CRS report; otherwise the publisher and year. */
function sourceLabel(source: Source | undefined, id: string): string {
  if (!source) return id;
  const year = source.date.slice(0, 4);
  const crs = /^crs-([a-z]+\d+)/i.exec(source.id);
  const publisher = crs ? `CRS ${crs[1].toUpperCase()}` : source.publisher.split(/ \(|, /)[0];
  return `${publisher}, ${year}`;
}

/** The quotations of a sentence, and block-quote lines: a quoted figure is someone's words, not the writer's. */
function quotations(text: string, start: number, end: number): [number, number][] {
  const spans: [number, number][] = [];
  const sentence = text.slice(start, end);
  if (!/[“">]/.test(sentence) && !/^[ \t]{0,3}>/.test(text.slice(text.lastIndexOf('\n', start - 1) + 1, start + 1))) return spans;
  for (const quote of sentence.matchAll(/“[^”\n]{1,400}”|"[^"\n]{1,400}"|(?:^|\n)[ \t]{0,3}>[^\n]*/g)) spans.push([start + quote.index, start + quote.index + quote[0].length]);
  // A sentence that starts partway along a block-quote line is quoted up to that line's end.
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (/^[ \t]{0,3}>/.test(text.slice(lineStart, start + 1))) {
    const lineEnd = text.indexOf('\n', start);
    spans.push([start, lineEnd < 0 ? end : Math.min(lineEnd, end)]);
  }
  return spans;
}

const SENTENCE_ABBREVIATIONS = /(?:^|[\s(])(?:U\.S|U\.N|U\.K|Mr|Mrs|Ms|Dr|Gen|Lt|Adm|Sen|Rep|Reps|Col|Maj|Capt|St|No|Nos|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|vs?|e\.g|i\.e|etc|Inc|Corp|Co|Ltd|Jr|Sr|approx|ca|Pub|L|Stat|Sec|H\.R|S|Res|Pvt|Gov|Pres|Amb|Vice Adm|[A-Z])\.$/;

/** Finds sentence ends forward through a range, once, as term matches are visited in order. */
class SentenceBoundaries {
  private readonly pattern = /[.!?]["”’)\]]*[ \t]+(?=["“‘(\[*_]*[A-Z0-9])|[.!?]["”’)\]]*[ \t]*(?=\n)|\n[ \t]*(?=\n|[-*+>#|]|\d{1,9}[.)][ \t])|\n(?=[ \t]*\n)/g;
  private sentenceStart: number;
  private sentenceEnd: number;

  constructor(
    private readonly text: string,
    from: number,
    private readonly to: number,
  ) {
    this.sentenceStart = from;
    this.pattern.lastIndex = from;
    this.sentenceEnd = this.next();
  }

  /** The sentence holding `offset`; offsets must come in increasing order. */
  around(offset: number): [number, number] {
    while (this.sentenceEnd <= offset && this.sentenceEnd < this.to) {
      this.sentenceStart = this.sentenceEnd;
      this.sentenceEnd = this.next();
    }
    return [this.sentenceStart, this.sentenceEnd];
  }

  private next(): number {
    for (;;) {
      const match = this.pattern.exec(this.text);
      if (!match || match.index >= this.to) return this.to;
      const end = match.index + match[0].length;
      if (match[0][0] === '.' && SENTENCE_ABBREVIATIONS.test(this.text.slice(Math.max(0, match.index - 12), match.index + 1))) continue;
      if (end <= this.sentenceStart) continue;
      return end;
    }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Checks the figures a fact carries against its text and against each other; returns
 * `field: reason` problems. `term` gives the other facts' figures for the cross-checks.
 *
 * @example
 *   figureProblems(term) // => ['facts[0].figures[1].amount: 35 billion does not appear in the fact text …']
 */
export function figureProblems(term: Pick<Term, 'facts'>): { field: string; reason: string }[] {
  const problems: { field: string; reason: string }[] = [];
  const bySlot = new Map<string, { field: string; figure: Figure }[]>();
  term.facts.forEach((fact, factIndex) => {
    const mentions = figureMentions(fact.text);
    (fact.figures ?? []).forEach((figure, figureIndex) => {
      const field = `facts[${factIndex}].figures[${figureIndex}]`;
      const report = (subfield: string, reason: string) => problems.push({ field: subfield ? `${field}.${subfield}` : field, reason });
      const kind = figureKind(figure);
      if (!kind) {
        report('', 'must give exactly one of amount, percent, count, date, or (alone) period');
        return;
      }
      if (!fact.sources.includes(figure.source)) report('source', `"${figure.source}" is not among the fact's sources`);
      if (figure.period !== undefined && !parsePeriod(figure.period)) report('period', `"${figure.period}" is not a period ("FY2019–FY2028" or "2019–2028")`);
      if (figure.per !== undefined && kind !== 'amount' && kind !== 'count') report('per', 'applies only to an amount or a count');
      if (figure.unit !== undefined && kind !== 'amount') report('unit', 'applies only to an amount');
      if (figure.range && !(figure.range[0] <= figure.range[1])) report('range', 'must be [low, high]');
      const list = bySlot.get(figure.slot) ?? [];
      list.push({ field, figure });
      bySlot.set(figure.slot, list);
      // The number must be the one the text states: data and prose may not drift apart.
      const stated = (value: number | string): boolean => appearsIn(kind, value, figure, mentions) || dayMonthIn(kind, value, fact.text);
      const primary = kind === 'amount' ? figure.amount! : kind === 'percent' ? figure.percent! : kind === 'count' ? figure.count! : kind === 'date' ? figure.date! : figure.period!;
      if (!stated(primary)) report(kind, `${describeFigure(kind, primary, figure)} does not appear in the fact text; the figure must be the one the text states`);
      (figure.alternatives ?? []).forEach((alternative, index) => {
        if (!stated(alternative)) report(`alternatives[${index}]`, `${describeFigure(kind, alternative, figure)} does not appear in the fact text; say where sources disagree in the text too`);
      });
      if (kind === 'period' || (figure.period !== undefined && kind === 'amount')) {
        if (figure.period !== undefined && parsePeriod(figure.period) && !appearsIn('period', figure.period, figure, mentions) && kind === 'period') report('period', `${figure.period} does not appear in the fact text`);
      }
    });
  });
  // Figures of one slot must agree wherever they are stated, and parts must add up to their total.
  for (const [slot, entries] of bySlot) {
    const [first, ...rest] = entries;
    for (const other of rest) {
      if (!sameFigureValue(first.figure, other.figure)) problems.push({ field: other.field, reason: `gives "${slot}" differently from ${first.field}` });
    }
  }
  for (const entries of bySlot.values()) {
    for (const { field, figure } of entries) {
      if (!figure.sumOf) continue;
      const parts = figure.sumOf.map((slot) => bySlot.get(slot)?.[0]?.figure);
      const missing = figure.sumOf.filter((_, index) => !parts[index]);
      if (missing.length > 0) {
        problems.push({ field: `${field}.sumOf`, reason: `names ${missing.map((slot) => `"${slot}"`).join(', ')}, which no figure of this term has` });
        continue;
      }
      const total = dollars(figure);
      const sum = parts.reduce((acc, part) => acc + (dollars(part!) ?? NaN), 0);
      if (total === undefined || !(Math.abs(total - sum) <= Math.abs(total) * 0.005)) {
        problems.push({ field: `${field}.sumOf`, reason: `the parts (${figure.sumOf.join(', ')}) add up to ${formatNumber(sum)}, not ${formatNumber(total ?? NaN)}` });
      }
    }
  }
  return problems;
}

/** An amount's value in dollars, a percent or count as is. */
function dollars(figure: Figure): number | undefined {
  if (figure.amount !== undefined) return figure.amount * (figure.unit ? FIGURE_UNITS[figure.unit] : 1);
  return figure.percent ?? figure.count;
}

function sameFigureValue(a: Figure, b: Figure): boolean {
  if (figureKind(a) !== figureKind(b)) return false;
  if (a.date !== undefined || b.date !== undefined) return a.date === b.date;
  const yearly = (figure: Figure): number | undefined => {
    const value = dollars(figure);
    if (value === undefined) return figure.period !== undefined ? undefined : value;
    const period = figure.period ? parsePeriod(figure.period) : undefined;
    if (figure.per === 'total' && period) return value / (period.to - period.from + 1);
    return value;
  };
  if (a.per !== b.per && !(a.period || b.period)) return false;
  const left = yearly(a);
  const right = yearly(b);
  if (left === undefined || right === undefined) return a.period === b.period;
  return Math.abs(left - right) <= Math.abs(left) * 0.005;
}

function describeFigure(kind: MentionKind, value: number | string, figure: Figure): string {
  if (kind === 'amount' && typeof value === 'number') return `${value}${figure.unit ? ` ${figure.unit}` : ''} (${figure.currency ?? 'USD'})`;
  if (kind === 'percent') return `${value}%`;
  return String(value);
}

/** A date written without its year in the text ("reported on 24 February") after its year was given. */
function dayMonthIn(kind: MentionKind, value: number | string, text: string): boolean {
  if (kind !== 'date' || typeof value !== 'string') return false;
  const date = parseDate(value);
  if (!date?.day || !date.month || !text.includes(String(date.year))) return false;
  const month = MONTH_NAMES[date.month - 1];
  return new RegExp(`\\b(?:${date.day} ${month}|${month} ${date.day})\\b`).test(text);
}

function appearsIn(kind: MentionKind, value: number | string, figure: Figure, mentions: FigureMention[]): boolean {
  if (kind === 'date' && typeof value === 'string') {
    const date = parseDate(value);
    return date !== undefined && mentions.some((mention) => mention.kind === 'date' && mention.date!.year === date.year && mention.date!.month === date.month && (mention.date!.day === date.day || (date.day !== undefined && mention.date!.dayTo !== undefined && date.day >= mention.date!.day! && date.day <= mention.date!.dayTo)));
  }
  if (kind === 'period' && typeof value === 'string') {
    const period = parsePeriod(value);
    return period !== undefined && mentions.some((mention) => mention.kind === 'period' && mention.period!.from === period.from && mention.period!.to === period.to);
  }
  if (typeof value !== 'number') return false;
  if (kind === 'amount') {
    const target = value * (figure.unit ? FIGURE_UNITS[figure.unit] : 1);
    return mentions.some((mention) => mention.kind === 'amount' && Math.abs(mention.value! - target) <= Math.abs(target) * 1e-9);
  }
  // A four-digit count ("1,500" is read as a count, "1500" as a year) is found either way.
  return mentions.some((mention) => (mention.kind === kind && mention.value === value) || (kind === 'count' && mention.kind === 'date' && mention.dateStyle === 'year' && mention.date!.year === value));
}
