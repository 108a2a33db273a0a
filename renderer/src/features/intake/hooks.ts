import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Registration } from '../../../../shared/contract/intake';
import type { Input } from '../../../../shared/contract/methods';
import { useApi } from '../../api/context';
import { keys } from '../../api/hooks';

/**
 * Intake queries live under the 'cases' prefix, so the `cases.changed` push (and every case
 * mutation) refreshes them together with the case itself.
 */
export const intakeKeys = {
  extraction: (caseId: string) => ['cases', 'intake', 'extraction', caseId] as const,
  causes: (caseId: string) => ['cases', 'intake', 'causes', caseId] as const,
  check: (caseId: string) => ['cases', 'intake', 'check', caseId] as const,
  registration: (caseId: string) => ['cases', 'intake', 'registration', caseId] as const,
  fee: (input: Input<'intake.fee'>) => ['intake', 'fee', input] as const,
  deadlines: (input: Input<'deadlines.list'>) => ['cases', 'deadlines', input] as const,
};

function invalidate(qc: QueryClient): Promise<unknown> {
  return Promise.all([qc.invalidateQueries({ queryKey: keys.cases }), qc.invalidateQueries({ queryKey: keys.appInfo })]);
}

export function useExtraction(caseId: string) {
  const api = useApi();
  return useQuery({ queryKey: intakeKeys.extraction(caseId), queryFn: () => api['intake.getExtraction']({ caseId }) });
}

export function useCauseSuggestions(caseId: string, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: intakeKeys.causes(caseId),
    queryFn: () => api['intake.suggestCauses']({ caseId, limit: 6 }),
    enabled,
  });
}

export function useCompleteness(caseId: string, enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: intakeKeys.check(caseId), queryFn: () => api['intake.check']({ caseId }), enabled });
}

export function useRegistration(caseId: string, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: intakeKeys.registration(caseId),
    queryFn: () => api['intake.registration']({ caseId }),
    enabled,
  });
}

/** The fee the backend would charge (it applies the court's configured fee settings). */
export function useFeePreview(input: Input<'intake.fee'> | null) {
  const api = useApi();
  return useQuery({
    queryKey: intakeKeys.fee(input ?? { kind: 'property' }),
    queryFn: () => api['intake.fee'](input ?? { kind: 'property' }),
    enabled: input !== null,
    placeholderData: keepPreviousData,
  });
}

export function useDeadlineList(input: Input<'deadlines.list'>) {
  const api = useApi();
  return useQuery({ queryKey: intakeKeys.deadlines(input), queryFn: () => api['deadlines.list'](input) });
}

function useIntakeMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => invalidate(qc) });
}

export function useImportFiling() {
  const api = useApi();
  return useIntakeMutation((input: Input<'intake.importFiling'>) => api['intake.importFiling'](input));
}

export function useSaveExtraction() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: Input<'intake.saveExtraction'>) => api['intake.saveExtraction'](input),
    onSuccess: (saved) => {
      qc.setQueryData(intakeKeys.extraction(saved.caseId), saved);
      return invalidate(qc);
    },
  });
}

export function useApplyExtraction() {
  const api = useApi();
  return useIntakeMutation((input: Input<'intake.applyExtraction'>) => api['intake.applyExtraction'](input));
}

export function useDefectNotice() {
  const api = useApi();
  return useMutation({ mutationFn: (input: Input<'intake.defectNotice'>) => api['intake.defectNotice'](input) });
}

export function useRegister() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: Input<'intake.register'>) => api['intake.register'](input),
    onSuccess: (reg) => {
      qc.setQueryData(intakeKeys.registration(reg.case.id), reg);
      return invalidate(qc);
    },
  });
}

export function useCompleteDeadline() {
  const api = useApi();
  return useIntakeMutation((input: Input<'deadlines.complete'>) => api['deadlines.complete'](input));
}

export function useTransition() {
  const api = useApi();
  return useIntakeMutation((input: Input<'cases.transition'>) => api['cases.transition'](input));
}

export function useSetCause() {
  const api = useApi();
  return useIntakeMutation((input: Input<'cases.update'>) => api['cases.update'](input));
}

const feeSettingsKey = ['intake', 'feeSettings'] as const;

/** The court's fee settings (statutory ranges and rounding); fee previews depend on them. */
export function useFeeSettings() {
  const api = useApi();
  return useQuery({ queryKey: feeSettingsKey, queryFn: () => api['intake.feeSettings.get']({}) });
}

export function useUpdateFeeSettings() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: Input<'intake.feeSettings.update'>) => api['intake.feeSettings.update'](input),
    // Every cached fee preview was computed with the old settings.
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: feeSettingsKey }), qc.invalidateQueries({ queryKey: ['intake', 'fee'] })]),
  });
}

/** deadlines.recordService / deadlines.extend answer with the whole registration: show it at once. */
function useRegistrationMutation<I>(fn: (input: I) => Promise<Registration>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (reg) => {
      qc.setQueryData(intakeKeys.registration(reg.case.id), reg);
      return invalidate(qc);
    },
  });
}

export function useRecordService() {
  const api = useApi();
  return useRegistrationMutation((input: Input<'deadlines.recordService'>) => api['deadlines.recordService'](input));
}

export function useExtendTrialLimit() {
  const api = useApi();
  return useRegistrationMutation((input: Input<'deadlines.extend'>) => api['deadlines.extend'](input));
}

export function useConvertProcedure() {
  const api = useApi();
  return useRegistrationMutation((input: Input<'cases.convertProcedure'>) => api['cases.convertProcedure'](input));
}
