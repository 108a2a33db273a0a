import { CalendarOutlined, EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Descriptions, Empty, Input, Modal, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { CaseDetail } from '../../../../shared/contract/cases';
import type { Hearing } from '../../../../shared/contract/hearings';
import { ErrorAlert, errorText } from '../../ui/errors';
import { formatDateTime, joinNames } from '../../ui/format';
import { useCancelHearing, useHearings } from './hooks';
import { NoticePanel } from './NoticePanel';
import { OutlineEditor } from './OutlineEditor';
import { ScheduleDrawer } from './ScheduleForm';
import { TranscriptEditor } from './TranscriptEditor';

const DETAIL_TABS = ['info', 'notices', 'outline', 'transcript'] as const;
type DetailTab = (typeof DETAIL_TABS)[number];

const STATUS_COLOR = { scheduled: 'blue', held: 'green', cancelled: 'default' } as const;

/** The hearing to open first: the next one still to come, else the latest. */
function defaultHearing(items: readonly Hearing[]): Hearing | undefined {
  const today = dayjs().format('YYYY-MM-DD');
  const upcoming = items.filter((h) => h.status === 'scheduled' && h.date >= today).sort((a, b) => `${a.date}${a.start}`.localeCompare(`${b.date}${b.start}`));
  return upcoming[0] ?? [...items].sort((a, b) => `${b.date}${b.start}`.localeCompare(`${a.date}${a.start}`))[0];
}

function CancelButton({ hearing }: { hearing: Hearing }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const cancel = useCancelHearing();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <>
      <Button danger icon={<StopOutlined />} onClick={() => setOpen(true)} data-testid="hearing-cancel">
        {t('hearings.info.cancel')}
      </Button>
      <Modal
        open={open}
        title={t('hearings.info.cancelTitle')}
        onCancel={() => setOpen(false)}
        okText={t('hearings.info.cancel')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, disabled: reason.trim() === '', loading: cancel.isPending }}
        onOk={async () => {
          try {
            await cancel.mutateAsync({ id: hearing.id, version: hearing.version, reason: reason.trim() });
            void message.success(t('hearings.info.cancelled'));
            setOpen(false);
          } catch (err) {
            void message.error(errorText(t, err));
          }
        }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('hearings.info.cancelNote')}</Typography.Paragraph>
        <Typography.Text>{t('hearings.info.cancelReason')}</Typography.Text>
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('hearings.info.cancelReasonPlaceholder')}
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={500}
          data-testid="hearing-cancel-reason"
          status={reason.trim() === '' ? 'warning' : undefined}
        />
      </Modal>
    </>
  );
}

function HearingInfo({ hearing, onEdit }: { hearing: Hearing; onEdit: () => void }) {
  const { t } = useTranslation();
  const editable = hearing.status !== 'cancelled';
  return (
    <div style={{ display: 'grid', gap: 12 }} data-testid="hearing-info">
      {hearing.override && (
        <Alert
          type="warning"
          showIcon
          data-testid="hearing-override"
          title={t('hearings.info.overrideTitle')}
          description={t('hearings.info.overrideBody', {
            reason: hearing.override.reason,
            by: hearing.override.by,
            at: formatDateTime(hearing.override.at),
            kinds: hearing.override.conflicts.map((k) => t(`hearings.conflictKinds.${k}`)).join('、'),
          })}
        />
      )}
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'date', label: t('hearings.info.date'), children: `${hearing.date}（${dayjs(hearing.date).format('dddd')}）` },
          { key: 'time', label: t('hearings.info.time'), children: `${hearing.start}–${hearing.end}` },
          { key: 'room', label: t('hearings.info.room'), children: hearing.room || '—' },
          { key: 'presiding', label: t('hearings.info.presiding'), children: hearing.presidingJudge || '—' },
          { key: 'panel', label: t('hearings.info.panel'), children: joinNames(hearing.panel) || '—' },
          { key: 'clerk', label: t('hearings.info.clerk'), children: hearing.clerk || '—' },
          {
            key: 'participants',
            label: t('hearings.info.participants'),
            span: 2,
            children: hearing.participants.length ? (
              <Space size={[4, 4]} wrap>
                {hearing.participants.map((p, i) => (
                  <Tag key={`${p.kind}-${p.partyId ?? ''}-${p.agentId ?? ''}-${i}`} color={p.missing ? 'default' : p.kind === 'party' ? 'geekblue' : undefined}>
                    {p.kind === 'party' && p.role ? t(`enums.role.${p.role}`) : t(`hearings.kinds.${p.kind}`)} {p.name}
                    {p.missing ? `（${t('hearings.info.missing')}）` : ''}
                  </Tag>
                ))}
              </Space>
            ) : (
              '—'
            ),
          },
          { key: 'public', label: t('hearings.info.publicHearing'), children: hearing.publicHearing ? t('hearings.info.public') : t('hearings.info.notPublic') },
          { key: 'served', label: t('hearings.info.noticeServedOn'), children: hearing.noticeServedOn ?? t('hearings.info.notServed') },
          ...(hearing.notes ? [{ key: 'notes', label: t('hearings.info.notes'), span: 2, children: hearing.notes }] : []),
        ]}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('hearings.info.updated', { by: hearing.updatedBy, at: formatDateTime(hearing.updatedAt), version: hearing.version })}
        </Typography.Text>
        {editable && (
          <Space>
            <Button icon={<EditOutlined />} onClick={onEdit} data-testid="hearing-edit">
              {t('hearings.info.edit')}
            </Button>
            <CancelButton hearing={hearing} />
          </Space>
        )}
      </div>
    </div>
  );
}

