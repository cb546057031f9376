import * as vscode from 'vscode';
import { ComposedReference, type GlossaryPrecedence, type ReferenceView } from '../../core/composedReference';
import { positionAt } from '../../core/jsonLocate';
import { plainLine } from '../../core/safeText';
import { GLOSSARY_LIMITS, bundledIds, readWorkspaceGlossaries, sourcesPathFor, type GlossaryInput, type GlossaryText, type WorkspaceGlossary } from '../../core/workspaceGlossary';
import { SETTINGS, SETTINGS_SECTION } from '../ids';
import type { ReferenceLoader } from '../referenceLoader';
import type { ReferenceSource } from '../referenceSource';
import { DIAGNOSTIC_SOURCE } from './spellOut';

/** Past this many glossary files the rest are left out, and the view says so. */
const MAX_FILES = 100;
/** A save often comes with a second event for the same file; one reload serves both. */
const RELOAD_DELAY_MS = 250;
const DEFAULT_GLOB = '**/*.terms.json';

/** Where the workspace glossaries stand, for the Glossary view's message and the tests. */
export interface GlossaryStatus {
  state: 'idle' | 'restricted' | 'loaded';
  files: number;
  terms: number;
  errors: number;
  message: string | undefined;
  referenceChanged: boolean;
}

/**
 * Workspace glossaries in the editor: finds the `*.terms.json` files (setting), reads them
 * through `workspace.fs` (so VS Code for the Web reads them too), validates them with the build's
 * validator in the core, shows every problem as a diagnostic in its file, and hands the features
 * the bundled reference with the team's terms composed on top. Reloads on save and on any change
 * to a glossary file; reads nothing in a workspace that is not trusted.
 *
 * It is a `ReferenceSource`: the features ask it, not the bundled loader, for the reference.
 */
