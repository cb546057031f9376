import type { ReferenceView } from '../core/composedReference';

/**
 * What the features ask for the reference through: the bundled `ReferenceLoader`, or the
 * workspace glossaries' loader that composes the team's terms on top of it
 * (src/vscode/features/workspaceGlossaries.ts).
 */
export interface ReferenceSource {
  /** The whole reference, loading it on first call; `undefined` when it cannot be loaded. */
  get(): Promise<ReferenceView | undefined>;
  /** The whole reference if it has already loaded, without starting a load. */
  peek(): ReferenceView | undefined;
  /** The reference ready for hovers and the writing aids (terms and the sources they cite). */
  terms(): Promise<ReferenceView | undefined>;
  /** The same, if its part has loaded, without starting a load. */
  peekTerms(): ReferenceView | undefined;
  /**
   * `terms()` for work the writer is not waiting on (scanning a whole draft for diagnostics and
   * views): it resolves a turn of the event loop later, so that a hover waiting on the same load
   * is answered first.
   */
  termsInBackground(): Promise<ReferenceView | undefined>;
  /** Why loading failed, once it has. */
  readonly error: string | undefined;
}
