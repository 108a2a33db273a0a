import type { Transcript } from '../../../../shared/contract/hearings';

/** A turn as the editor holds it (the stored shape: every field present). */
export type EditorTurn = Transcript['turns'][number];
export type SpeakerRole = EditorTurn['role'];

/** The unsaved copy kept in localStorage, so a crash or reload loses nothing. */
export interface LocalCopy {
  readonly baseVersion: number;
  readonly turns: EditorTurn[];
  /** When the copy was last written (epoch ms). */
  readonly at: number;
}

const PREFIX = 'courtdesk.transcript.';

export function storageKey(hearingId: string): string {
  return `${PREFIX}${hearingId}`;
}

export function newTurnId(): string {
  const rnd = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `t-${rnd}`;
}

export function readLocal(hearingId: string): LocalCopy | null {
  try {
    const raw = localStorage.getItem(storageKey(hearingId));
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<LocalCopy>;
    if (typeof v.baseVersion !== 'number' || !Array.isArray(v.turns) || typeof v.at !== 'number') return null;
    return { baseVersion: v.baseVersion, turns: v.turns, at: v.at };
  } catch {
    return null;
  }
}

/** False when storage is full or unavailable (private mode): the caller keeps saving to the server. */
export function writeLocal(hearingId: string, copy: LocalCopy): boolean {
  try {
    localStorage.setItem(storageKey(hearingId), JSON.stringify(copy));
    return true;
  } catch {
    return false;
  }
}

export function clearLocal(hearingId: string): void {
  try {
    localStorage.removeItem(storageKey(hearingId));
  } catch {
    // Nothing to do: the copy is only a safety net.
  }
}

function sameTurn(a: EditorTurn, b: EditorTurn): boolean {
  return (
    a.role === b.role &&
    a.speakerName === b.speakerName &&
    a.text === b.text &&
    a.at === b.at &&
    JSON.stringify(a.links) === JSON.stringify(b.links)
  );
}

export function sameTurns(a: readonly EditorTurn[], b: readonly EditorTurn[]): boolean {
  return a.length === b.length && a.every((t, i) => sameTurn(t, b[i]!));
}

export interface MergeResult {
  readonly turns: EditorTurn[];
  /** Local turns the server did not have, now added. */
  readonly added: number;
  /** Turns both sides changed: the server's stays, the local one follows it under a new id. */
  readonly edited: number;
}

/**
 * Merges local work into the server's transcript without losing either: every server turn is kept
 * in its order; a local turn the server lacks is placed after the turn that preceded it locally
 * (or at the end); a turn changed on both sides keeps the server's version and gets the local one
 * right after it, under a fresh id. A local turn equal to the server's is not duplicated.
 */
export function mergeTurns(server: readonly EditorTurn[], local: readonly EditorTurn[], base: readonly EditorTurn[] = []): MergeResult {
  const out = [...server];
  const serverIds = new Map(server.map((t) => [t.id, t]));
  const baseById = new Map(base.map((t) => [t.id, t]));
  let added = 0;
  let edited = 0;
  const insertAfter = (anchorId: string | null, turn: EditorTurn, localIndex: number) => {
    if (anchorId === null) {
      // Nothing of ours precedes it: before the next local turn the server also has, else at the end.
      const nextShared = local.slice(localIndex + 1).find((t) => serverIds.has(t.id));
      const at = nextShared ? out.findIndex((t) => t.id === nextShared.id) : -1;
      if (at < 0) out.push(turn);
      else out.splice(at, 0, turn);
      return;
    }
    const at = out.findIndex((t) => t.id === anchorId);
    if (at < 0) out.push(turn);
    else out.splice(at + 1, 0, turn);
  };
  let anchor: string | null = null;
  for (const [i, turn] of local.entries()) {
    const theirs = serverIds.get(turn.id);
    if (!theirs) {
      // Deleted on the server since our base? Then it was removed on purpose: keep it deleted.
      if (baseById.has(turn.id) && sameTurn(baseById.get(turn.id)!, turn)) continue;
      insertAfter(anchor, turn, i);
      added += 1;
      anchor = turn.id;
      continue;
    }
    if (!sameTurn(theirs, turn)) {
      const before = baseById.get(turn.id);
      if (before && sameTurn(before, theirs)) {
        // Only we changed it: ours replaces the unchanged server turn.
        out[out.findIndex((t) => t.id === turn.id)] = turn;
      } else if (!(before && sameTurn(before, turn))) {
        // Both changed it (or the base is unknown): keep both, ours right after theirs.
        const copy = { ...turn, id: newTurnId() };
        insertAfter(turn.id, copy, i);
        edited += 1;
        anchor = copy.id;
        continue;
      }
      // Else only the server changed it: nothing of ours to keep.
    }
    anchor = turn.id;
  }
  return { turns: out, added, edited };
}
