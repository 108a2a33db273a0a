import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Draft } from '../../../../shared/contract/drafting';
import type { EventPayload } from '../../../../shared/contract/events';
import { streamedJsonString } from '../../../../shared/contract/llm';
import { useApi, useApiEvent } from '../../api/context';
import { errorCode } from '../../ui/errors';
import { useStream } from '../models/hooks';
import { draftKeys } from './hooks';

/** Debounce of the autosave after the last keystroke. */
export const AUTOSAVE_MS = 1500;
/** Long-operation kind of drafting.generateSection (electron/backend/drafting/generate.ts). */
export const GENERATE_OP_KIND = 'drafting.generate';

/**
 * saved: nothing pending; pending: edits wait for the debounce (or for a model draft to finish);
 * saving: a save is in flight; error: the last save failed (kept, retried on the next edit);
 * conflict: the draft changed elsewhere — nothing is saved until the judge reloads or resolves.
 */
export type SaveState = 'saved' | 'pending' | 'saving' | 'error' | 'conflict';

export type Texts = Readonly<Record<string, string>>;

export interface GenerationNotice {
  readonly sectionId: string;
  readonly kind: 'unavailable' | 'failed' | 'cancelled' | 'done';
  readonly message: string;
}

type OpDone = EventPayload<'ops.done'>;

function textsOf(d: Draft): Record<string, string> {
  return Object.fromEntries(d.sections.map((s) => [s.id, s.text]));
}

/** The "text" string so far of a streamed `{"text": "…"}` answer ('' until it starts). */
export function streamedText(partialJson: string): string {
  return streamedJsonString(partialJson, 'text');
}

/**
 * The editor's working copy of one draft: the last saved Draft, the text in each box, and a
 * debounced autosave that saves dirty sections one at a time against the current version.
 * A CONFLICT stops saving but never touches the boxes; reloading then merges section by section
 * (only sections changed on both sides need the judge's choice).
 */
