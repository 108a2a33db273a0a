import { Card, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../shared/contract/cases';
import { useCaseAudit } from '../../api/hooks';
import { ErrorAlert } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { describeAuditDetail } from './auditDetail';

const PAGE_SIZE = 10;

/** Action names are the backend's (`case.create`, `update`, …): translate the verbs and entities we know. */
function describeAction(t: TFunction, entry: AuditEntry): string {
  // Whole action names first (i18next keys cannot contain dots, so they are stored with underscores).
  const named = t(`audit.named.${entry.action.replace(/[.-]/g, '_')}`, { defaultValue: '' });
  if (named) return named;
  const verb = entry.action.split('.').pop() ?? entry.action;
  const entity = entry.entity.split('.').pop() ?? entry.entity;
  const verbKey = `audit.actions.${verb}`;
  const entityKey = `audit.entities.${entity}`;
  const verbText = t(verbKey, { defaultValue: '' });
  const entityText = t(entityKey, { defaultValue: entity });
  if (!verbText) return entry.action;
  return t('audit.actionFormat', { verb: verbText, entity: entityText });
}

export function AuditPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const audit = useCaseAudit(caseId, page, PAGE_SIZE);

  const columns: TableColumnsType<AuditEntry> = [
    { key: 'at', title: t('audit.at'), dataIndex: 'at', width: 150, render: (v: number) => formatDateTime(v) },
    { key: 'actor', title: t('audit.actor'), dataIndex: 'actor', width: 120, render: (v: string) => v || t('common.none') },
    { key: 'action', title: t('audit.action'), width: 140, render: (_v, e) => describeAction(t, e) },
    {
      key: 'detail',
      title: t('audit.detail'),
      render: (_v, e) => (
        <Typography.Text type="secondary" ellipsis={{ tooltip: describeAuditDetail(t, e.detail) }} style={{ maxWidth: 420 }}>
          {describeAuditDetail(t, e.detail) || t('common.none')}
        </Typography.Text>
      ),
    },
  ];

  return (
    <Card title={t('audit.title')} size="small" data-testid="audit-panel">
      {audit.isError && <ErrorAlert error={audit.error} onRetry={() => void audit.refetch()} />}
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={audit.data?.items ?? []}
        loading={audit.isFetching}
        locale={{ emptyText: t('audit.empty') }}
        scroll={{ x: 600 }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: audit.data?.total ?? 0,
          onChange: setPage,
          hideOnSinglePage: true,
          size: 'small',
        }}
      />
    </Card>
  );
}
