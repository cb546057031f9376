import type { DraftTermsView } from './features/draftTermsView';
import type { PanelManager, PanelSnapshot } from './features/panel';
import type { Sidebar, ViewItem } from './features/sidebar';
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
  draftTermRows(): Promise<{ label: string; description: string }[]>;
  /** The last notifications and status-bar messages shown, as VS Code received them. */
  notices(): string[];
}

export function createApi(sidebar: Sidebar, panels: PanelManager, draftTerms: DraftTermsView): ExtensionApi {
  return {
    draftTermRows: async () =>
      (await draftTerms.getChildren()).map((item) => {
        const row = draftTerms.getTreeItem(item);
        return { label: String(typeof row.label === 'string' ? row.label : row.label?.label ?? ''), description: String(row.description ?? '') };
      }),
    viewItems: (viewId) => sidebar.items(viewId),
    activePanel: () => panels.snapshot(),
    postPanelMessage: (message) => panels.receive(message),
    notices: () => recentNotices(),
  };
}