/** The case's 庭审 tab: its hearings, and for the chosen one the schedule, notices, outline and transcript. */
export function HearingsTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const list = useHearings(detail.id);
  const [editing, setEditing] = useState<Hearing | null>(null);
  const [formOpen, setFormOpen] = useState(false);

  const select = (patch: Record<string, string>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('tab', 'hearing');
        for (const [k, v] of Object.entries(patch)) next.set(k, v);
        return next;
      },
      { replace: true },
    );

  if (list.isPending) return <Skeleton active />;
  if (list.isError) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  const items = list.data.items;
  const selected = items.find((h) => h.id === params.get('hearing')) ?? defaultHearing(items);
  const sub = params.get('htab');
  const subTab: DetailTab = (DETAIL_TABS as readonly string[]).includes(sub ?? '') ? (sub as DetailTab) : 'info';
  const archived = detail.status === 'archived';

  const openForm = (h: Hearing | null) => {
    setEditing(h);
    setFormOpen(true);
  };

  return (
    <div data-testid="hearings-tab" style={{ display: 'grid', gap: 16 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('hearings.title')}
        </Typography.Title>
        <Space>
          <Button icon={<CalendarOutlined />} onClick={() => void navigate('/calendar')}>
            {t('nav.calendar')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openForm(null)} disabled={archived} data-testid="hearing-schedule">
            {t('hearings.schedule')}
          </Button>
        </Space>
      </div>
      {items.length === 0 ? (
        <Empty
          data-testid="hearings-empty"
          description={
            <Space orientation="vertical" size={4}>
              <Typography.Text>{t('hearings.empty')}</Typography.Text>
              <Typography.Text type="secondary" style={{ maxWidth: 560, display: 'inline-block' }}>
                {t('hearings.emptyHint')}
              </Typography.Text>
            </Space>
          }
        />
      ) : (
        <Table<Hearing>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={items}
          data-testid="hearings-table"
          onRow={(h) => ({ onClick: () => select({ hearing: h.id }), style: { cursor: 'pointer' } })}
          rowClassName={(h) => (h.id === selected?.id ? 'ant-table-row-selected' : '')}
          columns={[
            {
              title: t('hearings.columns.when'),
              key: 'when',
              render: (_, h) => (
                <span style={{ fontVariantNumeric: 'tabular-nums', textDecoration: h.status === 'cancelled' ? 'line-through' : undefined }}>
                  {h.date} {h.start}–{h.end}
                </span>
              ),
            },
            { title: t('hearings.columns.type'), dataIndex: 'type', render: (v: Hearing['type']) => t(`hearings.type.${v}`) },
            { title: t('hearings.columns.room'), dataIndex: 'room', render: (v: string) => v || '—' },
            { title: t('hearings.columns.presiding'), dataIndex: 'presidingJudge', render: (v: string) => v || '—' },
            {
              title: t('hearings.columns.status'),
              key: 'status',
              render: (_, h) => (
                <Space size={4}>
                  <Tag color={STATUS_COLOR[h.status]}>{t(`hearings.status.${h.status}`)}</Tag>
                  {h.override && (
                    <Tag color="orange" data-testid="hearing-overridden">
                      {t('hearings.overridden')}
                    </Tag>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      {selected && (
        <div data-testid="hearing-detail" data-hearing-id={selected.id}>
          <Tabs
            activeKey={subTab}
            onChange={(k) => select({ hearing: selected.id, htab: k })}
            items={DETAIL_TABS.map((k) => ({
              key: k,
              label: <span data-testid={`hearing-tab-${k}`}>{t(`hearings.detailTabs.${k}`)}</span>,
              children:
                k === 'info' ? (
                  <HearingInfo hearing={selected} onEdit={() => openForm(selected)} />
                ) : k === 'notices' ? (
                  <NoticePanel hearingId={selected.id} />
                ) : k === 'outline' ? (
                  <OutlineEditor key={selected.id} hearingId={selected.id} caseId={detail.id} />
                ) : (
                  <TranscriptEditor key={selected.id} hearing={selected} detail={detail} />
                ),
            }))}
            destroyOnHidden
          />
        </div>
      )}
      <ScheduleDrawer
        detail={detail}
        hearing={editing}
        open={formOpen}
        onClose={() => setFormOpen(false)}
        onSaved={(h) => {
          setFormOpen(false);
          select({ hearing: h.id, htab: 'info' });
        }}
      />
    </div>
  );
}
