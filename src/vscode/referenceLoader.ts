import * as vscode from 'vscode';
import { ReferenceLoadError, loadReferenceParts, type Reference } from '../core/reference';
import { logDetail, notify } from './notify';
import { markOnce } from './timing';

/** The two parts the build writes (src/node/buildIndex.ts `PART_FILES`). */
const TERMS_FILE = 'reference-terms.jsonl';
const LIBRARY_FILE = 'reference-library.jsonl';
/**
 * How long after the terms part is ready the library is read in the background: long enough that
 * the first hover card, a few hundred milliseconds after the editor shows, never waits behind
 * it; short enough that the first search or panel rarely does.
 */
const LIBRARY_DELAY_MS = 1500;
/** How long a direct read of a part may take before the loader reads it through `workspace.fs` instead. */
const FETCH_TIMEOUT_MS = 10_000;

/**
 * Loads the bundled reference through `workspace.fs`, so the same code runs in desktop VS Code
 * and in VS Code for the Web, in two parts (see src/core/parts.ts):
 * - `terms()`: the terms part, all that hover cards and the writing aids need. Reading starts
 *   when a draft's editor becomes visible (`prefetchForEditors`), so the first card does not
 *   wait on I/O.
 * - `get()`: the whole reference, with sections, events, every source and search. The library
 *   part is read on the first call, or in the background shortly after the terms part.
 * A missing or corrupt part yields one error message and `undefined` for its callers; a bad
 * library leaves hovers working. Nothing retries in a loop.
 */
export class ReferenceLoader {
  private termsLoading: Promise<Reference | undefined> | undefined;
  private libraryLoading: Promise<Reference | undefined> | undefined;
  private termsReady: Reference | undefined;
  private complete: Reference | undefined;
  /** The library part's text, once read; handed to the reference when it first needs it. */
  private libraryText: string | undefined;
  private backgroundTimer: ReturnType<typeof setTimeout> | undefined;
  private failure: string | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** Starts reading the terms part if nothing has yet; for when a draft becomes visible. */
  prefetch(): void {
    void this.terms();
  }

  /** The reference ready for hovers and the writing aids (terms, their matcher, the sources they cite). */
  terms(): Promise<Reference | undefined> {
    this.termsLoading ??= this.loadTerms();
    return this.termsLoading;
  }

  /**
   * `terms()` a turn of the event loop later. The hover and the whole-draft scans of the writing
   * aids wait on the same load; promise callbacks run in the order they were attached, and the
   * aids attach first (the draft shows before the pointer rests), so without this the first card
   * waited for every scan.
   */
  async termsInBackground(): Promise<Reference | undefined> {
    const reference = await this.terms();
    await new Promise((resolve) => setTimeout(resolve, 0));
    return reference;
  }

  /** The whole reference, loading what is missing; `undefined` when it cannot be loaded. */
  get(): Promise<Reference | undefined> {
    this.libraryLoading ??= this.loadLibrary();
    return this.libraryLoading;
  }

  /** The whole reference if it has already loaded, without starting a load. */
  peek(): Reference | undefined {
    return this.complete;
  }

  /** The reference ready for hovers if its terms part has loaded, without starting a load. */
  peekTerms(): Reference | undefined {
    return this.termsReady;
  }

  /** Why loading failed, once it has. */
  get error(): string | undefined {
    return this.failure;
  }

  dispose(): void {
    if (this.backgroundTimer !== undefined) clearTimeout(this.backgroundTimer);
  }

  private async loadTerms(): Promise<Reference | undefined> {
    try {
      markOnce('terms-asked');
      const text = await this.read(TERMS_FILE);
      this.termsReady = loadReferenceParts(text, () => {
        // `get()` reads the library before it hands the reference out; a terms-only caller that
        // reaches for sections, events or search has skipped it.
        if (this.libraryText === undefined) throw new ReferenceLoadError('The reference library is not loaded yet: use ReferenceLoader.get().');
        return this.libraryText;
      });
      markOnce('terms-ready');
      this.backgroundTimer = setTimeout(() => void this.loadInBackground(), LIBRARY_DELAY_MS);
      return this.termsReady;
    } catch (error) {
      this.fail(error);
      return undefined;
    }
  }

