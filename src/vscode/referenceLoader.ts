import * as vscode from 'vscode';
import { ReferenceLoadError, loadReference, type Reference } from '../core/reference';
import { logDetail, notify } from './notify';

/**
 * Loads dist/reference-index.json the first time a feature needs it, through
 * `workspace.fs` so the same code runs in desktop VS Code and in VS Code for the Web.
 * A missing or corrupt index yields one error message and `undefined` for every caller;
 * the editor stays usable and nothing retries in a loop.
 */
export class ReferenceLoader {
  private loading: Promise<Reference | undefined> | undefined;
  private loaded: Reference | undefined;
  private failure: string | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** The reference, loading it on first call; `undefined` when it cannot be loaded. */
  get(): Promise<Reference | undefined> {
    this.loading ??= this.load();
    return this.loading;
  }

  /** The reference if it has already loaded, without starting a load. */
  peek(): Reference | undefined {
    return this.loaded;
  }

  /** Why loading failed, once it has. */
  get error(): string | undefined {
    return this.failure;
  }

  private async load(): Promise<Reference | undefined> {
    const uri = vscode.Uri.joinPath(this.extensionUri, 'dist', 'reference-index.json');
    try {
      let text: string;
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch (error) {
        const missing = error instanceof vscode.FileSystemError && (error.code === 'FileNotFound' || /not found/i.test(error.message));
        throw new ReferenceLoadError(
          missing
            ? vscode.l10n.t('The reference index {0} is missing. Rebuild it with "npm run build".', 'dist/reference-index.json')
            : vscode.l10n.t('The reference index {0} could not be read ({1}). Rebuild it with "npm run build".', 'dist/reference-index.json', (error as Error).message),
        );
      }
      this.loaded = loadReference(text);
      return this.loaded;
    } catch (error) {
      // Error text can quote the file (JSON.parse does): it goes to the log, and the user sees a fixed message.
      logDetail('The reference index could not be loaded', error instanceof ReferenceLoadError ? error.message : String(error));
      this.failure = vscode.l10n.t('US–Israel Reference is unavailable: its index could not be loaded. Rebuild it with "npm run build"; the Output panel (US–Israel Reference) says why.');
      void notify.error(this.failure);
      return undefined;
    }
  }
}
