import * as vscode from 'vscode';
import type { DraftTermsView } from './features/draftTermsView';
import type { PanelManager, PanelSnapshot } from './features/panel';
import type { Sidebar, ViewItem } from './features/sidebar';
import type { GlossaryStatus, WorkspaceGlossaries } from './features/workspaceGlossaries';
import { recentNotices } from './notify';

/**
 * What `activate()` returns. Meant for the in-editor tests, which reach it through
 * `vscode.extensions.getExtension(EXTENSION_ID).exports`: read-only views of the trees and the
 * panel, and the panel's validated message path. It exposes nothing the UI does not.
 */
export interface ExtensionApi {
  /** A view's rows, two levels deep. */
  viewItems(viewId: string): Promise<ViewItem[]>;
  /** Title and state of the panel the user looked at last. */
  activePanel(): PanelSnapshot | undefined;
  /** Delivers a message as if the last active panel's page had posted it; false when dropped. */
  postPanelMessage(message: unknown): Promise<boolean>;
  /** The rows of Terms in This Draft, as the view shows them (label and description). */
  draftTermRows(): Promise<{ label: string; description: string; icon: string; accessibilityLabel: string }[]>;
  /** Reads the workspace glossaries again and says where they stand (the reload a save would start). */
  reloadGlossaries(): Promise<GlossaryStatus>;
  /** Where the workspace glossaries stand, once a load in progress has finished. */
  glossaryStatus(): Promise<GlossaryStatus>;
  /** The message above a view's rows, as the view shows it. */
  viewMessage(viewId: string): string | undefined;
  /** An entry row's tooltip: its Markdown and whether it is trusted or may hold HTML. */
  treeTooltip(viewId: string, entryId: string): Promise<{ value: string; isTrusted: unknown; supportHtml: boolean } | undefined>;
  /** The last notifications and status-bar messages shown, as VS Code received them. */
  notices(): string[];
}

export function createApi(sidebar: Sidebar, panels: PanelManager, draftTerms: DraftTermsView, glossaries: WorkspaceGlossaries): ExtensionApi {
  return {
    reloadGlossaries: () => glossaries.reloadNow(),
    glossaryStatus: () => glossaries.status(),
    viewMessage: (viewId) => sidebar.message(viewId),
    treeTooltip: async (viewId, entryId) => {
      const tooltip = await sidebar.tooltip(viewId, entryId);
      if (tooltip === undefined) return undefined;
      return typeof tooltip === 'string' ? { value: tooltip, isTrusted: false, supportHtml: false } : { value: tooltip.value, isTrusted: tooltip.isTrusted, supportHtml: tooltip.supportHtml === true };
    },
    draftTermRows: async () =>
      (await draftTerms.getChildren()).map((item) => {
        const row = draftTerms.getTreeItem(item);
        return {
          label: String(typeof row.label === 'string' ? row.label : row.label?.label ?? ''),
          description: String(row.description ?? ''),
          icon: row.iconPath instanceof vscode.ThemeIcon ? row.iconPath.id : '',
          accessibilityLabel: row.accessibilityInformation?.label ?? '',
        };
      }),
    viewItems: (viewId) => sidebar.items(viewId),
    activePanel: () => panels.snapshot(),
    postPanelMessage: (message) => panels.receive(message),
    notices: () => recentNotices(),
  };
}
