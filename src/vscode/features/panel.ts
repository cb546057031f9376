import * as vscode from 'vscode';
import type { Entry } from '../../core/model';
import type { ReferenceView as Reference } from '../../core/composedReference';
import { renderPanelHtml, renderPanelNotice } from '../../core/render/panel';
import { HISTORY_LIMIT, parsePanelMessage, parsePanelState, type PanelMessage, type PanelState } from '../../shared/messages';
import type { ActiveDraft } from '../activeDraft';
import { COMMANDS, PANEL_VIEW_TYPE } from '../ids';
import type { ReferenceSource } from '../referenceSource';
import { logDetail, notify } from '../notify';
import type { RecentEntries } from './recent';

export interface OpenOptions {
  /** Scroll to this subsection. */
  anchor?: string;
  /** Open a new panel even beside a panel (a pinned panel's links); the panel is always kept off the draft's group. */
  toSide?: boolean;
  /** Put a newly created panel beside this column (the pinned panel a link came from). */
  beside?: vscode.ViewColumn;
  /** Keep focus where it is (opening from a hover or the tree). */
  preserveFocus?: boolean;
}

/** What tests (and only tests) read about the panel in front. */
export interface PanelSnapshot {
  title: string;
  state: PanelState;
  /** The page's external links, as the allow-list for `openExternal`. */
  links: string[];
}

/**
 * Owns every reference panel. One unpinned panel is reused for each entry opened; pinned
 * panels keep their entry and send their links to the reusable one. Panels come back after a
 * window reload through the serializer, from the state each page keeps.
 */
export class PanelManager implements vscode.Disposable {
  private readonly panels = new Set<ReferencePanel>();
  /** The panel that takes the next entry: the last active unpinned one. */
  private reusable: ReferencePanel | undefined;
  /** The panel the user looked at last (for tests and for commands without a target). */
  private lastActive: ReferencePanel | undefined;
  private readonly shown = new vscode.EventEmitter<string>();
  private readonly disposables: vscode.Disposable[] = [this.shown];

  /** Fires with an entry id whenever a panel shows an entry or comes to the front. */
  readonly onDidShowEntry = this.shown.event;

  constructor(
    private readonly loader: ReferenceSource,
    private readonly extensionUri: vscode.Uri,
    private readonly recent: RecentEntries,
    private readonly drafts: ActiveDraft,
  ) {}

  /**
   * Shows an entry in the reusable panel (creating it if needed), never in the editor group of
   * the draft the writer came from: a new panel opens beside the draft, and a panel that shares
   * the draft's group is moved beside it; a panel elsewhere stays where the writer put it.
   * Resolves to false when the reference is unavailable or the id unknown, after telling the user.
   */
  async open(entryId: string, options: OpenOptions = {}): Promise<boolean> {
    const reference = await this.loader.get();
    if (!reference) return false;
    if (!reference.entry(entryId)) {
      // The id may come from any caller: it goes to the log, never into the notification.
      logDetail('Open Entry: no entry has this id', JSON.stringify(entryId));
      void notify.warning(vscode.l10n.t('That entry is not in the reference; the id is in the Output panel (US–Israel Reference).'));
      return false;
    }
    const draftColumn = this.drafts.column();
    const target = this.reusable;
    if (target) {
      target.navigate(reference, entryId, options.anchor);
      const current = target.panel.viewColumn;
      const column = draftColumn !== undefined && (current === undefined || current === draftColumn) ? besideColumn(draftColumn) : current;
      target.panel.reveal(column, options.preserveFocus);
    } else {
      const column =
        options.beside !== undefined ? besideColumn(options.beside) : draftColumn !== undefined ? besideColumn(draftColumn) : options.toSide ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
      const panel = vscode.window.createWebviewPanel(
        PANEL_VIEW_TYPE,
        reference.entry(entryId)!.title,
        { viewColumn: column, preserveFocus: options.preserveFocus },
        this.webviewOptions(),
      );
      this.adopt(panel, reference, { entryId, anchor: options.anchor, history: { back: [], forward: [] } });
    }
    return true;
  }

