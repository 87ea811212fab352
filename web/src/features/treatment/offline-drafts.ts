import { del, get, set } from 'idb-keyval';
import type { TreatmentRecordDraft } from '@needlepoint/core/treatment/record';

/** What was typed on this tablet and not yet accepted by the server, kept in IndexedDB across reloads. */
export interface LocalDraft {
  recordId: string;
  /** The record version the edits were made on: the server refuses them if someone saved since. */
  baseVersion: number;
  draft: TreatmentRecordDraft;
  savedAt: string;
}

const key = (recordId: string) => `treatment-draft:${recordId}`;

export async function loadLocalDraft(recordId: string): Promise<LocalDraft | undefined> {
  try {
    return await get<LocalDraft>(key(recordId));
  } catch {
    return undefined;
  }
}

export async function keepLocalDraft(value: LocalDraft): Promise<void> {
  try {
    await set(key(value.recordId), value);
  } catch {
    // Private browsing without IndexedDB: the draft still lives in the page until it is sent.
  }
}

export async function forgetLocalDraft(recordId: string): Promise<void> {
  try {
    await del(key(recordId));
  } catch {
    // nothing kept
  }
}
