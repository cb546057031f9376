import * as vscode from 'vscode';
import type { Entry, EntryKind, Hit } from '../../core/model';
import type { ReferenceView as Reference } from '../../core/composedReference';
import { boundQuery } from '../../core/reference';
import { categoryLabel, formatDate } from '../../core/render/format';
import { uiLabel } from '../../core/safeText';
import { unmatchableLabel } from '../../core/quickPickLabel';
import { truncate } from '../../core/text';
import { Debouncer } from '../debounce';
import { COMMANDS, CONTEXT_KEYS } from '../ids';
import type { ReferenceSource } from '../referenceSource';
import { logDetail } from '../notify';
import { termAtPosition } from './hover';
import type { PanelManager } from './panel';
import type { RecentEntries } from './recent';

interface SearchItem extends vscode.QuickPickItem {
  entryId?: string;
  /** The title as written; `label` carries it in a form VS Code cannot match (see `unmatchableLabel`). */
  title?: string;
}

/** What an item button does; each button object is shared by every item, so identity tells them apart. */
type ItemAction = 'toSide' | 'insertIntoDraft' | 'copyMarkdownLink' | 'cite' | 'copyFactWithCitation';

const KIND_ICONS: Record<EntryKind, string> = { section: 'book', term: 'symbol-key', event: 'calendar' };
const RESULT_LIMIT = 30;
/** Results follow typing after this pause; the core also bounds each search's cost (security review F2). */
const SEARCH_DEBOUNCE_MS = 60;

/**
 * The reference search (a QuickPick fed by the core as the user types), Search for Selection,
 * and Look Up Term at Cursor.
 */
export class SearchFeature implements vscode.Disposable {
  private current: vscode.QuickPick<SearchItem> | undefined;
  /** The loaded reference, once a search has needed it (Enter asks it for the first hit). */
  private reference: Reference | undefined;
  /** The query the current items were made for: Enter on a stale list must still open the core's first hit. */
  private itemsQuery = '';
  private readonly buttons = new Map<vscode.QuickInputButton, ItemAction>([
    [{ iconPath: new vscode.ThemeIcon('split-horizontal'), tooltip: vscode.l10n.t('Open to the Side (Ctrl/Cmd+Enter)') }, 'toSide'],
    [{ iconPath: new vscode.ThemeIcon('insert'), tooltip: vscode.l10n.t('Insert into Draft') }, 'insertIntoDraft'],
    [{ iconPath: new vscode.ThemeIcon('quote'), tooltip: vscode.l10n.t('Cite in Draft') }, 'cite'],
    [{ iconPath: new vscode.ThemeIcon('link'), tooltip: vscode.l10n.t('Copy as Markdown Link') }, 'copyMarkdownLink'],
    [{ iconPath: new vscode.ThemeIcon('copy'), tooltip: vscode.l10n.t('Copy Fact with Citation…') }, 'copyFactWithCitation'],
  ]);

  constructor(
    private readonly loader: ReferenceSource,
    private readonly panels: PanelManager,
    private readonly recent: RecentEntries,
  ) {}

  register(): vscode.Disposable[] {
    return [
      // Any caller (a hover's Search link, another extension) may pass a query: only its searched part is put in the box.
      vscode.commands.registerCommand(COMMANDS.search, (query?: unknown) => this.show(typeof query === 'string' ? boundQuery(query) : '')),
      vscode.commands.registerCommand(COMMANDS.searchSelection, () => this.show(selectedText())),
      vscode.commands.registerCommand(COMMANDS.lookUpTerm, () => this.lookUpTerm()),
      vscode.commands.registerCommand(COMMANDS.openSearchResultToSide, () => this.openActive(true)),
    ];
  }