  /** For `registerWebviewPanelSerializer`: brings a panel back after a reload. */
  readonly serializer: vscode.WebviewPanelSerializer<unknown> = {
    deserializeWebviewPanel: async (panel, rawState) => {
      panel.webview.options = this.webviewOptions();
      const reference = await this.loader.get();
      if (!reference) {
        panel.webview.html = this.notice(panel.webview, vscode.l10n.t('Reference unavailable'), this.loader.error ?? '');
        return;
      }
      const state = parsePanelState(rawState, { isKnownId: (id) => reference.entry(id) !== undefined });
      if (!state) {
        panel.webview.html = this.notice(panel.webview, vscode.l10n.t('Entry not found'), vscode.l10n.t('The entry this panel showed is no longer in the reference.'));
        return;
      }
      this.adopt(panel, reference, state, false);
    },
  };

  /** The panel the user looked at last, for the in-editor tests. */
  snapshot(): PanelSnapshot | undefined {
    return this.lastActive?.snapshot();
  }

  /** Feeds a raw message to the last active panel through the same validation as the webview's. */
  async receive(raw: unknown): Promise<boolean> {
    return this.lastActive ? this.lastActive.handle(raw) : false;
  }

  dispose(): void {
    for (const panel of [...this.panels]) panel.panel.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }

  webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      enableFindWidget: true,
      // The narrowest roots: the style sheet's folder and the panel script's own, not the index, bundles or maps in dist/.
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media'), vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview')],
    };
  }

  /** @internal used by ReferencePanel */
  resource(webview: vscode.Webview, ...path: string[]): string {
    return webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...path)).toString();
  }

  /** @internal used by ReferencePanel */
  didShow(panel: ReferencePanel, entryId: string, record: boolean): void {
    if (record) void this.recent.add(entryId);
    if (panel.panel.active || panel === this.lastActive) this.shown.fire(entryId);
  }

  /** @internal used by ReferencePanel */
  didChangePin(panel: ReferencePanel): void {
    if (panel.pinned && this.reusable === panel) this.reusable = this.nextReusable();
    else if (!panel.pinned && !this.reusable) this.reusable = panel;
  }

  private notice(webview: vscode.Webview, title: string, message: string): string {
    return renderPanelNotice({ cspSource: webview.cspSource, styleUri: this.resource(webview, 'media', 'panel.css'), title, message });
  }

  private adopt(panel: vscode.WebviewPanel, reference: Reference, state: PanelState, record = true): ReferencePanel {
    const managed = new ReferencePanel(panel, this, this.loader, state);
    this.panels.add(managed);
    this.lastActive = managed;
    if (!managed.pinned) this.reusable = managed;
    panel.onDidDispose(() => {
      this.panels.delete(managed);
      managed.dispose();
      if (this.reusable === managed) this.reusable = this.nextReusable();
      if (this.lastActive === managed) this.lastActive = [...this.panels].pop();
    });
    panel.onDidChangeViewState(() => {
      if (!panel.active) return;
      this.lastActive = managed;
      if (!managed.pinned) this.reusable = managed;
      this.shown.fire(managed.state.entryId);
    });
    managed.render(reference, record);
    return managed;
  }

  private nextReusable(): ReferencePanel | undefined {
    return [...this.panels].reverse().find((candidate) => !candidate.pinned);
  }
}

