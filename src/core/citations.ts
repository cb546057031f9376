/**
 * Citations a writer can publish: a Pandoc key or a footnote with a formatted reference in the
 * draft, and CSL-JSON or BibTeX for Pandoc, Quarto and Zotero. Pure: sources in, text out.
 */
import { markdownUrl } from './render/escape';
import type { Source, SourceType } from './model';
import { formatDate } from './render/format';

export type CitationStyle = 'pandoc' | 'footnote';

export interface CitationOptions {
  style: CitationStyle;
  /** Where in the source: "p. 12", "Summary". */
  locator?: string;
}

/** What to insert: `inline` at the cursor; for a footnote, also `footnote` at the draft's end. */
export interface CitationText {
  inline: string;
  /** The footnote definition line (`[^id]: …`), for the footnote style only. */
  footnote?: string;
}

/** A CSL-JSON item (the subset these sources fill). */
export interface CslItem {
  id: string;
  type: string;
  title: string;
  author?: ({ family: string; given?: string } | { literal: string })[];
  publisher?: string;
  'container-title'?: string;
  issued: { 'date-parts': number[][] };
  URL: string;
  note?: string;
  genre?: string;
}

const CSL_TYPES: Record<SourceType, string> = {
  'crs-report': 'report',
  statute: 'legislation',
  official: 'webpage',
  press: 'article-newspaper',
  research: 'report',
  opinion: 'article-newspaper',
  'state-media': 'article-newspaper',
  secondary: 'webpage',
};

/**
 * A reference as a reader sees it in a footnote or bibliography: author, title, publisher,
 * date, locator, address. Plain text with no Markdown or HTML that could run.
 *
 * @example
 *   formatReference(source, 'p. 12')
 *   // => 'Jeremy M. Sharp, “U.S. Foreign Aid to Israel,” Congressional Research Service, 28 May 2025, p. 12, https://…'
 */
export function formatReference(source: Source, locator?: string): string {
  const head = source.author ? `${inert(source.author)}, ` : '';
  // The address as the one WHATWG reading gives it, with the characters Markdown reads as link
  // syntax encoded ("…/x)[P](command:…" forms no link), and none when it is refused.
  const url = markdownUrl(source.url);
  const tail = [source.publisher, formatDate(source.date), locator?.trim() || undefined].filter((part): part is string => Boolean(part)).map(inert);
  return `${head}“${inert(source.title)},” ${[...tail, ...(url ? [url] : [])].join(', ')}`;
}

/**
 * The text to insert to cite `source`.
 *
 * @example
 *   citation(source, { style: 'pandoc' }).inline // => '[@crs-rl33222]'
 *   citation(source, { style: 'footnote', locator: 'p. 3' }).footnote // => '[^crs-rl33222]: Jeremy M. Sharp, …'
 */
export function citation(source: Source, options: CitationOptions): CitationText {
  const locator = options.locator?.replace(/[\]\r\n]/g, ' ').trim();
  if (options.style === 'pandoc') return { inline: `[@${source.id}${locator ? `, ${locator}` : ''}]` };
  const label = locator ? `${source.id}-${locator.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}` : source.id;
  return { inline: `[^${label}]`, footnote: `[^${label}]: ${formatReference(source, locator)}` };
}

/**
 * The sources `lookup` knows among `ids`, once each, in the order given: what every citation
 * export starts from, whether the lookup is the bundled reference or one composed with a glossary.
 *
 * @example
 *   knownSources(reference, ['crs-rl33222', 'no-such-id']).length // => 1
 */
export function knownSources(lookup: { source(id: string): Source | undefined }, ids: readonly string[]): Source[] {
  return [...new Set(ids)].map((id) => lookup.source(id)).filter((source): source is Source => source !== undefined);
}

/**
 * CSL-JSON items, one per source, in the order given.
 *
 * @example
 *   JSON.stringify(cslJson(sources), null, 2) // a file Pandoc reads with --bibliography
 */