  /** Opens the search with `initial` typed in. Resolves once the picker shows its first results. */
  async show(initial = ''): Promise<void> {
    this.current?.hide();
    const picker = vscode.window.createQuickPick<SearchItem>();
    this.current = picker;
    picker.title = vscode.l10n.t('US–Israel Reference');
    picker.placeholder = vscode.l10n.t('Search the article, the glossary and the timeline');
    // The core ranks and filters; VS Code's own matching would hide typo-tolerant hits.
    picker.matchOnDescription = false;
    picker.matchOnDetail = false;
    picker.value = initial;
    picker.busy = true;
    const subscriptions: vscode.Disposable[] = [];
    let debounced: Debouncer | undefined;
    subscriptions.push(
      picker.onDidHide(() => {
        for (const subscription of subscriptions) subscription.dispose();
        picker.dispose();
        if (this.current === picker) {
          this.current = undefined;
          void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.searchOpen, false);
        }
      }),
      // Enter during the pause after a keystroke: bring the results up to date first.
      picker.onDidAccept(() => void this.openActive(false, debounced?.flush() === true)),
      picker.onDidTriggerItemButton((event) => {
        const action = this.buttons.get(event.button);
        if (event.item.entryId && action) void this.act(event.item.entryId, action);
      }),
    );
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.searchOpen, true);
    picker.show();

    const reference = await this.loader.get();
    if (!reference) {
      picker.hide();
      return;
    }
    this.reference = reference;
    const update = () => {
      this.itemsQuery = picker.value;
      picker.items = this.items(reference, picker.value);
    };
    debounced = new Debouncer(update, SEARCH_DEBOUNCE_MS);
    subscriptions.push(debounced, picker.onDidChangeValue(() => debounced!.schedule()));
    update();
    picker.busy = false;
  }

  dispose(): void {
    this.current?.hide();
  }

  private items(reference: Reference, query: string): SearchItem[] {
    if (query.trim() === '') return this.startItems(reference);
    let hits: Hit[];
    try {
      hits = reference.search(query, { limit: RESULT_LIMIT });
    } catch (error) {
      // Say so in the list, where the user is looking, in fixed words; the error text goes to the log.
      logDetail('Search failed', error);
      return [{ label: `$(error) ${vscode.l10n.t('The search failed; the Output panel (US–Israel Reference) says why. Hovers and the views still work.')}`, alwaysShow: true }];
    }
    if (hits.length === 0) return [{ label: vscode.l10n.t('No entries match “{0}”', uiLabel(query, 60)), alwaysShow: true }];
    return hits.map((hit) => this.item(reference, hit));
  }

  /** With nothing typed: what the user opened last, then the article's sections. */
  private startItems(reference: Reference): SearchItem[] {
    const items: SearchItem[] = [];
    const recent = this.recent
      .list()
      .map((id) => reference.entry(id))
      .filter((entry) => entry !== undefined);
    if (recent.length > 0) {
      items.push({ label: vscode.l10n.t('Recently opened'), kind: vscode.QuickPickItemKind.Separator });
      items.push(...recent.map((entry) => this.item(reference, entry)));
    }
    items.push({ label: vscode.l10n.t('Sections'), kind: vscode.QuickPickItemKind.Separator });
    items.push(...reference.sections().map((section) => this.item(reference, section)));
    return items;
  }

  private item(reference: Reference, source: Entry | Hit): SearchItem {
    const entry = 'score' in source ? reference.entry(source.id)! : source;
    const kindDescription =
      entry.kind === 'term'
        ? categoryLabel(entry.category)
        : entry.kind === 'event'
          ? vscode.l10n.t('Timeline · {0}', formatDate(entry.date))
          : vscode.l10n.t('Section {0}', entry.order);
    // A team's own term says so, so it is never mistaken for the reference's.
    const origin = reference.origin?.(entry.id);
    const description = origin ? vscode.l10n.t('Workspace glossary · {0}', kindDescription) : kindDescription;
    const detail = 'score' in source ? source.snippet : entry.kind === 'term' ? entry.summary : entry.kind === 'event' ? entry.text : undefined;
    // Labels render $(icon) and show direction controls as they are: content goes through uiLabel,
    // the title through unmatchableLabel (one safe line that no $( icon can form in either).
    return {
      label: unmatchableLabel(entry.title),
      title: entry.title,
      iconPath: new vscode.ThemeIcon(KIND_ICONS[entry.kind]),
      description: uiLabel(entry.kind === 'term' && entry.abbreviation && entry.abbreviation !== entry.title ? `${entry.abbreviation} · ${description}` : description),
      detail: detail === undefined ? undefined : uiLabel(truncate(detail, 160)),
      entryId: entry.id,
      alwaysShow: true,
      // Copy Fact only where there are facts: a glossary term.
      buttons: [...this.buttons].filter(([, action]) => action !== 'copyFactWithCitation' || (entry.kind === 'term' && entry.facts.length > 0)).map(([button]) => button),
    };
  }

  /**
   * Enter: the highlighted item, except that the first item always means the core's first hit
   * for what is typed now, also when the list on screen was made for an earlier keystroke
   * (`stale`: Enter came during the pause before the results follow the typing).
   */
  private openActive(toSide: boolean, stale = false): Promise<boolean> {
    const picker = this.current;
    if (!picker) return Promise.resolve(false);
    const active = picker.activeItems[0];
    const first = picker.items.find((item) => item.entryId !== undefined);
    const current = active !== undefined && picker.items.includes(active);
    if (this.reference && picker.value.trim() !== '' && (stale || !current || active === first || picker.value !== this.itemsQuery)) {
      let top: string | undefined;
      try {
        top = this.reference.search(picker.value, { limit: 1 })[0]?.id;
      } catch {
        top = undefined;
      }
      if (top) return this.accept(top, toSide);
    }
    return active?.entryId ? this.accept(active.entryId, toSide) : Promise.resolve(false);
  }

  /** An item button: open beside, or one of the writer's actions on that entry. */
  private act(entryId: string, action: ItemAction): Promise<boolean> {
    if (action === 'toSide') return this.accept(entryId, true);
    this.current?.hide();
    return Promise.resolve(vscode.commands.executeCommand<boolean>(COMMANDS[action], entryId)).then((done) => done === true);
  }

  private accept(entryId: string, toSide: boolean): Promise<boolean> {
    this.current?.hide();
    return this.panels.open(entryId, { toSide });
  }

  /** Opens the glossary term under the cursor, or says there is none. */
  private async lookUpTerm(): Promise<boolean> {
    const editor = vscode.window.activeTextEditor;
    const reference = await this.loader.get();
    if (!reference) return false;
    if (!editor) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Place the cursor on a term in a draft to look it up.'));
      return false;
    }
    const position = editor.selection.active;
    // The caret often sits just after the word it belongs to ("QME|").
    const found =
      termAtPosition(reference, editor.document, position) ??
      (position.character > 0 ? termAtPosition(reference, editor.document, position.translate(0, -1)) : undefined);
    if (!found) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is no reference term at the cursor.'));
      return false;
    }
    return this.panels.open(found.term.id, { toSide: true, preserveFocus: true });
  }
}

/** The selection, else the word at the cursor, made into one short line. */
function selectedText(): string {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return '';
  const { document, selection } = editor;
  let range: vscode.Range | undefined = selection;
  if (selection.isEmpty) range = document.getWordRangeAtPosition(selection.active);
  if (!range) return '';
  // Read at most a few hundred characters of the first line: a query is short, a selection may not be.
  const cap = document.validatePosition(range.start.translate(0, 400));
  const end = range.end.isBefore(cap) ? range.end : cap;
  return truncate(document.getText(new vscode.Range(range.start, end)).replace(/\s+/g, ' ').trim(), 120).replace(/…$/, '');
}
