import * as vscode from 'vscode';
import { SETTINGS, SETTINGS_SECTION, STATE_KEYS } from '../ids';

/**
 * The entries the user opened last, newest first, kept in globalState so the empty search
 * offers them in every window and after a restart.
 */
export class RecentEntries {
  constructor(private readonly memento: vscode.Memento) {}

  list(): string[] {
    const stored = this.memento.get<unknown>(STATE_KEYS.recent);
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string').slice(0, this.limit()) : [];
  }

  async add(id: string): Promise<void> {
    const next = [id, ...this.list().filter((existing) => existing !== id)].slice(0, this.limit());
    await this.memento.update(STATE_KEYS.recent, next);
  }

  private limit(): number {
    const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<number>(SETTINGS.recentLimit, 8);
    return Math.max(0, Math.min(50, Math.floor(value)));
  }
}
