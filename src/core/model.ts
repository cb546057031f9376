/**
 * The shapes of the reference: what `data/` holds after validation, what the
 * bundled index carries, and what the core hands to its callers.
 *
 * Everything here is plain data (JSON-serialisable) so it can cross the
 * extension/webview boundary and live inside the prebuilt index unchanged.
 */

/** Glossary categories, in display order. The id is what `data/terms/*.json` uses. */
export const TERM_CATEGORIES = [
  { id: 'agreements-and-law', label: 'Agreements and law' },
  { id: 'aid-and-funding', label: 'Aid and funding mechanisms' },
  { id: 'weapons-and-programs', label: 'Weapons and programs' },
  { id: 'institutions-and-actors', label: 'Institutions and actors' },
  { id: 'operations-and-exercises', label: 'Operations and exercises' },
  { id: 'concepts-and-doctrine', label: 'Concepts and doctrine' },
  { id: 'regional-diplomacy-and-threats', label: 'Regional diplomacy and threats' },
] as const;

export type TermCategory = (typeof TERM_CATEGORIES)[number]['id'];

/**
 * What kind of record a source is. `opinion` (an op-ed or advocacy page), `state-media` (an outlet
 * a government controls) and `secondary` (a copy, mirror or compilation on a third-party host) may
 * sit beside a stronger source, but are never the only support for a fact.
 */
export type SourceType = 'crs-report' | 'statute' | 'official' | 'press' | 'research' | 'opinion' | 'state-media' | 'secondary';
export const SOURCE_TYPES: readonly SourceType[] = ['crs-report', 'statute', 'official', 'press', 'research', 'opinion', 'state-media', 'secondary'];
export const WEAK_SOURCE_TYPES: readonly SourceType[] = ['opinion', 'state-media', 'secondary'];

export type EntryKind = 'section' | 'term' | 'event';

/** A public reference that backs figures in the content. */
export interface Source {
  id: string;
  title: string;
  /** Person or people, when the work names them. */
  author?: string;
  publisher: string;
  /** Publication date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  date: string;
  url: string;
  type: SourceType;
  /** Where this source disagrees with another, or what it does not cover. */
  note?: string;
}

/** The scale an amount is written in: `{ "amount": 3.8, "unit": "billion" }` is $3.8 billion. */
export type FigureUnit = 'thousand' | 'million' | 'billion' | 'trillion';
export const FIGURE_UNITS: Record<FigureUnit, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };

/**
 * One figure a fact states, as data, so the figure check never has to guess it from prose. A
 * figure is exactly one of an amount, a percentage, a count, a date (or year) or a period, tied
 * to what it measures (`slot`) and to the source that gives it.
 */
export interface Figure {
  /** What it measures, in a writer's words: "total pledge", "FMF per year", "first interception", "signed". */
  slot: string;
  /** A sum of money, in `unit`s of `currency`. */
  amount?: number;
  /** ISO 4217; only US dollars so far. Defaults to "USD". */
  currency?: 'USD';
  unit?: FigureUnit;
  /** A percentage (26.3 for 26.3%). */
  percent?: number;
  /** A number of things (75 aircraft). */
  count?: number;
  /** A date or year, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  date?: string;
  /**
   * The years an amount covers ("FY2019–FY2028"), or on its own the period a fact is about. With
   * `per`, the other form is derived: a total over ten years is also a yearly figure, and back.
   */
  period?: string;
  /** Whether an amount or count is a yearly figure or a total (over `period`, when given). */
  per?: 'year' | 'total';
  /** Where the source gives a range ("100 to 150"), its bounds, in the figure's unit. */
  range?: [number, number];
  /** Where sources disagree, the other values they give (numbers in the figure's unit, or dates). */
  alternatives?: (number | string)[];
  /** The source says "more than": the figure is a lower bound. */
  atLeast?: boolean;
  /**
   * Words that, near a figure in a draft, say it is this one ("first interception", "signed").
   * Matched at word starts, any case, so "intercept" also finds "interception". Defaults to the slot.
   */
  cues?: string[];
  /** Slots of the same term whose figures add up to this one (the parts of a total). */
  sumOf?: string[];
  /** The source, among the fact's sources, that gives this figure. */
  source: string;
}

/** One key fact of a term, with the sources that back it. */
export interface Fact {
  text: string;
  sources: string[];
  /** Where in each source the fact is found ("p. 12", "Summary", "para. 4"), keyed by source id. */
  at?: Record<string, string>;
  /** The date this fact describes the state of, when it differs from the term's `asOf`. */
  asOf?: string;
  /** The figures the text states, as data, for the figure check. */
  figures?: Figure[];
}

/** A glossary term, as validated from `data/terms/*.json`. */
export interface Term {
  id: string;
  kind: 'term';
  title: string;
  /** At most 28 characters, the distinguishing words first ("2016 MOU"), for the sidebar. */
  shortTitle: string;
  /** The short form writers use, when there is one ("QME"). */
  abbreviation?: string;
  /**
   * Exactly what the abbreviation stands for, in the case a writer uses mid-sentence
   * ("qualitative military edge"). Present whenever `abbreviation` is.
   */
  expansion?: string;
  /** Every spelling that should raise this term's hover card. */
  aliases: string[];
  category: TermCategory;
  /** Hover-card text: at most two sentences, at most 300 characters. */
  summary: string;
  facts: Fact[];
  sources: string[];
  related: string[];
  /** Ids of the sections that discuss this term (derived from the sections' front matter). */
  sections: string[];
  /** The date the facts were last checked, for facts that change. */
  asOf?: string;
  /** Where sources disagree, said openly. */
  note?: string;
  /**
   * For an ambiguous name ("MOU"): the terms it may mean, the one in force first. Such a term is
   * a disambiguation card, as an encyclopedia has.
   */
  disambiguation?: string[];
  /** Phrases that contain an alias but are not this term ("Rafael Grossi" for Rafael). */
  exclusions?: string[];
}

/** A `## ` subsection inside a section's body. */
export interface Subsection {
  /** Stable anchor, unique within the section. */
  id: string;
  title: string;
}

/** One of the article's nine parts, as validated from `data/sections/*.md`. */
export interface Section {
  id: string;
  kind: 'section';
  title: string;
  /** The heading in the source outline; empty for the untitled introduction. */
  heading: string;
  order: number;
  /** The section's Markdown body, with `[@source-id]` citations. */
  text: string;
  subsections: Subsection[];
  /** Glossary terms the section discusses, in the order the front matter lists them. */
  terms: string[];
  /** Every source cited in the body, in first-citation order. */
  sources: string[];
}

/** A dated event on the timeline, as validated from `data/events/*.json`. */
export interface TimelineEvent {
  id: string;
  kind: 'event';
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  date: string;
  title: string;
  /** One or two sentences. */
  text: string;
  terms: string[];
  sources: string[];
  /** Where in each source the event is found, keyed by source id. */
  at?: Record<string, string>;
}

export type Entry = Section | Term | TimelineEvent;

/** Everything the reference knows, as carried inside the bundled index file. */
export interface ReferenceData {
  sections: Section[];
  terms: Term[];
  events: TimelineEvent[];
  sources: Source[];
}

/** A ranked search result. */
export interface Hit {
  id: string;
  kind: EntryKind;
  title: string;
  /** A short plain-text excerpt around the best match (or the entry's opening). */
  snippet: string;
  score: number;
}

/** One occurrence of a term in a text: UTF-16 offsets, `end` exclusive. */
export interface TermMatch {
  termId: string;
  start: number;
  end: number;
}
