/**
 * The core's public surface: pure functions and types with no editor and no Node built-ins,
 * usable from the extension, the webview, tests and `dist/core.js`.
 */
export * from './model';
export { TermsReference, readTermsPartExplained } from './termsReference';
export { Reference, ReferenceLoadError, loadReference, loadReferenceParts, referenceFromTermsPart, boundQuery, MAX_QUERY_LENGTH, MAX_QUERY_WORDS, type SearchRequestOptions } from './reference';
export { PartRecords, PartError, readTermsPart, readLibraryPart, PARTS_FORMAT_VERSION, type PartSource, type TermsPart, type LibraryPart, type NameTable, type LoadedTermsPart, type LoadedLibraryPart } from './parts';
export { splitIndexFile, serializeTermsPart, serializeLibraryPart, nameTable, sortTerms, sortSections, sortEvents } from './writeParts';
export { TermMatcher, type CompiledMatcher, aliasIsAcronym, aliasIsCaseSensitive, aliasKey, aliasSpellings, type MatchOptions, type MatchableTerm } from './termMatcher';
export { markdownSkipRegions, type Regions } from './markdownRegions';
export { validateContent, parseFrontMatter, sentenceCount, isValidPartialDate, slugify, DEFAULT_LIMITS, RUNTIME_LIMITS, FIELD_MAX_LENGTH, type ContentFile, type ContentLimits, type ValidationResult } from './content';
export { buildIndexFile, loadSearchIndex, toIndexedDocument, INDEX_OPTIONS, INDEX_FORMAT_VERSION, type IndexFile } from './searchIndex';
export { plainText, citedSources, truncate } from './text';
export { rankCandidates, type RankCandidate, type RankContext, type RankOptions } from './ranking';
export { termNameCompletions, type NameCompletion } from './completionNames';
export { expansionOf, expansionAt, spelledOutBefore, primarySource, factWithCitation, type SourceLookup } from './writerText';
export { analyzeDraft, spelledOutAt, isAbbreviationUse, type DraftTerm, type DraftTermInfo } from './draftTerms';
export { DraftTermScan, paragraphStart, paragraphEnd, type DraftEdit, type DraftMatcher } from './draftScan';
export { spellOutFindings, type SpellOutFinding } from './spellOut';
export { citation, cslJson, bibtex, formatReference, type CitationOptions, type CitationStyle, type CitationText, type CslItem } from './citations';
export { readWorkspaceGlossaries, bundledIds, sourcesPathFor, GLOSSARY_LIMITS, WORKSPACE_LIMITS, NO_GLOSSARY, type WorkspaceGlossary, type GlossaryInput, type GlossaryProblem } from './workspaceGlossary';
export { ComposedReference, type ReferenceView, type GlossaryPrecedence, type AliasClash } from './composedReference';
export { readJson, locate, positionAt, type JsonNode } from './jsonLocate';
export { stripInvisibles, plainLine, escapeIcons, uiLabel, noticeText, noticeValue, draftMarkdown } from './safeText';
export { checkWebUrl, webHref, isWebUrl } from '../shared/urls';
export { figureMentions, parsePeriod, type FigureMention, type MentionKind, type PartialDate } from './figureMentions';
export { citationInsertionPoint, figureProblems, formatAmount, plainMessageText, type FigureFinding } from './figures';
