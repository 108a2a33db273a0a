import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventPayload } from '../../../../shared/contract/events';
import type { LlmDone, LlmStatus } from '../../../../shared/contract/llm';
import type { Input } from '../../../../shared/contract/methods';
import { useApi, useApiEvent } from '../../api/context';

export const llmKeys = {
  all: ['llm'] as const,
  status: ['llm', 'status'] as const,
  models: ['llm', 'models'] as const,
  settings: ['llm', 'settings'] as const,
  catalog: ['llm', 'catalog'] as const,
  bench: ['llm', 'bench'] as const,
  provenance: (id: string) => ['llm', 'provenance', id] as const,
};

/** The runtime state, kept current by `llm.status` pushes (load, unload, queue changes). */
export function useLlmStatus() {
  const api = useApi();
  const qc = useQueryClient();
  useApiEvent('llm.status', (status: LlmStatus) => qc.setQueryData(llmKeys.status, status));
  return useQuery({ queryKey: llmKeys.status, queryFn: () => api['llm.status']({}) });
}

export function useModelList() {
  const api = useApi();
  return useQuery({ queryKey: llmKeys.models, queryFn: () => api['llm.models.list']({}) });
}

export function useAddModel() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (path: string) => api['llm.models.add']({ path }),
    onSuccess: () => qc.invalidateQueries({ queryKey: llmKeys.models }),
  });
}

export function useRemoveModel() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (path: string) => api['llm.models.remove']({ path }),
    onSuccess: () => qc.invalidateQueries({ queryKey: llmKeys.models }),
  });
}

export function useLlmSettings() {
  const api = useApi();
  return useQuery({ queryKey: llmKeys.settings, queryFn: () => api['llm.settings.get']({}) });
}

export function useUpdateLlmSettings() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: Input<'llm.settings.update'>) => api['llm.settings.update'](patch),
    onSuccess: async (settings) => {
      qc.setQueryData(llmKeys.settings, settings);
      // The folder, context size (RAM estimate) and mirror change what the lists show.
      await Promise.all([
        qc.invalidateQueries({ queryKey: llmKeys.models }),
        qc.invalidateQueries({ queryKey: llmKeys.catalog }),
        qc.invalidateQueries({ queryKey: llmKeys.status }),
      ]);
    },
  });
}

export function useCatalog() {
  const api = useApi();
  return useQuery({ queryKey: llmKeys.catalog, queryFn: () => api['llm.catalog.list']({}) });
}

export function useBenchResults() {
  const api = useApi();
  return useQuery({ queryKey: llmKeys.bench, queryFn: () => api['llm.bench.results']({}) });
}

export function useProvenance(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: llmKeys.provenance(id ?? ''),
    queryFn: () => api['llm.provenance.get']({ id: id ?? '' }),
    enabled: id !== null,
    staleTime: Infinity,
  });
}

export type OpProgress = EventPayload<'ops.progress'>;
export type OpDone = EventPayload<'ops.done'>;
export interface OpState {
  readonly progress: OpProgress | null;
  readonly done: OpDone | null;
}

/**
 * Follows the long operations of the given kinds from mount on. Events are kept by opId from
 * the start, so progress (or even the end) that arrives before the method call has returned
 * the opId is not lost.
 */
export function useOps(kinds: readonly string[], onDone?: (done: OpDone) => void): (opId: string | null) => OpState | null {
  const [ops, setOps] = useState<Readonly<Record<string, OpState>>>({});
  const wanted = kinds.join('|');
  useApiEvent('ops.progress', (p) => {
    if (!wanted.split('|').includes(p.kind)) return;
    setOps((all) => ({ ...all, [p.opId]: { progress: p, done: all[p.opId]?.done ?? null } }));
  });
  useApiEvent('ops.done', (d) => {
    if (!wanted.split('|').includes(d.kind)) return;
    setOps((all) => ({ ...all, [d.opId]: { progress: all[d.opId]?.progress ?? null, done: d } }));
    onDone?.(d);
  });
  return useCallback((opId: string | null) => (opId ? (ops[opId] ?? { progress: null, done: null }) : null), [ops]);
}

export function percentOf(p: OpProgress | null | undefined): number {
  if (!p || !p.total) return 0;
  return Math.max(0, Math.min(100, Math.round((p.done / p.total) * 100)));
}

export interface StreamState {
  readonly requestId: string | null;
  /** Text streamed so far (for structured requests, the raw JSON). */
  readonly text: string;
  readonly done: LlmDone | null;
  /** Between the call and llm.done. */
  readonly running: boolean;
  /** Whether any token has arrived yet (before that, the request is queued or evaluating the prompt). */
  readonly started: boolean;
}

const IDLE: StreamState = { requestId: null, text: '', done: null, running: false, started: false };

/**
 * One generation at a time, followed through llm.token / llm.done. `start` takes the call that
 * queues the request and returns its id (or null when nothing was queued). Tokens are buffered
 * by request id while the call is in flight, because the stream can overtake the call's reply.
 */
export function useStream(onDone?: (done: LlmDone) => void) {
  const [state, setState] = useState<StreamState>(IDLE);
  const current = useRef<string | null>(null);
  const pending = useRef(false);
  const early = useRef(new Map<string, { text: string; done: LlmDone | null }>());
  const onDoneRef = useRef(onDone);
  useEffect(() => {
    onDoneRef.current = onDone;
  });

  useApiEvent('llm.token', ({ requestId, text }) => {
    if (requestId === current.current) {
      setState((s) => ({ ...s, text: s.text + text, started: true }));
    } else if (pending.current) {
      const b = early.current.get(requestId) ?? { text: '', done: null };
      early.current.set(requestId, { ...b, text: b.text + text });
    }
  });
  useApiEvent('llm.done', (done) => {
    if (done.requestId === current.current) {
      current.current = null;
      // The final text is authoritative (batches may have been dropped by a reconnect).
      setState((s) => ({ ...s, text: done.text || s.text, done, running: false }));
      onDoneRef.current?.(done);
    } else if (pending.current) {
      const b = early.current.get(done.requestId) ?? { text: '', done: null };
      early.current.set(done.requestId, { ...b, done });
    }
  });

  const start = useCallback(async (call: () => Promise<string | null>): Promise<string | null> => {
    current.current = null;
    pending.current = true;
    early.current.clear();
    setState({ ...IDLE, running: true });
    let requestId: string | null;
    try {
      requestId = await call();
    } catch (err) {
      pending.current = false;
      setState(IDLE);
      throw err;
    }
    pending.current = false;
    const buffered = requestId ? early.current.get(requestId) : undefined;
    early.current.clear();
    if (!requestId) {
      setState(IDLE);
      return null;
    }
    if (buffered?.done) {
      const done = buffered.done;
      setState({ requestId, text: done.text || buffered.text, done, running: false, started: true });
      onDoneRef.current?.(done);
    } else {
      current.current = requestId;
      setState({ requestId, text: buffered?.text ?? '', done: null, running: true, started: (buffered?.text ?? '') !== '' });
    }
    return requestId;
  }, []);

  const reset = useCallback(() => {
    current.current = null;
    setState(IDLE);
  }, []);

  return { state, start, reset };
}