export function useDraftEditor(initial: Draft) {
  const api = useApi();
  const qc = useQueryClient();
  const draftId = initial.id;
  const [draft, setDraftState] = useState<Draft>(initial);
  const [texts, setTextsState] = useState<Texts>(() => textsOf(initial));
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [saveError, setSaveError] = useState<unknown>(null);
  /** Sections changed both here and elsewhere, with the latest saved text (after a reload). */
  const [conflicts, setConflictsState] = useState<Texts>({});
  const draftRef = useRef(initial);
  const textsRef = useRef<Texts>(textsOf(initial));
  const conflictsRef = useRef<Texts>({});
  const blocked = useRef(false);
  /** True between a CONFLICT and the judge's reload/discard (mirrors `blocked` for rendering). */
  const [needsReload, setNeedsReload] = useState(false);
  const hold = useRef(false);
  const saving = useRef<Promise<boolean> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const setDraft = useCallback(
    (d: Draft) => {
      draftRef.current = d;
      setDraftState(d);
      qc.setQueryData(draftKeys.draft(d.id), d);
    },
    [qc],
  );
  const setTexts = (t: Texts) => {
    textsRef.current = t;
    setTextsState(t);
  };
  const setConflicts = (c: Texts) => {
    conflictsRef.current = c;
    setConflictsState(c);
  };
  const serverText = (id: string) => draftRef.current.sections.find((s) => s.id === id)?.text ?? '';
  const dirtyIds = () => Object.keys(textsRef.current).filter((id) => textsRef.current[id] !== serverText(id));
  const saveable = () => dirtyIds().filter((id) => !(id in conflictsRef.current));

  /** Takes a newer saved Draft, keeping what the judge typed in sections they are editing (and not in `force`). */
  const adopt = useCallback(
    (next: Draft, force: readonly string[] = []) => {
      const prev = draftRef.current;
      const local = textsRef.current;
      const out: Record<string, string> = {};
      for (const s of next.sections) {
        const mine = local[s.id];
        const before = prev.sections.find((x) => x.id === s.id)?.text;
        out[s.id] = force.includes(s.id) || mine === undefined || mine === before ? s.text : mine;
      }
      setDraft(next);
      setTexts(out);
    },
    [setDraft],
  );

  const clearTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const settle = () => {
    if (blocked.current) setSaveState('conflict');
    else if (Object.keys(conflictsRef.current).length > 0) setSaveState('conflict');
    else setSaveState(saveable().length > 0 ? 'pending' : 'saved');
  };

  /** Saves every dirty section now; false when something could not be saved. */
  const flush = useCallback(async (): Promise<boolean> => {
    clearTimer();
    while (saving.current) await saving.current;
    if (blocked.current) return false;
    if (hold.current) {
      if (saveable().length > 0) setSaveState('pending');
      return saveable().length === 0;
    }
    const run = (async () => {
      for (;;) {
        const id = saveable()[0];
        if (id === undefined) break;
        setSaveState('saving');
        try {
          const next = await api['drafting.updateSection']({
            draftId,
            version: draftRef.current.version,
            sectionId: id,
            text: textsRef.current[id] ?? '',
          });
          adopt(next);
          setSaveError(null);
          // The case's list shows versions and 待补充 counts (refetched only if it is on screen).
          void qc.invalidateQueries({ queryKey: draftKeys.list(next.caseId) });
        } catch (err) {
          if (errorCode(err) === 'CONFLICT') {
            blocked.current = true;
            setNeedsReload(true);
            setSaveState('conflict');
          } else {
            setSaveError(err);
            setSaveState('error');
          }
          return false;
        }
      }
      settle();
      return Object.keys(conflictsRef.current).length === 0;
    })();
    saving.current = run;
    try {
      return await run;
    } finally {
      saving.current = null;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- refs only; api and draftId are stable for the editor's life
  }, [api, draftId, adopt, qc]);

  const flushRef = useRef(flush);
  useEffect(() => {
    flushRef.current = flush;
  });

  const schedule = () => {
    clearTimer();
    timer.current = setTimeout(() => void flushRef.current(), AUTOSAVE_MS);
  };

  const setText = (sectionId: string, text: string) => {
    setTexts({ ...textsRef.current, [sectionId]: text });
    if (blocked.current) return;
    if (!(sectionId in conflictsRef.current)) setSaveState('pending');
    schedule();
  };

  // Leaving the editor (back to the list, another tab) saves what is pending.
  useEffect(
    () => () => {
      clearTimer();
      if (!blocked.current && !hold.current) void flushRef.current();
    },
    [],
  );

  /** After a CONFLICT: load the latest version, keep every box's text, and merge section by section. */
  const reloadKeepingMine = async (): Promise<number> => {
    clearTimer();
    const latest = await api['drafting.get']({ draftId });
    const found: Record<string, string> = { ...conflictsRef.current };
    for (const id of dirtyIds()) {
      const theirs = latest.sections.find((s) => s.id === id)?.text;
      if (theirs !== undefined && theirs !== serverText(id) && theirs !== textsRef.current[id]) found[id] = theirs;
    }
    adopt(latest);
    blocked.current = false;
    setNeedsReload(false);
    setConflicts(found);
    await flush();
    settle();
    return Object.keys(found).length;
  };

  const discardMine = async () => {
    clearTimer();
    const latest = await api['drafting.get']({ draftId });
    blocked.current = false;
    setNeedsReload(false);
    setConflicts({});
    setDraft(latest);
    setTexts(textsOf(latest));
    setSaveState('saved');
  };

  const keepMine = async (sectionId: string) => {
    const { [sectionId]: _drop, ...rest } = conflictsRef.current;
    setConflicts(rest);
    await flush();
  };

  const takeTheirs = (sectionId: string) => {
    const { [sectionId]: _drop, ...rest } = conflictsRef.current;
    setConflicts(rest);
    setTexts({ ...textsRef.current, [sectionId]: serverText(sectionId) });
    settle();
  };

  /** Runs a change that needs the saved state first (reset, date, proofread, export); false when saving failed. */
  const afterSave = async <T>(fn: (d: Draft) => Promise<T>): Promise<T | null> => {
    const ok = await flush();
    if (!ok) return null;
    return fn(draftRef.current);
  };

  const resetSection = (sectionId: string) =>
    afterSave(async (d) => {
      const next = await api['drafting.resetSection']({ draftId, version: d.version, sectionId });
      adopt(next, [sectionId]);
      return next;
    });

  const setDate = (documentDate: string) =>
    afterSave(async (d) => {
      const next = await api['drafting.setDate']({ draftId, version: d.version, documentDate });
      adopt(next);
      return next;
    });

  // ---- model drafts of one section ----
  const stream = useStream();
  const [generating, setGenerating] = useState<{ sectionId: string; opId: string | null } | null>(null);
  const genRef = useRef<{ sectionId: string; opId: string | null } | null>(null);
  const early = useRef(new Map<string, OpDone>());
  const [notice, setNotice] = useState<GenerationNotice | null>(null);

  const finish = (done: OpDone) => {
    const g = genRef.current;
    if (!g) return;
    genRef.current = null;
    hold.current = false;
    setGenerating(null);
    stream.reset();
    if (done.status === 'ok') {
      const parsed = Draft.safeParse(done.result);
      if (parsed.success) adopt(parsed.data, [g.sectionId]);
      setNotice({ sectionId: g.sectionId, kind: 'done', message: '' });
    } else if (done.status === 'cancelled' || done.error?.code === 'CANCELLED') {
      setNotice({ sectionId: g.sectionId, kind: 'cancelled', message: '' });
    } else {
      setNotice({ sectionId: g.sectionId, kind: done.error?.code === 'UNAVAILABLE' ? 'unavailable' : 'failed', message: done.error?.message ?? '' });
    }
    void flush();
  };

  useApiEvent('ops.done', (done) => {
    if (done.kind !== GENERATE_OP_KIND) return;
    const g = genRef.current;
    if (g?.opId === done.opId) finish(done);
    else if (g && g.opId === null) early.current.set(done.opId, done);
  });

  const generate = async (sectionId: string) => {
    if (genRef.current) return;
    setNotice(null);
    const ok = await flush();
    if (!ok) return;
    hold.current = true;
    genRef.current = { sectionId, opId: null };
    setGenerating(genRef.current);
    early.current.clear();
    let opId = '';
    try {
      await stream.start(async () => {
        const r = await api['drafting.generateSection']({ draftId, sectionId });
        opId = r.opId;
        return r.requestId;
      });
    } catch (err) {
      genRef.current = null;
      hold.current = false;
      setGenerating(null);
      const code = errorCode(err);
      setNotice({
        sectionId,
        kind: code === 'UNAVAILABLE' ? 'unavailable' : 'failed',
        message: err instanceof Error ? err.message : String(err),
      });
      void flush();
      return;
    }
    genRef.current = { sectionId, opId };
    setGenerating(genRef.current);
    const done = early.current.get(opId);
    early.current.clear();
    if (done) finish(done);
  };

  const cancelGeneration = async () => {
    const g = genRef.current;
    if (g?.opId) await api['ops.cancel']({ opId: g.opId });
  };

  return {
    draft,
    texts,
    /** The boxes' text right now (not as of the last render). */
    getTexts: () => textsRef.current,
    saveState,
    saveError,
    needsReload,
    conflicts,
    setText,
    flush,
    reloadKeepingMine,
    discardMine,
    keepMine,
    takeTheirs,
    resetSection,
    setDate,
    generating,
    streamText: generating ? streamedText(stream.state.text) : '',
    streamStarted: stream.state.started,
    notice,
    dismissNotice: () => setNotice(null),
    generate,
    cancelGeneration,
  };
}

export type DraftEditorState = ReturnType<typeof useDraftEditor>;
