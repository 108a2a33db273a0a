import { DeleteOutlined, EditOutlined, FieldTimeOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, DatePicker, Empty, Form, Input, Modal, Popconfirm, Radio, Segmented, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../../shared/contract/review';
import { ErrorAlert, errorCode, errorText } from '../../ui/errors';
import { formatDateTime, testId } from '../../ui/format';
import { reviewKeys, useReviewMutation, useTimeline } from './hooks';
import { SourceLink, useOpenReader } from './reader';

type Precision = TimelineEvent['precision'];

/** 2025-01-10 → 2025年1月10日 (or January 2025 style in English). */
export function formatEventDate(date: string, precision: Precision, language: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (language === 'en') return precision === 'month' ? dayjs(date).format('MMM YYYY') : dayjs(date).format('D MMM YYYY');
  return precision === 'month' ? `${y}年${m}月` : `${y}年${m}月${d}日`;
}

interface EventForm {
  date: Dayjs;
  precision: Precision;
  text: string;
}

function EventModal({ caseId, editing, onClose }: { caseId: string; editing: TimelineEvent | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<EventForm>();
  const add = useReviewMutation('review.timeline.add');
  const update = useReviewMutation('review.timeline.update');
  const precision = Form.useWatch('precision', form) ?? 'day';
  const ev = editing === 'new' ? null : editing;

  const submit = async (v: EventForm) => {
    const date = (v.precision === 'month' ? v.date.startOf('month') : v.date).format('YYYY-MM-DD');
    try {
      if (ev) await update.mutateAsync({ id: ev.id, version: ev.version, date, precision: v.precision, text: v.text.trim() });
      else await add.mutateAsync({ caseId, date, precision: v.precision, text: v.text.trim() });
      void message.success(t('review.timeline.saved'));
      onClose();
    } catch (err) {
      if (errorCode(err) === 'CONFLICT') {
        void message.error(t('review.timeline.conflict'));
        onClose();
      } else void message.error(errorText(t, err));
    }
  };

  return (
    <Modal
      open={editing !== null}
      title={ev ? t('review.timeline.edit') : t('review.timeline.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending || update.isPending}
      destroyOnHidden
      okButtonProps={testId('timeline-form-save')}
    >
      <Form<EventForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={ev ? { date: dayjs(ev.date), precision: ev.precision, text: ev.text } : { precision: 'day', text: '' }}
        onFinish={(v) => void submit(v)}
        data-testid="timeline-form"
      >
        <Space align="start" wrap>
          <Form.Item name="precision" label={t('review.timeline.precision')}>
            <Radio.Group optionType="button" options={(['day', 'month'] as const).map((p) => ({ value: p, label: t(`review.timeline.precisions.${p}`) }))} />
          </Form.Item>
          <Form.Item name="date" label={t('review.timeline.date')} rules={[{ required: true, message: t('review.timeline.dateRequired') }]}>
            <DatePicker picker={precision === 'month' ? 'month' : 'date'} data-testid="timeline-form-date" />
          </Form.Item>
        </Space>
        <Form.Item name="text" label={t('review.timeline.text')} rules={[{ required: true, whitespace: true, message: t('review.timeline.textRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} data-testid="timeline-form-text" />
        </Form.Item>
        {ev?.source && (
          <Typography.Text type="secondary">
            {t('review.timeline.source')}：{ev.source.documentTitle}
          </Typography.Text>
        )}
      </Form>
    </Modal>
  );
}

export function TimelinePanel({ caseId, readOnly }: { caseId: string; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const open = useOpenReader();
  const query = useTimeline(caseId);
  const build = useReviewMutation('review.timeline.build');
  const remove = useReviewMutation('review.timeline.delete');
  const [editing, setEditing] = useState<TimelineEvent | 'new' | null>(null);
  const [order, setOrder] = useState<'asc' | 'desc'>('asc');

  const events = useMemo(() => {
    const list = query.data?.events ?? [];
    // The backend sorts by date then document order; newest-first just reverses that.
    return order === 'asc' ? list : [...list].reverse();
  }, [query.data, order]);

  const runBuild = async () => {
    try {
      const r = await build.mutateAsync({ caseId });
      qc.setQueryData(reviewKeys.timeline(caseId), r);
      void message.success(t('review.timeline.built', { count: r.events.length }));
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  const columns: TableColumnsType<TimelineEvent> = [
    {
      key: 'date',
      title: t('review.timeline.date'),
      width: 150,
      render: (_v, e) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong data-testid="timeline-date">
            {formatEventDate(e.date, e.precision, i18n.language)}
          </Typography.Text>
          {e.precision === 'month' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('review.timeline.precision')}：{t('review.timeline.precisions.month')}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { key: 'text', title: t('review.timeline.text'), render: (_v, e) => <span data-testid="timeline-text">{e.text}</span> },
    {
      key: 'dateText',
      title: t('review.timeline.dateText'),
      width: 220,
      render: (_v, e) =>
        e.dateText ? (
          <Space size={4} wrap>
            <span data-testid="timeline-datetext">{e.dateText}</span>
            {e.relative && (
              <Tooltip title={t('review.timeline.relativeHint')}>
                <Tag color="orange">{t('review.timeline.relative')}</Tag>
              </Tooltip>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ),
    },
    {
      key: 'source',
      title: t('review.timeline.source'),
      width: 200,
      render: (_v, e) =>
        e.source ? (
          <SourceLink source={e.source} block={e.eventSpan} testId="timeline-source" />
        ) : (
          <Typography.Text type="secondary">{t('review.timeline.noSource')}</Typography.Text>
        ),
    },
    {
      key: 'origin',
      title: t('review.timeline.origin'),
      width: 100,
      render: (_v, e) => <Tag color={e.origin === 'clerk' ? 'blue' : 'default'}>{t(`review.timeline.origins.${e.origin}`)}</Tag>,
    },
  ];
  if (!readOnly) {
    columns.push({
      key: 'actions',
      title: t('review.timeline.actions'),
      width: 100,
      render: (_v, e) => (
        <Space size={4}>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(e)} aria-label={t('common.edit')} data-testid="timeline-edit" />
          <Popconfirm
            title={t('review.timeline.deleteConfirm')}
            okText={t('common.remove')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, ...testId('timeline-delete-confirm') }}
            onConfirm={async () => {
              try {
                await remove.mutateAsync({ id: e.id, version: e.version });
                void message.success(t('review.timeline.deleted'));
              } catch (err) {
                void message.error(errorCode(err) === 'CONFLICT' ? t('review.timeline.conflict') : errorText(t, err));
              }
            }}
          >
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} data-testid="timeline-delete" />
          </Popconfirm>
        </Space>
      ),
    });
  }

  if (query.isPending) return <Skeleton active />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const tl = query.data;

  return (
    <div data-testid="timeline">
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap', marginBottom: 12 }}>
        <Space wrap>
          <Typography.Text type="secondary" data-testid="timeline-built-at">
            {tl.builtAt ? t('review.timeline.builtAt', { at: formatDateTime(tl.builtAt) }) : t('review.timeline.neverBuilt')}
          </Typography.Text>
        </Space>
        <Space wrap>
          <Segmented
            value={order}
            onChange={(v) => setOrder(v)}
            options={[
              { value: 'asc' as const, label: t('review.timeline.ascending') },
              { value: 'desc' as const, label: t('review.timeline.descending') },
            ]}
            data-testid="timeline-order"
          />
          {!readOnly && (
            <>
              <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="timeline-add">
                {t('review.timeline.add')}
              </Button>
              <Button type="primary" icon={<FieldTimeOutlined />} loading={build.isPending} onClick={() => void runBuild()} data-testid="timeline-build">
                {tl.builtAt ? t('review.timeline.rebuild') : t('review.timeline.build')}
              </Button>
            </>
          )}
        </Space>
      </div>
      {tl.problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          icon={<WarningOutlined />}
          style={{ marginBottom: 12 }}
          title={t('review.timeline.problems', { count: tl.problems.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {tl.problems.slice(0, 50).map((p, i) => (
                <li key={i}>
                  <Typography.Link
                    onClick={() => open({ documentId: p.documentId, title: p.documentTitle, span: { start: p.start, end: p.end }, quote: p.raw })}
                    data-testid="timeline-problem"
                  >
                    {t('review.timeline.problemAt', { doc: p.documentTitle, raw: p.raw, message: p.message })}
                  </Typography.Link>
                </li>
              ))}
            </ul>
          }
          data-testid="timeline-problems"
        />
      )}
      {tl.truncatedDocuments.length > 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('review.timeline.truncated', { count: tl.truncatedDocuments.length })} />
      )}
      <Table<TimelineEvent>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={events}
        pagination={events.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
        scroll={{ x: 900 }}
        onRow={(e) => testId(`timeline-row-${e.origin}`)}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.timeline.empty')} /> }}
        data-testid="timeline-table"
      />
      <EventModal caseId={caseId} editing={editing} onClose={() => setEditing(null)} />
    </div>
  );
}
