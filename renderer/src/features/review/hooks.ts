import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Input, Method, Output } from '../../../../shared/contract/methods';
import type { DocumentCategory } from '../../../../shared/contract/review';
import { useApi } from '../../api/context';

/**
 * Every review query sits under 'cases', so a `cases.changed` push (this window, another window or
 * the CLI) refreshes the case file, catalogue, timeline and analysis with the rest of the case.
 */
export const reviewKeys = {
  all: ['cases', 'review'] as const,
  file: (caseId: string) => ['cases', 'review', 'file', caseId] as const,
  evidence: (caseId: string) => ['cases', 'review', 'evidence', caseId] as const,
  summary: (caseId: string, documentId: string | null) => ['cases', 'review', 'summary', caseId, documentId ?? ''] as const,
  timeline: (caseId: string) => ['cases', 'review', 'timeline', caseId] as const,
  elements: (caseId: string) => ['cases', 'review', 'elements', caseId] as const,
  search: (caseId: string, query: string, categories: readonly string[]) => ['cases', 'review', 'search', caseId, query, categories] as const,
  find: (documentId: string, query: string) => ['cases', 'review', 'find', documentId, query] as const,
};

export function useCaseFile(caseId: string) {
  const api = useApi();
  return useQuery({ queryKey: reviewKeys.file(caseId), queryFn: () => api['review.documents']({ caseId }) });
}

export function useEvidence(caseId: string) {
  const api = useApi();
  return useQuery({ queryKey: reviewKeys.evidence(caseId), queryFn: () => api['review.evidence.list']({ caseId }) });
}

export function useSummary(caseId: string, documentId: string | null) {
  const api = useApi();
  return useQuery({ queryKey: reviewKeys.summary(caseId, documentId), queryFn: () => api['review.summary.get']({ caseId, documentId }) });
}

export function useTimeline(caseId: string) {
  const api = useApi();
  return useQuery({ queryKey: reviewKeys.timeline(caseId), queryFn: () => api['review.timeline.get']({ caseId }) });
}

export function useElements(caseId: string) {
  const api = useApi();
  return useQuery({ queryKey: reviewKeys.elements(caseId), queryFn: () => api['review.elements.get']({ caseId }) });
}

export function useCaseSearch(caseId: string, query: string, categories: readonly DocumentCategory[]) {
  const api = useApi();
  const q = query.trim();
  return useQuery({
    queryKey: reviewKeys.search(caseId, q, categories),
    queryFn: () => api['review.search']({ caseId, query: q, limit: 30, ...(categories.length ? { categories: [...categories] } : {}) }),
    enabled: q !== '',
    placeholderData: keepPreviousData,
  });
}

export function useFind(documentId: string | null, query: string) {
  const api = useApi();
  const q = query.trim();
  return useQuery({
    queryKey: reviewKeys.find(documentId ?? '', q),
    queryFn: () => api['review.find']({ documentId: documentId ?? '', query: q }),
    enabled: documentId !== null && q !== '',
  });
}

/** A review change: every case view refetches afterwards (the caller may also apply the reply). */
export function useReviewMutation<M extends ReviewMethod>(method: M) {
  const api = useApi();
  const qc = useQueryClient();
  const call = api[method] as (input: Input<M>) => Promise<Output<M>>;
  return useMutation({
    mutationFn: (input: Input<M>) => call(input),
    onSettled: () => qc.invalidateQueries({ queryKey: ['cases'] }),
  });
}

type ReviewMethod = Extract<Method, `review.${string}`>;
