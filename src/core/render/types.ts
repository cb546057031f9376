import type { Entry, Source } from '../model';

/** What the renderers need from the reference: lookups by id. `Reference` satisfies it. */
export interface EntryLookup {
  entry(id: string): Entry | undefined;
  source(id: string): Source | undefined;
}
