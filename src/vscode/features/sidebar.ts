import * as vscode from 'vscode';
import type { EntryKind } from '../../core/model';
import type { ReferenceView as Reference } from '../../core/composedReference';
import { escapeMarkdown } from '../../core/render/escape';
import { plainLine, stripInvisibles } from '../../core/safeText';
import { glossaryTree, sectionsTree, timelineTree, type Tree, type TreeNode } from '../../core/tree';
import { COMMANDS, SETTINGS, SETTINGS_SECTION, VIEWS, type ViewId } from '../ids';
import type { ReferenceSource } from '../referenceSource';
import { viewMessage } from '../notify';

/** A plain copy of a tree row, for the in-editor tests. */
export interface ViewItem {
  label: string;
  entryId?: string;
  children: ViewItem[];
}

/** Adapts one editor-free tree (src/core/tree.ts) to a VS Code tree view. */
class ReferenceTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private tree: Tree | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly loader: ReferenceSource,
    private readonly build: (reference: Reference) => Tree,
  ) {}

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return node.children;
    return (await this.load())?.roots ?? [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.tree?.parents.get(node.id);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const collapsible =
      node.children.length === 0 ? vscode.TreeItemCollapsibleState.None : node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    // Tree labels render no icons, but direction controls would still reorder the row.
    const item = new vscode.TreeItem(plainLine(node.label, 200), collapsible);
    item.id = node.id;
    item.description = node.description === undefined ? undefined : plainLine(node.description, 200);
    item.iconPath = new vscode.ThemeIcon(node.icon);
    if (node.tooltip) item.tooltip = tooltip(node.tooltip);
    if (node.entryId) {
      const entry = this.loader.peek()?.entry(node.entryId);
      // `entry.<kind>` lets menus tell rows that open an entry from group rows.
      item.contextValue = `entry.${entry?.kind ?? 'unknown'}`;
      item.command = {
        command: COMMANDS.openEntry,
        title: vscode.l10n.t('Open'),
        arguments: [node.entryId, { anchor: node.anchor, preserveFocus: true }],
      };
    } else {
      item.contextValue = 'group';
    }
    return item;
  }

  /** Builds the tree again (a setting changed its order, a workspace glossary changed) and tells the view. */
  refresh(): void {
    this.tree = undefined;
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  /** The row for an entry, once the tree is built. */
  nodeFor(entryId: string): TreeNode | undefined {
    return this.tree?.byEntry.get(entryId);
  }

  async load(): Promise<Tree | undefined> {
    if (this.tree) return this.tree;
    const reference = await this.loader.get();
    if (reference) this.tree = this.build(reference);
    return this.tree;
  }
}

/**
 * A row's tooltip ("title\n\nparagraph…"), for this sidebar and the Terms in This Draft view.
 * Untrusted Markdown: the title in bold, the paragraphs escaped. Not `appendText`, which turns
 * every space into a no-break space, so the hover breaks lines mid-word.
 */
export function tooltip(text: string): vscode.MarkdownString {
  const [title, ...rest] = text.split('\n\n');
  const markdown = new vscode.MarkdownString(`**${escapeMarkdown(title)}**`);
  for (const paragraph of rest) markdown.appendMarkdown(`\n\n${escapeMarkdown(stripInvisibles(paragraph))}`);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return markdown;
}

/** Which view shows an entry kind's own row. */
const VIEW_FOR_KIND: Record<EntryKind, ViewId> = { section: VIEWS.sections, term: VIEWS.glossary, event: VIEWS.timeline };

/** The three sidebar views, and the reveal of whatever entry the panel shows. */
export class Sidebar implements vscode.Disposable {
  private readonly providers = new Map<ViewId, ReferenceTreeProvider>();
  private readonly views = new Map<ViewId, vscode.TreeView<TreeNode>>();
  private readonly disposables: vscode.Disposable[] = [];
  /** The entry the panel showed last, to reveal when its view comes into sight. */
  private current: string | undefined;

