import { DeleteOutlined, FileAddOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, DatePicker, Empty, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/contract/cases';
import { DRAFT_KINDS, type DraftKind, type DraftOptions, type DraftSummary, type KindInfo } from '../../../../shared/contract/drafting';
import { ErrorAlert, errorText } from '../../ui/errors';
import { formatDateTime, testId } from '../../ui/format';
import { useCreateDraft, useDraftKinds, useDraftList, useRemoveDraft } from './hooks';

/** The kind's name as the judge knows it (the two judgments and three rulings share a document name). */
export function kindLabel(t: TFunction, kind: string): string {
  return (DRAFT_KINDS as readonly string[]).includes(kind) ? t(`drafting.kinds.${kind}`) : kind;
}

const GROUPS: readonly KindInfo['group'][] = ['judgment', 'mediation', 'ruling', 'notice'];

interface CreateForm {
  kind?: DraftKind;
  documentDate?: Dayjs;
  hearingDate?: Dayjs;
  hearingTime?: string;
  hearingPlace?: string;
  recipientId?: string;
  capacity?: string;
  publicHearing?: boolean;
}

function NewDraftModal({
  detail,
  open,
  onClose,
  onCreated,
}: {
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
  onCreated: (draftId: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const kinds = useDraftKinds();
  const create = useCreateDraft();
  const [form] = Form.useForm<CreateForm>();
  const kind = Form.useWatch('kind', form);
  const info = kinds.data?.items.find((k) => k.kind === kind) ?? null;
  const wants = (o: string) => info?.options.includes(o) ?? false;
  const procedure = detail.procedure;
  // A template written for another procedure (an ordinary-procedure judgment in a simplified case)
  // stays selectable, since the case record may be what is wrong, but goes last and says so.
  const fits = useCallback((k: KindInfo) => k.procedures === null || procedure === null || k.procedures.includes(procedure), [procedure]);

  const kindOptions = useMemo(
    () =>
      GROUPS.map((g) => ({
        label: t(`drafting.groups.${g}`),
        options: (kinds.data?.items ?? [])
          .filter((k) => k.group === g)
          .sort((a, b) => Number(fits(b)) - Number(fits(a)))
          .map((k) => ({
            value: k.kind,
            label: fits(k) ? kindLabel(t, k.kind) : t('drafting.create.otherProcedure', { name: kindLabel(t, k.kind) }),
            'data-testid': `kind-option-${k.kind}`,
          })),
      })).filter((g) => g.options.length > 0),
    [kinds.data, t, fits],
  );

  const recipients = useMemo(() => {
    const out: { value: string; label: string }[] = [];
    for (const p of detail.parties) {
      out.push({ value: p.id, label: `${t(`enums.role.${p.role}`)}\u3000${p.name}` });
      for (const a of p.agents) out.push({ value: a.id, label: `${a.name}（${t('drafting.create.agentOf', { party: p.name })}）` });
    }
    return out;
  }, [detail.parties, t]);

  const submit = async (v: CreateForm) => {
    if (!v.kind) return;
    const options: DraftOptions = {};
    if (wants('hearingDate') && v.hearingDate) options.hearingDate = v.hearingDate.format('YYYY-MM-DD');
    if (wants('hearingTime') && v.hearingTime?.trim()) options.hearingTime = v.hearingTime.trim();
    if (wants('hearingPlace') && v.hearingPlace?.trim()) options.hearingPlace = v.hearingPlace.trim();
    if (wants('recipientId') && v.recipientId) options.recipientId = v.recipientId;
    if (wants('capacity') && v.capacity?.trim()) options.capacity = v.capacity.trim();
    if (wants('publicHearing') && v.publicHearing === false) options.publicHearing = false;
    try {
      const d = await create.mutateAsync({
        caseId: detail.id,
        kind: v.kind,
        documentDate: v.documentDate ? v.documentDate.format('YYYY-MM-DD') : undefined,
        options,
      });
      void message.success(t('drafting.create.created', { name: kindLabel(t, d.kind) }));
      form.resetFields();
      onCreated(d.id);
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  return (
    <Modal
      open={open}
      title={t('drafting.create.title')}
      onCancel={onClose}
      okText={t('drafting.create.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ ...testId('draft-create-submit'), loading: create.isPending, disabled: !kind }}
      onOk={() => form.submit()}
      destroyOnHidden
      width={560}
    >
      {kinds.isError && <ErrorAlert error={kinds.error} onRetry={() => void kinds.refetch()} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ documentDate: dayjs(), publicHearing: true }}
        data-testid="draft-create-form"
      >
        <Form.Item name="kind" label={t('drafting.create.kind')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select
            placeholder={t('drafting.create.kindPlaceholder')}
            options={kindOptions}
            loading={kinds.isPending}
            data-testid="draft-create-kind"
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        {info && (
          <Typography.Paragraph type="secondary" style={{ marginTop: -12, fontSize: 12 }} data-testid="draft-create-description">
            {info.description}
            {'　'}
            {t('drafting.create.sections', { count: info.sections.length })}
          </Typography.Paragraph>
        )}
        {info && procedure !== null && !fits(info) && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('drafting.create.procedureMismatch', { procedure: t(`enums.procedure.${procedure}`) })}
            data-testid="draft-create-procedure-mismatch"
          />
        )}
        <Form.Item name="documentDate" label={t('drafting.create.documentDate')} extra={t('drafting.create.documentDateHelp')}>
          <DatePicker allowClear={false} style={{ width: '100%' }} data-testid="draft-create-date" />
        </Form.Item>
        {info && info.options.length > 0 && (
          <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
            {t('drafting.create.options')}
          </Typography.Text>
        )}
        {(wants('hearingDate') || wants('hearingTime')) && (
          <Space.Compact style={{ display: 'flex', gap: 12 }}>
            {wants('hearingDate') && (
              <Form.Item name="hearingDate" label={t('drafting.create.hearingDate')} style={{ flex: 1 }}>
                <DatePicker style={{ width: '100%' }} data-testid="draft-create-hearingDate" />
              </Form.Item>
            )}
            {wants('hearingTime') && (
              <Form.Item
                name="hearingTime"
                label={t('drafting.create.hearingTime')}
                style={{ flex: 1 }}
                rules={[{ pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('drafting.create.hearingTimeInvalid') }]}
              >
                <Input placeholder={t('drafting.create.hearingTimeHelp')} maxLength={5} data-testid="draft-create-hearingTime" />
              </Form.Item>
            )}
          </Space.Compact>
        )}
        {wants('hearingPlace') && (
          <Form.Item name="hearingPlace" label={t('drafting.create.hearingPlace')}>
            <Input placeholder={t('drafting.create.hearingPlacePlaceholder')} maxLength={100} data-testid="draft-create-hearingPlace" />
          </Form.Item>
        )}
        {wants('recipientId') && (
          <Form.Item name="recipientId" label={t('drafting.create.recipientId')}>
            <Select allowClear placeholder={t('drafting.create.recipientDefault')} options={recipients} data-testid="draft-create-recipient" />
          </Form.Item>
        )}
        {wants('capacity') && (
          <Form.Item name="capacity" label={t('drafting.create.capacity')}>
            <Input placeholder={t('drafting.create.capacityPlaceholder')} maxLength={40} data-testid="draft-create-capacity" />
          </Form.Item>
        )}
        {wants('publicHearing') && (
          <Form.Item name="publicHearing" label={t('drafting.create.publicHearing')} valuePropName="checked">
            <Switch data-testid="draft-create-public" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function DraftList({ detail, onOpen }: { detail: CaseDetail; onOpen: (draftId: string) => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const list = useDraftList(detail.id);
  const remove = useRemoveDraft(detail.id);
  const [creating, setCreating] = useState(false);
  const archived = detail.status === 'archived';

  const onRemove = async (id: string) => {
    try {
      await remove.mutateAsync(id);
      void message.success(t('drafting.list.removed'));
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  return (
    <div data-testid="draft-list">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 12 }}>
        <Typography.Text strong>{t('drafting.list.title')}</Typography.Text>
        <Button type="primary" icon={<FileAddOutlined />} onClick={() => setCreating(true)} disabled={archived} data-testid="draft-new">
          {t('drafting.list.new')}
        </Button>
      </div>
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.items.length === 0 ? (
        <Empty description={t('drafting.list.empty')} data-testid="draft-list-empty" />
      ) : (
        <Table<DraftSummary>
          size="middle"
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={false}
          onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' }, 'data-testid': `draft-row-${r.kind}` } as HTMLAttributes<HTMLElement>)}
          columns={[
            {
              key: 'kind',
              title: t('drafting.list.kind'),
              render: (_, r) => (
                <Space size={6}>
                  <Typography.Text strong>{kindLabel(t, r.kind)}</Typography.Text>
                </Space>
              ),
            },
            { key: 'date', title: t('drafting.list.date'), dataIndex: 'documentDate', width: 130 },
            {
              key: 'needs',
              title: t('drafting.list.needsInput'),
              width: 170,
              render: (_, r) =>
                r.needsInput > 0 ? (
                  <Tag color="gold">{t('drafting.list.needsInputCount', { count: r.needsInput })}</Tag>
                ) : (
                  <Tag color="green">{t('drafting.list.complete')}</Tag>
                ),
            },
            { key: 'version', title: t('drafting.list.version'), dataIndex: 'version', width: 80 },
            {
              key: 'updated',
              title: t('drafting.list.updated'),
              width: 220,
              render: (_, r) => (
                <Typography.Text type="secondary">
                  {formatDateTime(r.updatedAt)} · {r.updatedBy}
                </Typography.Text>
              ),
            },
            {
              key: 'actions',
              title: '',
              width: 150,
              render: (_, r) => (
                <Space size={4} onClick={(e) => e.stopPropagation()}>
                  <Button size="small" onClick={() => onOpen(r.id)} data-testid={`draft-open-${r.id}`}>
                    {t('drafting.list.open')}
                  </Button>
                  <Popconfirm
                    title={t('drafting.list.removeConfirm')}
                    okText={t('common.ok')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => onRemove(r.id)}
                    okButtonProps={testId(`draft-remove-confirm-${r.id}`)}
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} disabled={archived} aria-label={t('drafting.list.remove')} />
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      )}
      <NewDraftModal
        detail={detail}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          onOpen(id);
        }}
      />
    </div>
  );
}
