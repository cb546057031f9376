/**
 * The core's public surface: pure functions and types with no editor and no Node built-ins,
 * usable from the extension, the webview, tests and `dist/core.js`.
 */
export * from './model';
export { Reference, ReferenceLoadError, loadReference, loadReferenceParts, type SearchRequestOptions } from './reference';
export { splitIndexFile, sortTerms, sortSections, sortEvents, type TermsPart, type LibraryPart } from './parts';
export { TermMatcher, type CompiledMatcher, aliasIsAcronym, aliasIsCaseSensitive, aliasKey, aliasSpellings, type MatchOptions, type MatchableTerm } from './termMatcher';
export { markdownSkipRegions, type Regions } from './markdownRegions';
export { validateContent, parseFrontMatter, sentenceCount, isValidPartialDate, slugify, DEFAULT_LIMITS, type ContentFile, type ContentLimits, type ValidationResult } from './content';
export { buildIndexFile, loadSearchIndex, toIndexedDocument, INDEX_OPTIONS, INDEX_FORMAT_VERSION, type IndexFile } from './searchIndex';
export { plainText, citedSources, truncate } from './text';
export { analyzeDraft, spelledOutAt, isAbbreviationUse, type DraftTerm, type DraftTermInfo } from './draftTerms';
export { DraftTermScan, paragraphStart, paragraphEnd, type DraftEdit, type DraftMatcher } from './draftScan';
export { spellOutFindings, type SpellOutFinding } from './spellOut';
export { citation, cslJson, bibtex, formatReference, type CitationOptions, type CitationStyle, type CitationText, type CslItem } from './citations';