  constructor(private readonly loader: ReferenceSource) {
    const newestFirst = () => vscode.workspace.getConfiguration(SETTINGS_SECTION).get<boolean>(SETTINGS.timelineNewestFirst, true) !== false;
    const builders: [ViewId, (reference: Reference) => Tree][] = [
      [VIEWS.sections, sectionsTree],
      [VIEWS.glossary, glossaryTree],
      [VIEWS.timeline, (reference) => timelineTree(reference, { newestFirst: newestFirst() })],
    ];
    for (const [id, build] of builders) {
      const provider = new ReferenceTreeProvider(loader, build);
      const view = vscode.window.createTreeView(id, { treeDataProvider: provider, showCollapseAll: true });
      this.providers.set(id, provider);
      this.views.set(id, view);
      this.disposables.push(view, provider);
      this.disposables.push(
        view.onDidChangeVisibility(async (event) => {
          if (!event.visible) return;
          if (!(await provider.load())) {
            // A failed load leaves the view empty: say why there rather than show a blank view.
            if (loader.error) view.message = viewMessage(loader.error);
          } else if (this.current) {
            // Catch up with what the panel showed while this view was hidden.
            await this.reveal(this.current);
          }
        }),
      );
    }
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SETTINGS_SECTION}.${SETTINGS.timelineNewestFirst}`)) this.providers.get(VIEWS.timeline)?.refresh();
      }),
    );
  }

  /** Rebuilds the trees from the reference as it now is: the workspace glossaries were (re)loaded. */
  refresh(): void {
    for (const provider of this.providers.values()) provider.refresh();
  }

  /** A line above a view's rows (why the workspace glossaries are not loaded, say); `undefined` clears it. */
  setMessage(viewId: ViewId, message: string | undefined): void {
    const view = this.views.get(viewId);
    if (!view) return;
    if (message === undefined) view.message = undefined;
    else view.message = viewMessage(message);
  }

  /** The tooltip of an entry's row, as the view would show it on hover (for the in-editor tests). */
  async tooltip(viewId: string, entryId: string): Promise<vscode.MarkdownString | string | undefined> {
    const provider = this.providers.get(viewId as ViewId);
    await provider?.load();
    const node = provider?.nodeFor(entryId);
    const tooltip = node ? provider!.getTreeItem(node).tooltip : undefined;
    return tooltip ?? undefined;
  }

  /** The message a view shows above its rows. */
  message(viewId: string): string | undefined {
    return this.views.get(viewId as ViewId)?.message;
  }

  /** Selects an entry's row in the view that owns its kind, when that view is visible. */
  async reveal(entryId: string): Promise<void> {
    this.current = entryId;
    const entry = this.loader.peek()?.entry(entryId);
    if (!entry) return;
    const id = VIEW_FOR_KIND[entry.kind];
    const view = this.views.get(id);
    const provider = this.providers.get(id);
    if (!view?.visible || !provider) return;
    await provider.load();
    const node = provider.nodeFor(entryId);
    if (!node || view.selection[0]?.id === node.id) return;
    try {
      await view.reveal(node, { select: true, focus: false, expand: false });
    } catch {
      // The view may have been hidden or refreshed meanwhile; a missed reveal is harmless.
    }
  }

  /** The rows of a view, two levels deep, as plain data (for the in-editor tests). */
  async items(viewId: string): Promise<ViewItem[]> {
    const provider = this.providers.get(viewId as ViewId);
    if (!provider) return [];
    const copy = async (node: TreeNode, depth: number): Promise<ViewItem> => ({
      label: node.label,
      entryId: node.entryId,
      children: depth > 0 ? await Promise.all((await provider.getChildren(node)).map((child) => copy(child, depth - 1))) : [],
    });
    return Promise.all((await provider.getChildren()).map((node) => copy(node, 1)));
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
