import { keepPreviousData, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ImportJob, ImportSource, SearchFilters, SearchInput } from '../../../../shared/contract/precedents';
import { useApi } from '../../api/context';

/**
 * Query keys. Case-based pushes live under 'cases' so that editing the case (cases.changed) re-runs
 * them; everything else under 'precedents' / 'statutes'.
 */
export const precKeys = {
  all: ['precedents'] as const,
  stats: ['precedents', 'stats'] as const,
  imports: ['precedents', 'imports'] as const,
  importJob: (id: string) => ['precedents', 'import', id] as const,
  search: (input: SearchInput) => ['precedents', 'search', input] as const,
  detail: (id: string) => ['precedents', 'detail', id] as const,
  forCase: (caseId: string, filters: SearchFilters) => ['cases', 'precedents', caseId, filters] as const,
  statutes: ['statutes'] as const,
  laws: (query: string) => ['statutes', 'laws', query] as const,
  article: (law: string, number: number, sub: number) => ['statutes', 'article', law, number, sub] as const,
  statuteSearch: (query: string) => ['statutes', 'search', query] as const,
  statutesForCase: (caseId: string) => ['cases', 'statutes', caseId] as const,
};

/** After an import, a removal or a reindex every search, statistic and case push may change. */
export function invalidatePrecedents(qc: QueryClient): Promise<unknown> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: precKeys.all }),
    qc.invalidateQueries({ queryKey: ['cases', 'precedents'] }),
  ]);
}

export function invalidateStatutes(qc: QueryClient): Promise<unknown> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: precKeys.statutes }),
    qc.invalidateQueries({ queryKey: ['cases', 'statutes'] }),
  ]);
}

export function usePrecedentStats() {
  const api = useApi();
  return useQuery({ queryKey: precKeys.stats, queryFn: () => api['precedents.stats']({}) });
}

const isRunning = (jobs: readonly ImportJob[] | undefined) => (jobs ?? []).some((j) => j.status === 'running');

/** The import history; polled while an import runs (it may have been started by the CLI or another window). */
export function useImports() {
  const api = useApi();
  return useQuery({
    queryKey: precKeys.imports,
    queryFn: () => api['precedents.import.list']({}),
    refetchInterval: (q) => (isRunning(q.state.data?.items) ? 1000 : false),
  });
}

/** One import's counts while it runs (the worker commits them batch by batch). */
export function useImportJob(importId: string | null, live: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: precKeys.importJob(importId ?? ''),
    queryFn: () => api['precedents.import.get']({ importId: importId ?? '' }),
    enabled: importId !== null,
    refetchInterval: live ? 700 : false,
  });
}

export function usePrecedentSearch(input: SearchInput | null) {
  const api = useApi();
  return useQuery({
    queryKey: precKeys.search(input ?? { query: '' }),
    queryFn: () => api['precedents.search'](input ?? { query: '' }),
    enabled: input !== null,
    placeholderData: keepPreviousData,
  });
}

export function usePrecedent(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: precKeys.detail(id ?? ''),
    queryFn: () => api['precedents.get']({ id: id ?? '' }),
    enabled: id !== null,
    staleTime: 60_000,
  });
}

export function usePrecedentsForCase(caseId: string, filters: SearchFilters, enabled: boolean, limit = 10) {
  const api = useApi();
  return useQuery({
    queryKey: precKeys.forCase(caseId, filters),
    queryFn: () => api['precedents.forCase']({ caseId, filters, limit }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useStatutesForCase(caseId: string, enabled: boolean, limit = 8) {
  const api = useApi();
  return useQuery({
    queryKey: precKeys.statutesForCase(caseId),
    queryFn: () => api['statutes.forCase']({ caseId, limit }),
    enabled,
  });
}

export function useLaws(query: string) {
  const api = useApi();
  return useQuery({
    queryKey: precKeys.laws(query),
    queryFn: () => api['statutes.laws']({ query }),
    placeholderData: keepPreviousData,
  });
}

export function useArticle(law: string | null, number: number, sub: number) {
  const api = useApi();
  return useQuery({
    queryKey: precKeys.article(law ?? '', number, sub),
    queryFn: () => api['statutes.article']({ law: law ?? '', number, sub }),
    enabled: law !== null,
    retry: false,
  });
}

export function useStatuteSearch(query: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: precKeys.statuteSearch(query ?? ''),
    queryFn: () => api['statutes.search']({ query: query ?? '', limit: 20 }),
    enabled: query !== null,
  });
}

export function useInvalidate() {
  const qc = useQueryClient();
  return { precedents: () => invalidatePrecedents(qc), statutes: () => invalidateStatutes(qc) };
}

// ---------------------------------------------------------------------------------------------
// Resume: the contract needs the source again (mapping included), which ImportJob does not carry,
// so the sources started from this browser are remembered locally.
// ---------------------------------------------------------------------------------------------

const SOURCES_KEY = 'courtdesk.precedents.importSources';

function readSources(): Record<string, ImportSource> {
  try {
    const raw = window.localStorage.getItem(SOURCES_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, ImportSource>) : {};
  } catch {
    return {};
  }
}

export function rememberImportSource(importId: string, source: ImportSource): void {
  try {
    const all = readSources();
    all[importId] = source;
    // Keep the newest 50: old entries are useless once their imports finished.
    const entries = Object.entries(all).slice(-50);
    window.localStorage.setItem(SOURCES_KEY, JSON.stringify(Object.fromEntries(entries)));
  } catch {
    // Storage may be disabled; resuming then asks for the mapping again.
  }
}

/** The source to resume with: remembered, or rebuilt from the job for kinds that need nothing else. */
export function resumeSourceOf(job: ImportJob): ImportSource | null {
  const saved = readSources()[job.id];
  if (saved && saved.kind === job.kind) return saved;
  if (job.kind === 'folder') return { kind: 'folder', path: job.path };
  if (job.kind === 'lecard') return { kind: 'lecard', path: job.path };
  return null;
}
