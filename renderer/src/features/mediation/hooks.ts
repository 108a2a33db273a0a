import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Input } from '../../../../shared/contract/methods';
import { useApi } from '../../api/context';

/**
 * The assessment sits under 'cases' so any case change (documents, parties, an outcome, another
 * window) refreshes it with the rest of the case views.
 */
export const mediationKeys = {
  assessment: (caseId: string) => ['cases', 'mediation', caseId] as const,
  narrative: (caseId: string) => ['cases', 'mediation-narrative', caseId] as const,
  model: ['mediation', 'model'] as const,
};

export function useAssessment(caseId: string) {
  const api = useApi();
  return useQuery({ queryKey: mediationKeys.assessment(caseId), queryFn: () => api['mediation.assess']({ caseId }) });
}

export function useMediationModel() {
  const api = useApi();
  return useQuery({ queryKey: mediationKeys.model, queryFn: () => api['mediation.model']({}) });
}

export function useNarrative(caseId: string) {
  const api = useApi();
  return useQuery({ queryKey: mediationKeys.narrative(caseId), queryFn: () => api['mediation.narrative.get']({ caseId }) });
}

function useInvalidateAll() {
  const qc = useQueryClient();
  return () =>
    Promise.all([qc.invalidateQueries({ queryKey: ['cases'] }), qc.invalidateQueries({ queryKey: mediationKeys.model })]);
}

export function useSetOutcome() {
  const api = useApi();
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (input: Input<'mediation.setOutcome'>) => api['mediation.setOutcome'](input),
    onSuccess: invalidate,
  });
}

export function useRefit() {
  const api = useApi();
  const invalidate = useInvalidateAll();
  return useMutation({ mutationFn: () => api['mediation.refit']({}), onSuccess: invalidate });
}

export function useStartNarrative() {
  const api = useApi();
  return useMutation({ mutationFn: (caseId: string) => api['mediation.narrative']({ caseId }) });
}
