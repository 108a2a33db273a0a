import { ClearOutlined, FileSearchOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, InputNumber, Result, Select, Skeleton, Space, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Authority,
  CourtLevel,
  TrialProcedure,
  type SearchFilters,
  type SearchInput,
} from '../../../../shared/contract/precedents';
import { ErrorAlert } from '../../ui/errors';
import { AuthorityTag } from './AuthorityTag';
import { yearOrUndefined } from './format';
import { HitList, PAGE_SIZE } from './HitList';
import { usePrecedentSearch, usePrecedentStats } from './hooks';
import { QueryInfoPanel } from './QueryInfo';

function Field({ label, children, span = 1 }: { label: string; children: ReactNode; span?: number }) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 2, minWidth: 0, gridColumn: `span ${span}` }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      {children}
    </div>
  );
}

/** Drops empty arrays and undefined years, so an untouched filter is not sent (and the query key stays stable). */
export function cleanFilters(f: SearchFilters): SearchFilters {
  const out: SearchFilters = {};
  if (f.causes?.length) out.causes = f.causes;
  if (f.courtLevels?.length) out.courtLevels = f.courtLevels;
  if (f.authorities?.length) out.authorities = f.authorities;
  if (f.procedures?.length) out.procedures = f.procedures;
  if (f.sources?.length) out.sources = f.sources;
  const from = yearOrUndefined(f.yearFrom);
  const to = yearOrUndefined(f.yearTo);
  if (from !== undefined) out.yearFrom = from;
  if (to !== undefined) out.yearTo = to;
  return out;
}

export function FilterBar({
  filters,
  onChange,
  sources,
  causeOptions,
  children,
}: {
  children?: ReactNode;
  filters: SearchFilters;
  onChange: (f: SearchFilters) => void;
  sources: readonly string[];
  causeOptions: readonly string[];
}) {
  const { t } = useTranslation();
  const set = (patch: SearchFilters) => onChange({ ...filters, ...patch });
  const empty = Object.keys(cleanFilters(filters)).length === 0;
  return (
    <div
      data-testid="prec-filters"
      style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(210px, 1fr))', gap: '10px 16px', alignItems: 'end' }}
    >
      <Field label={t('precedents.search.authorities')} span={2}>
        <Checkbox.Group
          value={filters.authorities ?? []}
          onChange={(v) => set({ authorities: v as Authority[] })}
          data-testid="prec-filter-authority"
        >
          {Authority.options.map((a) => (
            <Checkbox key={a} value={a} style={{ marginInlineEnd: 4 }}>
              <AuthorityTag level={a} />
            </Checkbox>
          ))}
        </Checkbox.Group>
      </Field>
      <Field label={t('precedents.search.causes')}>
        <Select
          mode="tags"
          allowClear
          value={filters.causes ?? []}
          onChange={(v: string[]) => set({ causes: v.map((c) => c.trim()).filter(Boolean).slice(0, 20) })}
          options={causeOptions.map((c) => ({ value: c, label: c }))}
          placeholder={t('precedents.search.causesPlaceholder')}
          data-testid="prec-filter-causes"
          maxTagCount="responsive"
        />
      </Field>
      <Field label={t('precedents.search.courtLevels')}>
        <Select
          mode="multiple"
          allowClear
          value={filters.courtLevels ?? []}
          onChange={(v: CourtLevel[]) => set({ courtLevels: v })}
          options={CourtLevel.options.map((c) => ({ value: c, label: t(`precedents.courtLevel.${c}`) }))}
          placeholder={t('precedents.search.any')}
          maxTagCount="responsive"
          data-testid="prec-filter-court-level"
        />
      </Field>
      <Field label={t('precedents.search.years')}>
        <Space.Compact style={{ width: '100%' }}>
          <InputNumber
            min={1949}
            max={2100}
            precision={0}
            value={filters.yearFrom ?? null}
            onChange={(v) => set({ yearFrom: v ?? undefined })}
            placeholder={t('precedents.search.yearFrom')}
            style={{ width: '50%' }}
            data-testid="prec-filter-year-from"
          />
          <InputNumber
            min={1949}
            max={2100}
            precision={0}
            value={filters.yearTo ?? null}
            onChange={(v) => set({ yearTo: v ?? undefined })}
            placeholder={t('precedents.search.yearTo')}
            style={{ width: '50%' }}
            data-testid="prec-filter-year-to"
          />
        </Space.Compact>
      </Field>
      <Field label={t('precedents.search.procedures')}>
        <Select
          mode="multiple"
          allowClear
          value={filters.procedures ?? []}
          onChange={(v: TrialProcedure[]) => set({ procedures: v })}
          options={TrialProcedure.options.map((p) => ({ value: p, label: t(`precedents.procedure.${p}`) }))}
          placeholder={t('precedents.search.any')}
          maxTagCount="responsive"
          data-testid="prec-filter-procedure"
        />
      </Field>
      <Field label={t('precedents.search.sources')}>
        <Select
          mode="multiple"
          allowClear
          value={filters.sources ?? []}
          onChange={(v: string[]) => set({ sources: v })}
          options={sources.map((s) => ({ value: s, label: s }))}
          placeholder={t('precedents.search.any')}
          maxTagCount="responsive"
          data-testid="prec-filter-source"
        />
      </Field>
      {children}
      <div>
        <Button icon={<ClearOutlined />} disabled={empty} onClick={() => onChange({})} data-testid="prec-filter-clear">
          {t('precedents.search.clear')}
        </Button>
      </div>
    </div>
  );
}

