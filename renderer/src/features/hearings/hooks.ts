import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { HearingDraft } from '../../../../shared/contract/hearings';
import type { Input } from '../../../../shared/contract/methods';
import type { DisputedPoint, ElementState, EvidenceItem } from '../../../../shared/contract/review';
import { useApi } from '../../api/context';

/**
 * Hearing queries sit under 'cases' so a `cases.changed` push (the backend emits one for every
 * hearing change) refreshes them with the rest of the case views. The transcript is deliberately
 * not cached here: its editor owns its state.
 */
export const hearingKeys = {
  all: ['cases', 'hearings'] as const,
  list: (caseId: string) => ['cases', 'hearings', 'list', caseId] as const,
  check: (draft: HearingDraft | null, hearingId: string | undefined) => ['cases', 'hearings', 'check', draft, hearingId ?? null] as const,
  notices: (hearingId: string) => ['cases', 'hearings', 'notices', hearingId] as const,
  outline: (hearingId: string) => ['cases', 'hearings', 'outline', hearingId] as const,
  calendar: (input: Input<'hearings.calendar'>) => ['cases', 'hearings', 'calendar', input] as const,
  rooms: ['hearings', 'rooms'] as const,
  evidence: (caseId: string) => ['cases', 'hearings', 'evidence', caseId] as const,
  analysis: (caseId: string) => ['cases', 'hearings', 'analysis', caseId] as const,
};

export function useHearings(caseId: string) {
  const api = useApi();
  return useQuery({ queryKey: hearingKeys.list(caseId), queryFn: () => api['hearings.list']({ caseId, includeCancelled: true }) });
}

/** The value once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Conflicts of a draft, re-checked as the user edits (the caller debounces); null draft: nothing to check. */
export function useHearingCheck(draft: HearingDraft | null, hearingId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: hearingKeys.check(draft, hearingId),
    queryFn: () => api['hearings.check']({ draft: draft!, ...(hearingId ? { hearingId } : {}) }),
    enabled: draft !== null,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

function useInvalidateHearings() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['cases'] });
}

export function useCreateHearing() {
  const api = useApi();
  const invalidate = useInvalidateHearings();
  return useMutation({ mutationFn: (input: Input<'hearings.create'>) => api['hearings.create'](input), onSuccess: invalidate });
}

export function useUpdateHearing() {
  const api = useApi();
  const invalidate = useInvalidateHearings();
  return useMutation({ mutationFn: (input: Input<'hearings.update'>) => api['hearings.update'](input), onSuccess: invalidate });
}

export function useCancelHearing() {
  const api = useApi();
  const invalidate = useInvalidateHearings();
  return useMutation({ mutationFn: (input: Input<'hearings.cancel'>) => api['hearings.cancel'](input), onSuccess: invalidate });
}

export function useRooms() {
  const api = useApi();
  return useQuery({ queryKey: hearingKeys.rooms, queryFn: () => api['hearings.rooms.get']({}) });
}

export function useSetRooms() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: Input<'hearings.rooms.set'>) => api['hearings.rooms.set'](input),
    onSuccess: (data) => qc.setQueryData(hearingKeys.rooms, data),
  });
}

export function useNoticeData(hearingId: string) {
  const api = useApi();
  return useQuery({ queryKey: hearingKeys.notices(hearingId), queryFn: () => api['hearings.noticeData']({ hearingId }) });
}

export function useOutline(hearingId: string) {
  const api = useApi();
  return useQuery({ queryKey: hearingKeys.outline(hearingId), queryFn: () => api['hearings.outline.get']({ hearingId }) });
}

export function useCalendar(input: Input<'hearings.calendar'>) {
  const api = useApi();
  return useQuery({ queryKey: hearingKeys.calendar(input), queryFn: () => api['hearings.calendar'](input), placeholderData: keepPreviousData });
}

const NO_EVIDENCE: EvidenceItem[] = [];
const NO_POINTS: DisputedPoint[] = [];
const NO_ELEMENTS: ElementState[] = [];

/** Evidence and disputed points to link to; empty when the review feature has none (or is absent). */
export function useLinkTargets(caseId: string) {
  const api = useApi();
  const evidence = useQuery({
    queryKey: hearingKeys.evidence(caseId),
    queryFn: async () => {
      try {
        return (await api['review.evidence.list']({ caseId })).items;
      } catch {
        return [];
      }
    },
  });
  const analysis = useQuery({
    queryKey: hearingKeys.analysis(caseId),
    queryFn: async () => {
      try {
        return await api['review.elements.get']({ caseId });
      } catch {
        return null;
      }
    },
  });
  return { evidence: evidence.data ?? NO_EVIDENCE, points: analysis.data?.points ?? NO_POINTS, elements: analysis.data?.elements ?? NO_ELEMENTS };
}