export function cslJson(sources: readonly Source[]): CslItem[] {
  return sources.map((source) => {
    const type = CSL_TYPES[source.type];
    const item: CslItem = { id: source.id, type, title: source.title, issued: { 'date-parts': [dateParts(source.date)] }, URL: source.url };
    const authors = source.author ? parseAuthors(source.author) : undefined;
    if (authors) item.author = authors;
    if (type === 'article-newspaper') item['container-title'] = source.publisher;
    else item.publisher = source.publisher;
    if (source.type === 'crs-report') item.genre = 'CRS Report';
    return item;
  });
}

/**
 * BibTeX entries, one per source, with LaTeX's special characters escaped.
 *
 * @example
 *   bibtex([source]) // => '@techreport{crs-rl33222,\n  title = {U.S. Foreign Aid to Israel},\n  …}'
 */
export function bibtex(sources: readonly Source[]): string {
  return sources
    .map((source) => {
      const [year, month, day] = dateParts(source.date);
      const kind = source.type === 'crs-report' || source.type === 'research' ? 'techreport' : source.type === 'press' || source.type === 'opinion' || source.type === 'state-media' ? 'article' : 'misc';
      const fields: [string, string | undefined][] = [
        ['title', source.title],
        ['author', source.author ? bibtexAuthors(source.author) : undefined],
        [kind === 'techreport' ? 'institution' : kind === 'article' ? 'journal' : 'publisher', source.publisher],
        ['year', String(year)],
        ['month', month ? MONTH_MACROS[month - 1] : undefined],
        ['day', day ? String(day) : undefined],
        ['url', source.url],
      ];
      const body = fields
        .filter((field): field is [string, string] => field[1] !== undefined)
        .map(([name, value]) => `  ${name} = ${bibtexValue(name, value)}`)
        .join(',\n');
      return `@${kind}{${source.id},\n${body}\n}`;
    })
    .join('\n\n')
    .concat(sources.length > 0 ? '\n' : '');
}

/** BibTeX's own month macros, which styles print in their language; a number would print as a number. */
const MONTH_MACROS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A field's value as BibTeX writes it. A title is braced twice, so that styles which lower-case
 * titles keep "U.S.", "Israel" and "Iron Dome" as written; a month is a bare macro.
 */
function bibtexValue(name: string, value: string): string {
  if (name === 'month') return MONTH_MACROS.includes(value) ? value : `{${latex(value)}}`;
  if (name === 'url') return `{${value.replace(/[{}\\]/g, '')}}`;
  if (name === 'title') return `{{${latex(value)}}}`;
  return `{${latex(value)}}`;
}

function dateParts(date: string): number[] {
  return date.split('-').map(Number);
}

/** "Jeremy M. Sharp" → family and given; an organisation or a list that won't split cleanly stays literal. */
function parseAuthors(author: string): CslItem['author'] {
  return author
    .split(/\s*(?:;|\band\b|&)\s*|,\s+(?=[A-Z][^,]*\s[A-Z])/)
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .map((name) => {
      const words = name.split(/\s+/);
      if (words.length < 2 || words.length > 4 || /\b(?:Office|Committee|Department|Service|Staff|Center|Institute|Council|Agency|News)\b/.test(name)) return { literal: name };
      return { family: words[words.length - 1], given: words.slice(0, -1).join(' ') };
    });
}

function bibtexAuthors(author: string): string {
  return (parseAuthors(author) ?? []).map((name) => ('literal' in name ? `{${name.literal}}` : `${name.family}, ${name.given ?? ''}`.trim())).join(' and ');
}

function latex(value: string): string {
  return value
    .replace(/\\/g, '\\textbackslash{}')
    .replace(/([{}&%$#_])/g, '\\$1')
    .replace(/~/g, '\\textasciitilde{}')
    .replace(/\^/g, '\\textasciicircum{}')
    .replace(/[\r\n]+/g, ' ');
}

/** Text that goes into a draft: no line breaks, no Markdown link or HTML syntax that could run when published. */
function inert(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[<>[\]`*_|]/g, (char) => `\\${char}`);
}