/** One webview panel: its history, its page, its messages. */
class ReferencePanel implements vscode.Disposable {
  private links = new Set<string>();
  private readonly subscription: vscode.Disposable;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly manager: PanelManager,
    private readonly loader: ReferenceSource,
    public state: PanelState,
  ) {
    this.subscription = panel.webview.onDidReceiveMessage((raw) => void this.handle(raw));
  }

  get pinned(): boolean {
    return this.state.pinned === true;
  }

  dispose(): void {
    this.subscription.dispose();
  }

  snapshot(): PanelSnapshot {
    return { title: this.panel.title, state: structuredClone(this.state), links: [...this.links] };
  }

  /** Validates a message from the page and acts on it; false when it was dropped. */
  async handle(raw: unknown): Promise<boolean> {
    const reference = await this.loader.get();
    if (!reference) return false;
    const message = parsePanelMessage(raw, {
      isKnownId: (id) => reference.entry(id) !== undefined,
      isKnownUrl: (url) => this.links.has(url),
    });
    if (!message) return false;
    return this.act(message, reference);
  }

  navigate(reference: Reference, entryId: string, anchor?: string): void {
    const { back } = this.state.history;
    if (entryId !== this.state.entryId) back.push(this.state.entryId);
    this.state = { ...this.state, entryId, anchor, history: { back: back.slice(-HISTORY_LIMIT), forward: [] } };
    this.render(reference);
  }

  render(reference: Reference, record = true): void {
    const entry = reference.entry(this.state.entryId) as Entry;
    const webview = this.panel.webview;
    const page = renderPanelHtml({
      entry,
      lookup: reference,
      cspSource: webview.cspSource,
      nonce: nonce(),
      scriptUri: this.manager.resource(webview, 'dist', 'webview', 'webview.js'),
      styleUri: this.manager.resource(webview, 'media', 'panel.css'),
      canGoBack: !this.pinned && this.state.history.back.length > 0,
      canGoForward: !this.pinned && this.state.history.forward.length > 0,
      pinned: this.pinned,
      state: this.state,
      anchor: this.state.anchor,
    });
    this.links = new Set(page.links);
    this.panel.title = this.pinned ? vscode.l10n.t('{0} (Pinned)', entry.title) : entry.title;
    webview.html = page.html;
    this.manager.didShow(this, entry.id, record);
  }

  private async act(message: PanelMessage, reference: Reference): Promise<boolean> {
    switch (message.type) {
      case 'open':
        if (this.pinned) return this.manager.open(message.id, { anchor: message.anchor, toSide: true, beside: this.panel.viewColumn });
        this.navigate(reference, message.id, message.anchor);
        return true;
      case 'back':
      case 'forward': {
        const { back, forward } = this.state.history;
        const from = message.type === 'back' ? back : forward;
        if (this.pinned || from.length === 0) return false;
        const next = message.type === 'back' ? back.pop()! : forward.shift()!;
        if (message.type === 'back') forward.unshift(this.state.entryId);
        else back.push(this.state.entryId);
        this.state = { ...this.state, entryId: next, anchor: undefined, history: { back: back.slice(-HISTORY_LIMIT), forward: forward.slice(0, HISTORY_LIMIT) } };
        this.render(reference);
        return true;
      }
      case 'pin':
        if (this.pinned) {
          const { pinned: _, ...unpinned } = this.state;
          this.state = unpinned;
        } else {
          this.state = { ...this.state, pinned: true };
        }
        this.manager.didChangePin(this);
        this.render(reference, false);
        return true;
      case 'search':
        await vscode.commands.executeCommand(COMMANDS.search);
        return true;
      case 'openExternal':
        return vscode.env.openExternal(vscode.Uri.parse(message.url, true));
      case 'insertIntoDraft':
      case 'copyMarkdownLink':
      case 'cite':
        // The draft commands find the draft the writer came from, though this panel has focus.
        return (await vscode.commands.executeCommand<boolean>(COMMANDS[message.type], this.state.entryId)) === true;
      case 'copyFact':
        return (await vscode.commands.executeCommand<boolean>(COMMANDS.copyFactWithCitation, this.state.entryId, message.index)) === true;
    }
  }
}

/** The editor group to the right of `column` (VS Code creates it when there is none). */
function besideColumn(column: vscode.ViewColumn): vscode.ViewColumn {
  return Math.min(column + 1, vscode.ViewColumn.Nine) as vscode.ViewColumn;
}

/** A CSP nonce: 16 random bytes, base64. `crypto` is global in both extension hosts. */
function nonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