export class WorkspaceGlossaries implements ReferenceSource, vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('usIsraelReference.workspaceGlossaries');
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<GlossaryStatus>();
  /**
   * Fires after every load with where the glossaries stand; `referenceChanged` says whether the
   * composed reference is a new one (the views and the drafts' matches must be read again).
   */
  readonly onDidChange = this.changed.event;
  /** The glossaries as last read; `undefined` while none is loaded (the bundled reference answers alone). */
  private glossary: WorkspaceGlossary | undefined;
  private precedenceInUse: GlossaryPrecedence = 'bundled';
  /** One composition per bundled part (the terms part for hovers, the whole reference), made on first use. */
  private composedFor = new WeakMap<object, ComposedReference>();
  private loading: Promise<void> | undefined;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private watchers: vscode.Disposable[] = [];
  private current: GlossaryStatus = { state: 'idle', files: 0, terms: 0, errors: 0, message: undefined, referenceChanged: false };
  /** Bumped on every reload, so a slow read that an edit overtook is dropped. */
  private generation = 0;

  constructor(private readonly bundled: ReferenceLoader) {
    this.disposables.push(
      this.diagnostics,
      this.changed,
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.scheduleReload(0)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleReload()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SETTINGS_SECTION}.${SETTINGS.workspaceGlossariesGlob}`)) this.watch();
        if (event.affectsConfiguration(`${SETTINGS_SECTION}.workspaceGlossaries`)) this.scheduleReload(0);
      }),
      // A file watcher may not report saves on every file system (some virtual ones); a save in the editor always is.
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (this.isGlossaryFile(document)) this.scheduleReload();
      }),
    );
    this.watch();
    // Start at once: by the time the writer hovers a term, the workspace's own files are read.
    this.loading = this.reload();
  }

  get error(): string | undefined {
    return this.bundled.error;
  }

  // Never held up by the glossaries: until they are read the bundled reference answers alone,
  // and the views and drafts are read again when they arrive (onDidChange).
  async get(): Promise<ReferenceView | undefined> {
    return this.compose(await this.bundled.get());
  }

  peek(): ReferenceView | undefined {
    return this.compose(this.bundled.peek());
  }

  async terms(): Promise<ReferenceView | undefined> {
    return this.compose(await this.bundled.terms());
  }

  peekTerms(): ReferenceView | undefined {
    return this.compose(this.bundled.peekTerms());
  }

  async termsInBackground(): Promise<ReferenceView | undefined> {
    return this.compose(await this.bundled.termsInBackground());
  }

  private compose(reference: ReferenceView | undefined): ReferenceView | undefined {
    if (!reference || !this.glossary) return reference;
    let composed = this.composedFor.get(reference);
    if (!composed) {
      composed = new ComposedReference(reference, this.glossary, this.precedenceInUse);
      this.composedFor.set(reference, composed);
    }
    return composed;
  }

  /** Where the glossaries stand; waits for a load in progress. */
  async status(): Promise<GlossaryStatus> {
    await this.loading;
    return { ...this.current };
  }

  /** Reads every glossary again now (the tests; a save does this by itself). */
  async reloadNow(): Promise<GlossaryStatus> {
    clearTimeout(this.reloadTimer);
    this.loading = this.reload();
    return this.status();
  }

  private precedence(): GlossaryPrecedence {
    return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string>(SETTINGS.workspaceGlossariesPrecedence) === 'workspace' ? 'workspace' : 'bundled';
  }

  private glob(): string {
    const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>(SETTINGS.workspaceGlossariesGlob);
    return typeof value === 'string' && value.trim() !== '' && value.length <= 500 ? value.trim() : DEFAULT_GLOB;
  }

  private isGlossaryFile(document: vscode.TextDocument): boolean {
    return /\.(?:terms|sources)\.json$/i.test(document.uri.path) || vscode.languages.match({ pattern: this.glob() }, document) > 0;
  }

  private watch(): void {
    for (const watcher of this.watchers) watcher.dispose();
    const onAny = () => this.scheduleReload();
    this.watchers = [this.glob(), '**/*.sources.json'].flatMap((pattern) => {
      const watcher = vscode.workspace.createFileSystemWatcher(pattern);
      return [watcher, watcher.onDidCreate(onAny), watcher.onDidChange(onAny), watcher.onDidDelete(onAny)];
    });
  }

  private scheduleReload(delay = RELOAD_DELAY_MS): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.loading = this.reload();
    }, delay);
  }

  private async reload(): Promise<void> {
    const generation = ++this.generation;
    try {
      await this.load(generation);
    } catch (error) {
      // Whatever went wrong, the bundled reference goes on alone; the view says what happened.
      if (generation !== this.generation) return;
      this.apply(undefined, { state: 'loaded', files: 0, terms: 0, errors: 1, message: vscode.l10n.t('The workspace glossaries could not be read ({0}); the bundled reference works as usual.', String((error as Error)?.message ?? error).slice(0, 200)) });
    }
  }

  private async load(generation: number): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      this.diagnostics.clear();
      this.apply(undefined, {
        state: 'restricted',
        files: 0,
        terms: 0,
        errors: 0,
        message: vscode.l10n.t('Workspace glossaries (*.terms.json) are not loaded: this window is in Restricted Mode. Trust the workspace to use them.'),
      });
      return;
    }
    if (!vscode.workspace.workspaceFolders?.length) {
      this.apply(undefined, { state: 'idle', files: 0, terms: 0, errors: 0, message: undefined });
      return;
    }
    const found = await vscode.workspace.findFiles(this.glob(), '**/node_modules/**', MAX_FILES + 1);
    if (generation !== this.generation) return;
    const uris = found.filter((uri) => !/\.sources\.json$/i.test(uri.path)).sort((a, b) => (a.toString() < b.toString() ? -1 : 1));
    if (uris.length === 0) {
      this.diagnostics.clear();
      this.apply(undefined, { state: 'idle', files: 0, terms: 0, errors: 0, message: undefined });
      return;
    }
    const reference = await this.bundled.get();
    if (!reference || generation !== this.generation) return;
    const inputs: GlossaryInput[] = [];
    const uriByPath = new Map<string, vscode.Uri>();
    const refusedUnread: { path: string; bytes: number }[] = [];
    for (const uri of uris.slice(0, MAX_FILES)) {
      const path = vscode.workspace.asRelativePath(uri, true);
      uriByPath.set(path, uri);
      const glossary = await readText(uri, path);
      if (glossary && 'bytes' in glossary) refusedUnread.push({ path, bytes: glossary.bytes });
      if (!glossary || 'bytes' in glossary) continue;
      const besidePath = sourcesPathFor(uri.path);
      const sourcesUri = besidePath ? uri.with({ path: besidePath }) : undefined;
      const sourcesPath = sourcesUri ? vscode.workspace.asRelativePath(sourcesUri, true) : '';
      const sources = sourcesUri ? await readText(sourcesUri, sourcesPath) : undefined;
      if (sources && 'bytes' in sources) refusedUnread.push({ path: sourcesPath, bytes: sources.bytes });
      if (sourcesUri) uriByPath.set(sourcesPath, sourcesUri);
      inputs.push({ glossary, ...(sources && !('bytes' in sources) && { sources }) });
    }
    if (generation !== this.generation) return;
    const glossary = readWorkspaceGlossaries(inputs, bundledIds(reference));
    const precedence = this.precedence();
    const composed = new ComposedReference(reference, glossary, precedence);

    // Diagnostics: every problem where it is, and each alias clash on the alias.
    const texts = new Map(inputs.flatMap((input) => [input.glossary, ...(input.sources ? [input.sources] : [])]).map((file) => [file.path, file.text]));
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const add = (path: string, start: number, end: number, message: string, severity: vscode.DiagnosticSeverity, code: string) => {
      const text = texts.get(path) ?? '';
      const from = positionAt(text, start);
      const to = positionAt(text, Math.max(end, start));
      const diagnostic = new vscode.Diagnostic(new vscode.Range(from.line, from.character, to.line, to.character), plainLine(message, 1000), severity);
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.code = code;
      byFile.set(path, [...(byFile.get(path) ?? []), diagnostic]);
    };
    for (const problem of glossary.problems) {
      add(problem.path, problem.start, problem.end, `${problem.field}: ${problem.reason}`, problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning, 'workspace-glossary');
    }
    for (const refused of refusedUnread) {
      const reason = vscode.l10n.t('(file): is {0} bytes; a glossary file holds at most {1} characters: split it. It was not read.', refused.bytes.toLocaleString('en'), GLOSSARY_LIMITS.maxFileLength.toLocaleString('en'));
      add(refused.path, 0, 0, reason, vscode.DiagnosticSeverity.Error, 'workspace-glossary');
    }
    for (const clash of composed.clashes()) {
      const place = glossary.placeOf(clash.workspaceTermId, ['aliases', clash.aliasIndex]);
      if (!place) continue;
      const keeper = clash.winner === 'bundled' ? vscode.l10n.t('the bundled term keeps it') : vscode.l10n.t('this term takes it');
      add(
        place.path,
        place.start,
        place.end,
        vscode.l10n.t('{0}: "{1}" is also an alias of the bundled term "{2}"; {3} (setting usIsraelReference.workspaceGlossaries.precedence)', place.field, clash.alias, clash.bundledTermId, keeper),
        vscode.DiagnosticSeverity.Warning,
        'alias-clash',
      );
    }
    this.diagnostics.clear();
    for (const [path, diagnostics] of byFile) {
      const uri = uriByPath.get(path);
      if (uri) this.diagnostics.set(uri, diagnostics);
    }
    const errors = glossary.problems.filter((problem) => problem.severity === 'error').length + refusedUnread.length;
    const extra = uris.length > MAX_FILES ? vscode.l10n.t(' Only the first {0} glossary files are read.', MAX_FILES) : '';
    const message =
      errors > 0
        ? vscode.l10n.t('Workspace glossaries: {0} terms loaded; {1} problems in the glossary files (see Problems).', glossary.terms.length, errors) + extra
        : extra.trim() || undefined;
    this.precedenceInUse = precedence;
    this.composedFor = new WeakMap([[reference, composed]]);
    this.apply(glossary, { state: 'loaded', files: inputs.length, terms: glossary.terms.length, errors, message });
  }

  private apply(glossary: WorkspaceGlossary | undefined, status: Omit<GlossaryStatus, 'referenceChanged'>): void {
    const referenceChanged = glossary !== undefined || this.glossary !== undefined;
    if (glossary === undefined) this.composedFor = new WeakMap();
    this.glossary = glossary;
    this.current = { ...status, referenceChanged };
    this.changed.fire({ ...this.current });
  }

  dispose(): void {
    this.bundled.dispose();
    clearTimeout(this.reloadTimer);
    for (const watcher of this.watchers) watcher.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/**
 * A file's text, read through `workspace.fs`, or its size when it is too large to read at all
 * (a file of several megabytes is refused from its size alone); `undefined` when there is none.
 */
async function readText(uri: vscode.Uri, path: string): Promise<GlossaryText | { bytes: number } | undefined> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) return undefined;
    // UTF-8 takes up to three bytes a character here; the core checks the exact length of what is read.
    if (stat.size > GLOSSARY_LIMITS.maxFileLength * 3) return { bytes: stat.size };
    return { path, text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
  } catch {
    return undefined;
  }
}
