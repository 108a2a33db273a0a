import { Alert, Descriptions, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NoticeData } from '../../../../shared/contract/hearings';
import { ErrorAlert } from '../../ui/errors';
import { useNoticeData } from './hooks';

type Recipient = NoticeData['recipients'][number];

/** What 传票, 出庭通知书 and 开庭公告 need, with the gaps to fill before the drafting helper renders them. */
export function NoticePanel({ hearingId }: { hearingId: string }) {
  const { t } = useTranslation();
  const query = useNoticeData(hearingId);
  if (query.isPending) return <Skeleton active />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const n = query.data;
  return (
    <div data-testid="notice-panel" style={{ display: 'grid', gap: 16 }}>
      <Alert type="info" showIcon title={t('hearings.notices.intro')} />
      {n.gaps.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="notice-gaps"
          title={t('hearings.notices.gapsTitle')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {n.gaps.map((g) => (
                <li key={g}>{g}</li>
              ))}
            </ul>
          }
        />
      )}
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'when', label: t('hearings.notices.when'), children: n.dateTimeZh },
          { key: 'place', label: t('hearings.notices.place'), children: n.room || <Typography.Text type="danger">—</Typography.Text> },
          {
            key: 'serveBy',
            label: t('hearings.notices.serveBy'),
            children: n.serveBy ? <Typography.Text strong data-testid="notice-serve-by">{n.serveBy}</Typography.Text> : t('hearings.notices.serveByNone'),
          },
          { key: 'type', label: t('hearings.form.type'), children: t(`hearings.type.${n.type}`) },
        ]}
      />
      <div>
        <Typography.Title level={5}>{t('hearings.notices.recipients')}</Typography.Title>
        <Table<Recipient>
          size="small"
          pagination={false}
          rowKey={(r) => `${r.kind}-${r.partyId ?? ''}-${r.agentId ?? ''}-${r.name}`}
          dataSource={n.recipients}
          data-testid="notice-recipients"
          columns={[
            {
              title: t('hearings.notices.document'),
              dataIndex: 'document',
              width: 200,
              render: (d: Recipient['document']) => <Tag color={d === 'summons' ? 'red' : 'blue'}>{t(`hearings.notices.${d}`)}</Tag>,
            },
            {
              title: t('hearings.notices.name'),
              dataIndex: 'name',
              render: (name: string, r) => (
                <>
                  {name} {r.missing && <Tag color="default">{t('hearings.notices.removed')}</Tag>}
                </>
              ),
            },
            { title: t('hearings.notices.capacity'), dataIndex: 'capacity' },
            {
              title: t('hearings.notices.address'),
              dataIndex: 'address',
              render: (a: string, r) =>
                a ? a : r.document === 'summons' ? <Tag color="warning">{t('hearings.notices.noAddress')}</Tag> : <Typography.Text type="secondary">—</Typography.Text>,
            },
            { title: t('hearings.notices.phone'), dataIndex: 'phone', render: (p: string) => p || '—' },
            { title: t('hearings.notices.firm'), dataIndex: 'firm', render: (f: string) => f || '—' },
          ]}
        />
      </div>
      <div>
        <Typography.Title level={5}>{t('hearings.notices.announcement')}</Typography.Title>
        {n.announcement.required ? (
          <Typography.Paragraph
            copyable={{ text: n.announcement.text }}
            data-testid="notice-announcement"
            style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: 16, fontSize: 15, lineHeight: 1.9 }}
          >
            {n.announcement.text}
          </Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">{t('hearings.notices.announcementNotRequired')}</Typography.Text>
        )}
      </div>
    </div>
  );
}
