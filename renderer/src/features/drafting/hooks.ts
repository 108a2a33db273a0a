import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Input } from '../../../../shared/contract/methods';
import { useApi } from '../../api/context';

/** Drafts live under 'drafting' (not 'cases'), so case invalidations do not refetch an open editor. */
export const draftKeys = {
  all: ['drafting'] as const,
  kinds: ['drafting', 'kinds'] as const,
  list: (caseId: string) => ['drafting', 'list', caseId] as const,
  draft: (id: string) => ['drafting', 'draft', id] as const,
  history: (id: string, version: number) => ['drafting', 'history', id, version] as const,
  diff: (id: string, from: number, to: number) => ['drafting', 'diff', id, from, to] as const,
  settings: ['drafting', 'settings'] as const,
};

export function useDraftKinds() {
  const api = useApi();
  return useQuery({ queryKey: draftKeys.kinds, queryFn: () => api['drafting.kinds']({}), staleTime: Infinity });
}

export function useDraftList(caseId: string) {
  const api = useApi();
  return useQuery({ queryKey: draftKeys.list(caseId), queryFn: () => api['drafting.list']({ caseId }) });
}

export function useDraft(draftId: string) {
  const api = useApi();
  // The editor keeps its own copy once loaded; refetching behind its back would fight the autosave.
  return useQuery({
    queryKey: draftKeys.draft(draftId),
    queryFn: () => api['drafting.get']({ draftId }),
    staleTime: Infinity,
    // Dropped when the editor closes, so reopening reads the latest saved version.
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
}

/** Keyed by the draft's version, so every save shows up when the drawer is opened. */
export function useDraftHistory(draftId: string, version: number, enabled: boolean) {
  const api = useApi();
  return useQuery({ queryKey: draftKeys.history(draftId, version), queryFn: () => api['drafting.history']({ draftId }), enabled });
}

export function useDraftDiff(draftId: string, from: number | null, to: number | null) {
  const api = useApi();
  return useQuery({
    queryKey: draftKeys.diff(draftId, from ?? 0, to ?? 0),
    queryFn: () => api['drafting.diff']({ draftId, from: from ?? 1, to: to ?? 1 }),
    enabled: from !== null && to !== null && from !== to,
    placeholderData: keepPreviousData,
  });
}

export function useCreateDraft() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: Input<'drafting.create'>) => api['drafting.create'](input),
    onSuccess: (d) => {
      qc.setQueryData(draftKeys.draft(d.id), d);
      return qc.invalidateQueries({ queryKey: draftKeys.list(d.caseId) });
    },
  });
}

export function useRemoveDraft(caseId: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (draftId: string) => api['drafting.remove']({ draftId }),
    onSuccess: () => qc.invalidateQueries({ queryKey: draftKeys.list(caseId) }),
  });
}

export function useDraftingSettings() {
  const api = useApi();
  return useQuery({ queryKey: draftKeys.settings, queryFn: () => api['drafting.settings.get']({}) });
}

export function useUpdateDraftingSettings() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: Input<'drafting.settings.update'>) => api['drafting.settings.update'](patch),
    onSuccess: (s) => qc.setQueryData(draftKeys.settings, s),
  });
}
