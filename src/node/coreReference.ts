/**
 * `dist/core-reference.js`: the whole `Reference` (search, sections and events, citations, the
 * figure check) without the rest of the core, required by `dist/core.js` on the first call a
 * hover-only reference cannot answer (see coreApi.ts). Smaller than `dist/core-full.js`, which
 * adds the content validator, workspace glossaries and the index builder for tools.
 */
export { referenceFromTermsPart } from '../core/reference';
