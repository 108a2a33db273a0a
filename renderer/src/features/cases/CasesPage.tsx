import { AuditOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Input, Segmented, Select, Space, Table } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { useCallback, useEffect, useMemo, useState, type HTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import {
  CaseSortField,
  CaseStage,
  type CaseListInput,
  type CaseSummary,
} from '../../../../shared/contract/cases';
import { useCaseList } from '../../api/hooks';
import { ErrorAlert } from '../../ui/errors';
import { PageTitle } from '../../ui/EmptyState';
import { formatDateTime, joinNames } from '../../ui/format';
import { CaseNumber, StageTag } from './labels';

const Nowrap = ({ children }: { children: ReactNode }) => <span style={{ whiteSpace: 'nowrap' }}>{children}</span>;

type Status = 'active' | 'archived' | 'all';
const PAGE_SIZE = 20;

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(value ?? '') ? (value as T) : fallback;
}

/** List state lives in the URL, so coming back from a case restores the same search and page. */
function useListParams() {
  const [params, setParams] = useSearchParams();
  const input = useMemo(() => {
    const page = Number(params.get('page') ?? '1');
    const stage = params.get('stage');
    return {
      query: params.get('q') ?? '',
      status: oneOf<Status>(params.get('status'), ['active', 'archived', 'all'], 'active'),
      stage: stage && (CaseStage.options as readonly string[]).includes(stage) ? (stage as CaseStage) : null,
      sort: oneOf(params.get('sort'), CaseSortField.options, 'updatedAt'),
      order: oneOf(params.get('order'), ['asc', 'desc'] as const, 'desc'),
      page: Number.isInteger(page) && page > 0 ? page : 1,
      pageSize: PAGE_SIZE,
    } satisfies CaseListInput;
  }, [params]);
  const update = useCallback(
    (patch: Partial<Record<'q' | 'status' | 'stage' | 'sort' | 'order' | 'page', string | null>>) => {
      setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === null || v === '') next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
      );
    },
    [setParams],
  );
  return { input, update };
}

export function CasesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { input, update } = useListParams();
  const [search, setSearch] = useState(input.query);
  const list = useCaseList(input);

  // Debounced: one request when the user pauses, not one per keystroke.
  useEffect(() => {
    if (search.trim() === input.query) return;
    const timer = setTimeout(() => update({ q: search.trim(), page: null }), 300);
    return () => clearTimeout(timer);
  }, [search, input.query, update]);

  const sortOrder = (field: CaseSortField) =>
    input.sort === field ? (input.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;

  const columns: TableColumnsType<CaseSummary> = [
    {
      key: 'caseNumber',
      title: t('cases.columns.caseNumber'),
      dataIndex: 'caseNumber',
      sorter: true,
      sortOrder: sortOrder('caseNumber'),
      render: (v: string) => <CaseNumber value={v} />,
    },
    {
      key: 'causeOfAction',
      title: t('cases.columns.cause'),
      dataIndex: 'causeOfAction',
      sorter: true,
      sortOrder: sortOrder('causeOfAction'),
      render: (v: string) => v || t('common.none'),
    },
    {
      key: 'plaintiffs',
      title: t('cases.columns.plaintiffs'),
      dataIndex: 'plaintiffs',
      render: (v: string[]) => joinNames(v) || t('common.none'),
    },
    {
      key: 'defendants',
      title: t('cases.columns.defendants'),
      dataIndex: 'defendants',
      render: (v: string[]) => joinNames(v) || t('common.none'),
    },
    {
      key: 'procedure',
      title: t('cases.columns.procedure'),
      dataIndex: 'procedure',
      render: (v: CaseSummary['procedure']) => <Nowrap>{v ? t(`enums.procedure.${v}`) : t('common.none')}</Nowrap>,
    },
    {
      key: 'stage',
      title: t('cases.columns.stage'),
      dataIndex: 'stage',
      render: (v: CaseStage) => <StageTag stage={v} />,
    },
    {
      key: 'filedOn',
      title: t('cases.columns.filedOn'),
      dataIndex: 'filedOn',
      sorter: true,
      sortOrder: sortOrder('filedOn'),
      render: (v: string | null) => <Nowrap>{v ?? t('common.none')}</Nowrap>,
    },
    {
      key: 'updatedAt',
      title: t('cases.columns.updatedAt'),
      dataIndex: 'updatedAt',
      sorter: true,
      sortOrder: sortOrder('updatedAt'),
      render: (v: number) => <Nowrap>{formatDateTime(v)}</Nowrap>,
    },
  ];

  const onChange: TableProps<CaseSummary>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'paginate') {
      update({ page: String(pagination.current ?? 1) });
      return;
    }
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = typeof s?.columnKey === 'string' ? s.columnKey : '';
      if (s?.order && (CaseSortField.options as readonly string[]).includes(field)) {
        update({ sort: field, order: s.order === 'ascend' ? 'asc' : 'desc', page: null });
      } else {
        update({ sort: null, order: null, page: null });
      }
    }
  };

  const filtered = input.query !== '' || input.stage !== null || input.status !== 'active';
  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Button icon={<PlusOutlined />} onClick={() => void navigate('/cases/new')} data-testid="new-case">
              {t('cases.new')}
            </Button>
            <Button type="primary" icon={<AuditOutlined />} onClick={() => void navigate('/intake/new')} data-testid="cases-new-filing">
              {t('intake.newFiling.button')}
            </Button>
          </Space>
        }
      >
        {t('cases.title')}
      </PageTitle>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onPressEnter={() => update({ q: search.trim(), page: null })}
          placeholder={t('cases.searchPlaceholder')}
          style={{ width: 320 }}
          maxLength={100}
          data-testid="case-search"
        />
        <Segmented<Status>
          value={input.status}
          onChange={(v) => update({ status: v === 'active' ? null : v, page: null })}
          options={(['active', 'archived', 'all'] as const).map((s) => ({ value: s, label: t(`enums.status.${s}`) }))}
          data-testid="case-status-filter"
        />
        <Select<CaseStage | ''>
          value={input.stage ?? ''}
          onChange={(v) => update({ stage: v || null, page: null })}
          style={{ width: 160 }}
          options={[
            { value: '', label: t('cases.stageAll') },
            ...CaseStage.options.map((s) => ({ value: s, label: t(`enums.stage.${s}`) })),
          ]}
          data-testid="case-stage-filter"
        />
      </Space>
      {list.isError && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        </div>
      )}
      <Table<CaseSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        onChange={onChange}
        scroll={{ x: 960 }}
        locale={{ emptyText: filtered ? t('cases.empty') : t('cases.emptyAll') }}
        pagination={{
          current: input.page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('common.total', { count: total }),
        }}
        onRow={(record) =>
          ({
            onClick: () => void navigate(`/cases/${record.id}`),
            style: { cursor: 'pointer' },
            'data-testid': `case-row-${record.id}`,
          }) as HTMLAttributes<HTMLElement>
        }
        data-testid="case-table"
      />
    </>
  );
}
