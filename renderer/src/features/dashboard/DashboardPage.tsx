import { AuditOutlined, CalculatorOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Row, Skeleton, Space, Statistic, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CaseStage, type CaseListInput, type CaseSummary } from '../../../../shared/contract/cases';
import { useApi } from '../../api/context';
import { keys, useCaseList, useSettings } from '../../api/hooks';
import { ErrorAlert } from '../../ui/errors';
import { PageTitle } from '../../ui/EmptyState';
import { formatDateTime, joinNames } from '../../ui/format';
import { CaseNumber, StageTag } from '../cases/labels';
import { DeadlinesPanel } from './DeadlinesPanel';
import { SamplesCard } from './SamplesCard';
import { TasksCard } from './TasksCard';

const ACTIVE_STAGES = CaseStage.options.filter((s) => s !== 'archived');

/**
 * Counts come from `cases.list` totals (page size 1): the contract has no stats call yet, and a local
 * backend answers these small queries in microseconds.
 */
function useStageCounts() {
  const api = useApi();
  const inputs: CaseListInput[] = [
    { status: 'active', page: 1, pageSize: 1 },
    ...ACTIVE_STAGES.map((stage): CaseListInput => ({ status: 'active', stage, page: 1, pageSize: 1 })),
  ];
  return useQueries({
    queries: inputs.map((input) => ({ queryKey: keys.caseList(input), queryFn: () => api['cases.list'](input) })),
  });
}

export function DashboardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const settings = useSettings();
  const counts = useStageCounts();
  const recent = useCaseList({ status: 'all', sort: 'updatedAt', order: 'desc', page: 1, pageSize: 8 });
  const [total, ...byStage] = counts;

  const columns: TableColumnsType<CaseSummary> = [
    { key: 'caseNumber', title: t('cases.columns.caseNumber'), dataIndex: 'caseNumber', render: (v: string) => <CaseNumber value={v} /> },
    { key: 'cause', title: t('cases.columns.cause'), dataIndex: 'causeOfAction', render: (v: string) => v || t('common.none') },
    {
      key: 'parties',
      title: `${t('cases.columns.plaintiffs')} / ${t('cases.columns.defendants')}`,
      render: (_v, c) => `${joinNames(c.plaintiffs) || t('common.none')} — ${joinNames(c.defendants) || t('common.none')}`,
    },
    { key: 'stage', title: t('cases.columns.stage'), dataIndex: 'stage', render: (v: CaseStage) => <StageTag stage={v} /> },
    { key: 'updatedAt', title: t('cases.columns.updatedAt'), dataIndex: 'updatedAt', render: (v: number) => formatDateTime(v) },
  ];

  const countError = counts.find((c) => c.isError)?.error;
  return (
    <div data-testid="dashboard">
      <PageTitle
        extra={
          <Space wrap>
            <Button icon={<CalculatorOutlined />} onClick={() => void navigate('/intake/tools')} data-testid="dashboard-tools">
              {t('intake.tools.title')}
            </Button>
            <Button icon={<PlusOutlined />} onClick={() => void navigate('/cases/new')} data-testid="dashboard-new-case">
              {t('dashboard.newCase')}
            </Button>
            <Button type="primary" icon={<AuditOutlined />} onClick={() => void navigate('/intake/new')} data-testid="dashboard-new-filing">
              {t('intake.newFiling.button')}
            </Button>
          </Space>
        }
      >
        {t('dashboard.title')}
      </PageTitle>
      {settings.data?.samplesChoice === 'pending' && <SamplesCard />}
      {countError !== undefined && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={countError} onRetry={() => counts.forEach((c) => void c.refetch())} />
        </div>
      )}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={6}>
          <Card style={{ height: '100%' }}>
            <Statistic title={t('dashboard.activeCases')} value={total?.data?.total ?? 0} loading={total?.isPending} data-testid="stat-active" />
          </Card>
        </Col>
        <Col xs={24} md={18}>
          <Card title={t('dashboard.byStage')} size="small" style={{ height: '100%' }}>
            <Row gutter={[8, 8]}>
              {ACTIVE_STAGES.map((stage, i) => (
                <Col key={stage} xs={8} lg={4}>
                  <a
                    onClick={() => void navigate(`/cases?stage=${stage}`)}
                    role="link"
                    data-testid={`stat-stage-${stage}`}
                    style={{ display: 'block', color: 'inherit' }}
                  >
                    <Statistic title={t(`enums.stage.${stage}`)} value={byStage[i]?.data?.total ?? 0} loading={byStage[i]?.isPending} />
                  </a>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
      </Row>
      <TasksCard />
      <DeadlinesPanel />
      <Card
        title={t('dashboard.recent')}
        extra={<a onClick={() => void navigate('/cases')}>{t('dashboard.viewAll')}</a>}
        data-testid="recent-cases"
      >
        {recent.isPending ? (
          <Skeleton active />
        ) : recent.isError ? (
          <ErrorAlert error={recent.error} onRetry={() => void recent.refetch()} />
        ) : recent.data.items.length === 0 ? (
          <Empty description={t('dashboard.recentEmpty')} />
        ) : (
          <Table<CaseSummary>
            rowKey="id"
            size="small"
            pagination={false}
            columns={columns}
            dataSource={recent.data.items}
            scroll={{ x: 640 }}
            onRow={(record) =>
              ({
                onClick: () => void navigate(`/cases/${record.id}`),
                style: { cursor: 'pointer' },
                'data-testid': `recent-row-${record.id}`,
              }) as HTMLAttributes<HTMLElement>
            }
          />
        )}
      </Card>
    </div>
  );
}