export function LibraryEmpty({ title, body, action, onAction, testId }: { title: string; body: string; action: string; onAction: () => void; testId: string }) {
  return (
    <div data-testid={testId}>
      <Result
        icon={<FileSearchOutlined style={{ color: '#a61d24' }} />}
        title={title}
        subTitle={<span style={{ display: 'inline-block', maxWidth: 620 }}>{body}</span>}
        extra={
          <Button type="primary" onClick={onAction} data-testid={`${testId}-action`}>
            {action}
          </Button>
        }
      />
    </div>
  );
}

export function SearchTab({ onGoLibrary, initialQuery = '', initialCause = '' }: { onGoLibrary: () => void; initialQuery?: string; initialCause?: string }) {
  const { t } = useTranslation();
  const stats = usePrecedentStats();
  const [text, setText] = useState(initialQuery);
  const [boost, setBoost] = useState(initialCause);
  const [filters, setFilters] = useState<SearchFilters>({});
  const [page, setPage] = useState(1);
  const [submitted, setSubmitted] = useState<SearchInput | null>(() =>
    initialQuery.trim() ? { query: initialQuery, ...(initialCause ? { cause: initialCause } : {}), filters: {}, limit: PAGE_SIZE, offset: 0 } : null,
  );
  const search = usePrecedentSearch(submitted);

  const run = () => {
    if (!text.trim()) return;
    setPage(1);
    const cause = boost.trim();
    setSubmitted({ query: text, ...(cause ? { cause } : {}), filters: cleanFilters(filters), limit: PAGE_SIZE, offset: 0 });
  };

  const causeOptions = useMemo(() => {
    const all = new Set<string>();
    for (const h of search.data?.items ?? []) for (const c of h.precedent.causes) all.add(c);
    if (boost.trim()) all.add(boost.trim());
    return [...all];
  }, [search.data, boost]);

  if (stats.isPending) return <Skeleton active />;
  if (stats.data && stats.data.count === 0) {
    return (
      <LibraryEmpty
        testId="prec-library-empty"
        title={t('precedents.search.libraryEmpty')}
        body={t('precedents.search.libraryEmptyBody')}
        action={t('precedents.search.goImport')}
        onAction={onGoLibrary}
      />
    );
  }

  return (
    <div data-testid="prec-search">
      <div style={{ display: 'flex', gap: 8, alignItems: 'stretch' }}>
        <Input.TextArea
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={(e) => {
            if (!e.shiftKey) {
              e.preventDefault();
              run();
            }
          }}
          autoSize={{ minRows: 2, maxRows: 8 }}
          placeholder={t('precedents.search.placeholder')}
          data-testid="prec-query"
          style={{ flex: 1 }}
        />
        <Button type="primary" icon={<SearchOutlined />} onClick={() => run()} disabled={!text.trim()} loading={search.isFetching} data-testid="prec-search-run" style={{ height: 'auto', minWidth: 96 }}>
          {t('precedents.search.run')}
        </Button>
      </div>
      <div style={{ height: 12 }} />
      <FilterBar
        filters={filters}
        onChange={(f) => {
          setFilters(f);
          if (submitted) {
            setPage(1);
            setSubmitted({ ...submitted, filters: cleanFilters(f), offset: 0 });
          }
        }}
        sources={stats.data?.bySource.map((s) => s.source) ?? []}
        causeOptions={causeOptions}
      >
        <Field label={t('precedents.search.boostCause')}>
          <Input value={boost} onChange={(e) => setBoost(e.target.value)} placeholder={t('precedents.search.boostCausePlaceholder')} allowClear data-testid="prec-boost-cause" maxLength={100} />
        </Field>
      </FilterBar>
      <div style={{ marginTop: 16 }}>
        {!submitted && <Typography.Paragraph type="secondary">{t('precedents.search.prompt')}</Typography.Paragraph>}
        {search.isError && <ErrorAlert error={search.error} onRetry={() => void search.refetch()} />}
        {submitted && search.isPending && <Skeleton active />}
        {search.data && submitted && (
          <>
            <QueryInfoPanel
              info={search.data.queryInfo}
              extra={
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="prec-result-count">
                  {t('precedents.search.results', { total: search.data.total, ms: Math.round(search.data.tookMs) })}
                </Typography.Text>
              }
            />
            <HitList
              hits={search.data.items}
              total={search.data.total}
              page={page}
              onPage={(p) => {
                setPage(p);
                setSubmitted({ ...submitted, offset: (p - 1) * PAGE_SIZE });
              }}
              emptyText={t('precedents.search.noResults')}
              queryCause={submitted.cause ?? null}
            />
          </>
        )}
      </div>
    </div>
  );
}
