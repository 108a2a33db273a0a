import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import type { CaseListInput } from '../../../shared/contract/cases';
import type { Input } from '../../../shared/contract/methods';
import { useApi, useApiEvent } from './context';

/** Every case-derived query starts with 'cases', so one invalidation refreshes lists, details and audit. */
export const keys = {
  settings: ['settings'] as const,
  appInfo: ['app', 'info'] as const,
  cases: ['cases'] as const,
  caseList: (input: CaseListInput) => ['cases', 'list', input] as const,
  caseDetail: (id: string) => ['cases', 'detail', id] as const,
  caseAudit: (id: string, page: number, pageSize: number) => ['cases', 'audit', id, page, pageSize] as const,
  documentText: (id: string) => ['cases', 'document-text', id] as const,
};

function invalidateCases(qc: QueryClient): Promise<unknown> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: keys.cases }),
    qc.invalidateQueries({ queryKey: keys.appInfo }),
  ]);
}

/** Mount once near the root: another window or the CLI may change cases, and views must follow. */
export function useCaseChangeSync(): void {
  const qc = useQueryClient();
  const wasDown = useRef(false);
  useApiEvent('cases.changed', () => {
    void invalidateCases(qc);
  });
  // After a backend restart the push stream was down for a while; whatever changed meanwhile is unknown.
  useApiEvent('backend.status', (status) => {
    if (status === 'reconnecting') wasDown.current = true;
    if (status === 'ready' && wasDown.current) {
      wasDown.current = false;
      void qc.invalidateQueries();
    }
  });
}

export function useSettings() {
  const api = useApi();
  return useQuery({ queryKey: keys.settings, queryFn: () => api['settings.get']({}) });
}

export function useUpdateSettings() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: Input<'settings.update'>) => api['settings.update'](patch),
    onSuccess: (settings) => qc.setQueryData(keys.settings, settings),
  });
}

export function useAppInfo() {
  const api = useApi();
  return useQuery({ queryKey: keys.appInfo, queryFn: () => api['app.info']({}) });
}

export function useBackup() {
  const api = useApi();
  return useMutation({ mutationFn: () => api['app.backup']({}) });
}

export function useLoadSamples() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api['samples.load']({}),
    onSuccess: () => invalidateCases(qc),
  });
}

export function useCaseList(input: CaseListInput) {
  const api = useApi();
  return useQuery({
    queryKey: keys.caseList(input),
    queryFn: () => api['cases.list'](input),
    // Keeps the table filled while the next page or search result loads, instead of flashing empty.
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: string) {
  const api = useApi();
  return useQuery({ queryKey: keys.caseDetail(id), queryFn: () => api['cases.get']({ id }) });
}

export function useCaseAudit(caseId: string, page: number, pageSize = 10) {
  const api = useApi();
  return useQuery({
    queryKey: keys.caseAudit(caseId, page, pageSize),
    queryFn: () => api['cases.audit']({ caseId, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

export function useDocumentText(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: keys.documentText(id ?? ''),
    queryFn: () => api['documents.text']({ id: id ?? '' }),
    enabled: id !== null,
  });
}

function useCaseMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => invalidateCases(qc) });
}

export function useCreateCase() {
  const api = useApi();
  return useCaseMutation((input: Input<'cases.create'>) => api['cases.create'](input));
}

export function useUpdateCase() {
  const api = useApi();
  return useCaseMutation((input: Input<'cases.update'>) => api['cases.update'](input));
}

export function useArchiveCase() {
  const api = useApi();
  return useCaseMutation((input: Input<'cases.archive'>) => api['cases.archive'](input));
}

export function useRestoreCase() {
  const api = useApi();
  return useCaseMutation((input: Input<'cases.restore'>) => api['cases.restore'](input));
}

export function useAddDocument() {
  const api = useApi();
  return useCaseMutation((input: Input<'documents.add'>) => api['documents.add'](input));
}

export function useRemoveDocument() {
  const api = useApi();
  return useCaseMutation((input: Input<'documents.remove'>) => api['documents.remove'](input));
}