  private async loadLibrary(): Promise<Reference | undefined> {
    const reference = await this.terms();
    if (!reference) return undefined;
    try {
      this.libraryText = await this.read(LIBRARY_FILE);
      reference.loadLibrary();
      this.libraryText = undefined;
      this.complete = reference;
      return reference;
    } catch (error) {
      this.fail(error);
      return undefined;
    }
  }

  /** The library and the search index, ready before the first search or panel asks. */
  private async loadInBackground(): Promise<void> {
    const reference = await this.get();
    // A turn of the event loop between parsing the library and readying search, so that a hover
    // or keystroke that arrived meanwhile is served first.
    await new Promise((resolve) => setTimeout(resolve, 0));
    try {
      reference?.loadLibrary({ searchIndex: true });
    } catch {
      // A damaged search index is reported by the search that needs it, with the panel still usable.
    }
  }

  private async read(file: string): Promise<string> {
    const uri = vscode.Uri.joinPath(this.extensionUri, 'dist', file);
    const fetched = await fetchDirectly(uri);
    if (fetched !== undefined) return fetched;
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch (error) {
      const missing = error instanceof vscode.FileSystemError && (error.code === 'FileNotFound' || /not found/i.test(error.message));
      throw new ReferenceLoadError(
        missing
          ? vscode.l10n.t('The reference index {0} is missing. Rebuild it with "npm run build".', `dist/${file}`)
          : vscode.l10n.t('The reference index {0} could not be read ({1}). Rebuild it with "npm run build".', `dist/${file}`, (error as Error).message),
      );
    }
  }

  private fail(error: unknown): void {
    // Error text can quote the file (JSON.parse does): it goes to the log, and the user sees a fixed message.
    logDetail('The reference index could not be loaded', error instanceof ReferenceLoadError ? error.message : String(error));
    // One message: a library that fails after the terms loaded must not repeat the same story.
    if (this.failure !== undefined) return;
    this.failure = vscode.l10n.t('US–Israel Reference is unavailable: its index could not be loaded. Rebuild it with "npm run build"; the Output panel (US–Israel Reference) says why.');
    void notify.error(this.failure);
  }
}

/**
 * In VS Code for the Web the extension's own files are web resources. `workspace.fs` reads them
 * through the workbench's main thread, which is at its busiest just when a draft opens (measured:
 * 1.1–1.3 s for the terms part while the editor painted, against 0.9 s for a fetch from this
 * worker); a fetch from the extension host reads them directly. `undefined` (read through
 * `workspace.fs` instead) for any other scheme, or when the fetch fails.
 */
async function fetchDirectly(uri: vscode.Uri): Promise<string | undefined> {
  if ((uri.scheme !== 'https' && uri.scheme !== 'http') || typeof fetch !== 'function') return undefined;
  try {
    // A stalled request must not leave every hover waiting: workspace.fs gets its turn.
    const response = await fetch(uri.toString(), { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!response.ok) return undefined;
    const text = await response.text();
    // A server that answers every path with a page (a dev server's fallback, a proxy) is not the part.
    return text.startsWith('{"format":') ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts reading the terms part as soon as an editor in one of `languages()` is visible (now, or
 * later), and stops watching once it has.
 *
 * @example
 *   context.subscriptions.push(prefetchForEditors(loader, referenceLanguages));
 */
export function prefetchForEditors(loader: ReferenceLoader, languages: () => readonly string[]): vscode.Disposable {
  const check = (editors: readonly vscode.TextEditor[]): boolean => {
    const wanted = languages();
    if (!editors.some((editor) => wanted.includes(editor.document.languageId))) return false;
    loader.prefetch();
    return true;
  };
  if (check(vscode.window.visibleTextEditors)) return new vscode.Disposable(() => undefined);
  const watcher = vscode.window.onDidChangeVisibleTextEditors((editors) => {
    if (check(editors)) watcher.dispose();
  });
  return watcher;
}
