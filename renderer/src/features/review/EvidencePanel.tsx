import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, DownloadOutlined, EditOutlined, FileSearchOutlined, FileWordOutlined, ImportOutlined, MinusCircleOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Divider, Drawer, Empty, Form, Input, List, Modal, Popconfirm, Radio, Select, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentMeta, Party } from '../../../../shared/contract/cases';
import type { EvidenceItem, EvidenceItemInput, Opinion } from '../../../../shared/contract/review';
import { useApi } from '../../api/context';
import { useDocumentText } from '../../api/hooks';
import { NotesAlert } from '../../ui/NotesAlert';
import { ErrorAlert, applyIssuesToForm, errorCode, errorText } from '../../ui/errors';
import { testId } from '../../ui/format';
import { textToBase64, useSaveFile } from '../../ui/saveFile';
import { docTitle } from './CaseFilePanel';
import { safeFilename, toCsv } from './csv';
import { reviewKeys, useCaseFile, useEvidence, useReviewMutation } from './hooks';
import { useOpenReader } from './reader';
import { useLang } from '../intake/format';

const OPINIONS: readonly Opinion[] = ['admit', 'dispute', 'no-opinion'];
const ASPECTS = ['authenticity', 'legality', 'relevance'] as const;
const FINDINGS = ['pending', 'admitted', 'not-admitted', 'partly-admitted'] as const;
type Finding = (typeof FINDINGS)[number];
const OPINION_COLOR: Readonly<Record<Opinion, string>> = { admit: 'green', dispute: 'red', 'no-opinion': 'default' };
const FINDING_COLOR: Readonly<Record<Finding, string>> = { pending: 'default', admitted: 'green', 'not-admitted': 'red', 'partly-admitted': 'gold' };
/** The Select cannot hold null: this stands for "no submitting party" (e.g. collected by the court). */
const NOBODY = '__court__';

interface OpinionValues {
  partyId: string;
  authenticity: Opinion;
  legality: Opinion;
  relevance: Opinion;
  note: string;
}

export interface EvidenceFormValues {
  submittedBy: string;
  name: string;
  source: string;
  purpose: string;
  pageRefs: string;
  documentId: string | undefined;
  crossExam: OpinionValues[];
  findingResult: Finding;
  findingReason: string;
}

function valuesOf(item: EvidenceItem | null): EvidenceFormValues {
  return {
    submittedBy: item?.submittedBy ?? NOBODY,
    name: item?.name ?? '',
    source: item?.source ?? '',
    purpose: item?.purpose ?? '',
    pageRefs: item?.pageRefs ?? '',
    documentId: item?.documentId ?? undefined,
    crossExam: (item?.crossExam ?? []).map((o) => ({ partyId: o.partyId, authenticity: o.authenticity, legality: o.legality, relevance: o.relevance, note: o.note })),
    findingResult: item?.finding.result ?? 'pending',
    findingReason: item?.finding.reason ?? '',
  };
}

function inputOf(v: EvidenceFormValues, parties: readonly Party[], item: EvidenceItem | null): EvidenceItemInput {
  const nameOf = (id: string) => parties.find((p) => p.id === id)?.name ?? item?.crossExam.find((o) => o.partyId === id)?.partyName ?? '';
  return {
    submittedBy: v.submittedBy === NOBODY ? null : v.submittedBy,
    name: v.name.trim(),
    source: v.source.trim(),
    purpose: v.purpose.trim(),
    pageRefs: v.pageRefs.trim(),
    documentId: v.documentId ?? null,
    crossExam: (v.crossExam ?? []).map((o) => ({ ...o, partyName: nameOf(o.partyId), note: (o.note ?? '').trim() })),
    finding: { result: v.findingResult, reason: v.findingReason.trim() },
  };
}

/** Cross-examination opinions as compact tags: 被告李清河：真实性 认可 · 合法性 认可 · 关联性 有异议. */
function CrossExamCell({ item }: { item: EvidenceItem }) {
  const { t } = useTranslation();
  if (item.crossExam.length === 0) return <Typography.Text type="secondary">{t('review.evidence.noOpinion')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={4}>
      {item.crossExam.map((o) => (
        <div key={o.partyId} data-testid="evidence-opinion">
          <Typography.Text strong style={{ fontSize: 13 }}>
            {o.partyName}
          </Typography.Text>
          <div>
            {ASPECTS.map((a) => (
              <Tag key={a} color={OPINION_COLOR[o[a]]} style={{ marginInlineEnd: 4, marginBottom: 2 }}>
                {t(`review.evidence.${a}`)} {t(`review.evidence.opinions.${o[a]}`)}
              </Tag>
            ))}
          </div>
          {o.note && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.note}
            </Typography.Text>
          )}
        </div>
      ))}
    </Space>
  );
}

/** The add/edit form, with one cross-examination block per other party. */
export function EvidenceDrawer({
  caseId,
  open,
  item,
  parties,
  documents,
  onClose,
}: {
  caseId: string;
  open: boolean;
  item: EvidenceItem | null;
  parties: readonly Party[];
  documents: readonly DocumentMeta[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<EvidenceFormValues>();
  const create = useReviewMutation('review.evidence.create');
  const update = useReviewMutation('review.evidence.update');
  const submitter = Form.useWatch('submittedBy', form) ?? item?.submittedBy ?? NOBODY;
  const opinions = Form.useWatch('crossExam', form);
  const others = parties.filter((p) => p.id !== submitter);
  // Parties no longer in the case but named by a stored opinion stay choosable, so editing keeps them.
  const partyOptions = [
    ...others.map((p) => ({ value: p.id, label: `${t(`enums.role.${p.role}`)} ${p.name}` })),
    ...(item?.crossExam ?? []).filter((o) => !parties.some((p) => p.id === o.partyId)).map((o) => ({ value: o.partyId, label: o.partyName })),
  ];

  const submit = async (v: EvidenceFormValues) => {
    const body = inputOf(v, parties, item);
    try {
      if (item) await update.mutateAsync({ id: item.id, version: item.version, item: body });
      else await create.mutateAsync({ caseId, item: body });
      void message.success(t('review.evidence.saved'));
      onClose();
    } catch (err) {
      if (errorCode(err) === 'CONFLICT') {
        void message.error(t('review.evidence.conflict'));
        onClose();
        return;
      }
      const { unmapped } = applyIssuesToForm(t, lang, form, err, (path) => {
        if (path[0] !== 'item') return null;
        const [, field, index, sub] = path;
        if (field === 'crossExam' && typeof index === 'number') return ['crossExam', index, typeof sub === 'string' ? sub : 'partyId'];
        if (field === 'finding') return ['findingReason'];
        return typeof field === 'string' ? [field] : null;
      });
      if (unmapped.length > 0 || errorCode(err) !== 'BAD_INPUT') void message.error(errorText(t, err));
    }
  };

  const addAll = () => {
    const have = new Set((opinions ?? []).map((o) => o.partyId));
    const add = others.filter((p) => !have.has(p.id)).map((p) => ({ partyId: p.id, authenticity: 'admit' as const, legality: 'admit' as const, relevance: 'admit' as const, note: '' }));
    form.setFieldValue('crossExam', [...(opinions ?? []), ...add]);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={640}
      title={item ? `${t('review.evidence.edit')} · ${item.seq}. ${item.name}` : t('review.evidence.add')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()} data-testid="evidence-form-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<EvidenceFormValues> form={form} layout="vertical" initialValues={valuesOf(item)} onFinish={(v) => void submit(v)} preserve={false} data-testid="evidence-form">
        <Form.Item name="submittedBy" label={t('review.evidence.submittedBy')}>
          <Select
            options={[
              ...parties.map((p) => ({ value: p.id, label: `${t(`enums.role.${p.role}`)} ${p.name}` })),
              ...(item?.submitterMissing && item.submittedBy ? [{ value: item.submittedBy, label: `${item.submittedByName}（${t('review.evidence.submitterMissing')}）` }] : []),
              { value: NOBODY, label: t('review.evidence.court') },
            ]}
            data-testid="evidence-form-submittedBy"
          />
        </Form.Item>
        <Form.Item name="name" label={t('review.evidence.name')} rules={[{ required: true, whitespace: true, message: t('review.evidence.nameRequired') }]}>
          <Input maxLength={500} data-testid="evidence-form-name" />
        </Form.Item>
        <Space.Compact block style={{ gap: 12 }}>
          <Form.Item name="source" label={t('review.evidence.source')} style={{ flex: 2 }}>
            <Input maxLength={500} data-testid="evidence-form-source" />
          </Form.Item>
          <Form.Item name="pageRefs" label={t('review.evidence.pageRefs')} style={{ flex: 1 }}>
            <Input maxLength={100} placeholder="1-3" data-testid="evidence-form-pageRefs" />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="purpose" label={t('review.evidence.purpose')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="evidence-form-purpose" />
        </Form.Item>
        <Form.Item name="documentId" label={t('review.evidence.document')}>
          <Select allowClear options={documents.map((d) => ({ value: d.id, label: d.title || d.filename }))} data-testid="evidence-form-document" />
        </Form.Item>

        <Divider titlePlacement="start" style={{ marginTop: 8 }}>
          {t('review.evidence.crossExam')}
        </Divider>
        <Form.List name="crossExam">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  style={{ marginBottom: 10, background: '#fafafa' }}
                  data-testid={`opinion-${i}`}
                  title={
                    <Form.Item name={[f.name, 'partyId']} rules={[{ required: true, message: t('review.evidence.partyRequired') }]} style={{ margin: 0 }}>
                      <Select options={partyOptions} placeholder={t('review.evidence.opinionParty')} style={{ minWidth: 220 }} data-testid={`opinion-${i}-party`} />
                    </Form.Item>
                  }
                  extra={
                    <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} data-testid={`opinion-${i}-remove`}>
                      {t('review.evidence.removeOpinion')}
                    </Button>
                  }
                >
                  {ASPECTS.map((a) => (
                    <Form.Item key={a} name={[f.name, a]} label={t(`review.evidence.${a}`)} style={{ marginBottom: 6 }} labelCol={{ span: 5 }} layout="horizontal">
                      <Radio.Group
                        size="small"
                        optionType="button"
                        buttonStyle="solid"
                        options={OPINIONS.map((o) => ({ value: o, label: <span data-testid={`opinion-${i}-${a}-${o}`}>{t(`review.evidence.opinions.${o}`)}</span> }))}
                      />
                    </Form.Item>
                  ))}
                  <Form.Item name={[f.name, 'note']} style={{ margin: 0 }}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} placeholder={t('review.evidence.opinionNote')} data-testid={`opinion-${i}-note`} />
                  </Form.Item>
                </Card>
              ))}
              <Space wrap>
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => {
                    const have = new Set((opinions ?? []).map((o) => o.partyId));
                    const next = others.find((p) => !have.has(p.id));
                    add({ partyId: next?.id, authenticity: 'admit', legality: 'admit', relevance: 'admit', note: '' });
                  }}
                  data-testid="opinion-add"
                >
                  {t('review.evidence.addOpinion')}
                </Button>
                <Button icon={<TeamOutlined />} onClick={addAll} disabled={others.length === 0} data-testid="opinion-add-all">
                  {t('review.evidence.addAllOpinions')}
                </Button>
              </Space>
            </>
          )}
        </Form.List>

        <Divider titlePlacement="start">{t('review.evidence.finding')}</Divider>
        <Form.Item name="findingResult">
          <Radio.Group optionType="button" options={FINDINGS.map((f) => ({ value: f, label: <span data-testid={`evidence-form-finding-${f}`}>{t(`review.evidence.findings.${f}`)}</span> }))} />
        </Form.Item>
        <Form.Item name="findingReason" label={t('review.evidence.findingReason')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="evidence-form-findingReason" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

function ImportedLine({ documentId, item }: { documentId: string; item: EvidenceItem }) {
  const text = useDocumentText(documentId);
  const span = item.origin?.span;
  const original = span && text.data ? text.data.text.slice(span.start, span.end) : '';
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'pre-wrap' }} data-testid="import-original">
      {original}
    </Typography.Text>
  );
}

function ImportModal({ caseId, open, parties, onClose }: { caseId: string; open: boolean; parties: readonly Party[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const openReader = useOpenReader();
  const file = useCaseFile(caseId);
  const run = useReviewMutation('review.evidence.import');
  const lists = (file.data?.items ?? []).filter((e) => e.category === 'evidence_list');
  const [docId, setDocId] = useState<string | undefined>(undefined);
  const [submitter, setSubmitter] = useState<string>('auto');
  const chosen = docId ?? lists[0]?.document.id;
  const chosenTitle = lists.find((e) => e.document.id === chosen);

  const close = () => {
    run.reset();
    onClose();
  };

  const go = async () => {
    if (!chosen) return;
    try {
      const r = await run.mutateAsync({
        caseId,
        documentId: chosen,
        ...(submitter === 'auto' ? {} : { submittedBy: submitter === NOBODY ? null : submitter }),
      });
      void message.success(r.created.length ? t('review.evidence.importDone', { count: r.created.length }) : t('review.evidence.importNone'));
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  const result = run.data;
  return (
    <Modal
      open={open}
      title={t('review.evidence.importTitle')}
      onCancel={close}
      width={720}
      destroyOnHidden
      footer={
        result ? (
          <Button type="primary" onClick={close} data-testid="import-close">
            {t('common.close')}
          </Button>
        ) : (
          <Space>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" disabled={!chosen} loading={run.isPending} onClick={() => void go()} data-testid="import-run">
              {t('review.evidence.importRun')}
            </Button>
          </Space>
        )
      }
    >
      {lists.length === 0 ? (
        <Alert type="info" showIcon title={t('review.evidence.importNoDoc')} data-testid="import-no-doc" />
      ) : !result ? (
        <Form layout="vertical">
          <Form.Item label={t('review.evidence.importDoc')}>
            <Select value={chosen} onChange={setDocId} options={lists.map((e) => ({ value: e.document.id, label: docTitle(e) }))} data-testid="import-doc" />
          </Form.Item>
          <Form.Item label={t('review.evidence.importSubmitter')}>
            <Select
              value={submitter}
              onChange={setSubmitter}
              options={[
                { value: 'auto', label: t('review.evidence.importAuto') },
                ...parties.map((p) => ({ value: p.id, label: `${t(`enums.role.${p.role}`)} ${p.name}` })),
                { value: NOBODY, label: t('review.evidence.court') },
              ]}
              data-testid="import-submitter"
            />
          </Form.Item>
        </Form>
      ) : (
        <div data-testid="import-result">
          <NotesAlert title={t('review.evidence.importNotes')} notes={result.notes} />
          <List
            size="small"
            bordered
            dataSource={result.created}
            locale={{ emptyText: t('review.evidence.importNone') }}
            renderItem={(it) => (
              <List.Item
                actions={[
                  <Button
                    key="src"
                    size="small"
                    type="link"
                    icon={<FileSearchOutlined />}
                    onClick={() =>
                      it.origin &&
                      openReader({
                        documentId: it.origin.documentId,
                        title: chosenTitle ? docTitle(chosenTitle) : '',
                        span: it.origin.nameSpan ?? it.origin.span,
                        block: it.origin.span,
                      })
                    }
                  >
                    {t('review.evidence.origin')}
                  </Button>,
                ]}
                data-testid="import-item"
              >
                <div style={{ minWidth: 0 }}>
                  <Typography.Text strong>
                    {it.seq}. {it.name}
                  </Typography.Text>
                  {it.purpose && <div style={{ fontSize: 13 }}>{it.purpose}</div>}
                  {chosen && (
                    <div>
                      {t('review.evidence.importOriginal')}
                      <ImportedLine documentId={it.origin?.documentId ?? chosen} item={it} />
                    </div>
                  )}
                </div>
              </List.Item>
            )}
          />
        </div>
      )}
    </Modal>
  );
}

export function EvidencePanel({ caseId, parties, documents, readOnly }: { caseId: string; parties: readonly Party[]; documents: readonly DocumentMeta[]; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const api = useApi();
  const saveFile = useSaveFile();
  const qc = useQueryClient();
  const openReader = useOpenReader();
  const query = useEvidence(caseId);
  const remove = useReviewMutation('review.evidence.delete');
  const reorder = useReviewMutation('review.evidence.reorder');
  const [editing, setEditing] = useState<EvidenceItem | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [exportingDocx, setExportingDocx] = useState(false);
  const items = useMemo(() => query.data?.items ?? [], [query.data]);
  const titleOf = (id: string) => {
    const d = documents.find((x) => x.id === id);
    return d ? d.title || d.filename : '';
  };

  const move = async (index: number, delta: number) => {
    const ids = items.map((e) => e.id);
    const j = index + delta;
    if (j < 0 || j >= ids.length) return;
    [ids[index], ids[j]] = [ids[j]!, ids[index]!];
    try {
      const r = await reorder.mutateAsync({ caseId, ids });
      qc.setQueryData(reviewKeys.evidence(caseId), r);
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  const exportCsv = async () => {
    setExporting(true);
    try {
      const table = await api['review.evidence.table']({ caseId });
      const en = i18n.language === 'en';
      const header = table.columns.map((c) => (en ? c.en : c.zh));
      const rows = table.rows.map((r) => table.columns.map((c) => {
        const v = (r as Record<string, string | number>)[c.key];
        return v ?? '';
      }));
      const name = safeFilename(`${en ? 'evidence' : '证据目录'}-${table.caseNumber || caseId}.csv`);
      const file = { filename: name, mime: 'text/csv;charset=utf-8', contentBase64: textToBase64(toCsv(header, rows)) };
      await saveFile(file, (saved) => t('review.evidence.exported', { name: saved }));
    } catch (err) {
      void message.error(errorText(t, err));
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<EvidenceItem> = [
    { key: 'seq', title: t('review.evidence.seq'), dataIndex: 'seq', width: 56, align: 'center' },
    {
      key: 'submittedBy',
      title: t('review.evidence.submittedBy'),
      width: 100,
      render: (_v, e) =>
        e.submittedBy === null ? (
          <Typography.Text type="secondary">{t('review.evidence.court')}</Typography.Text>
        ) : (
          <Space orientation="vertical" size={0}>
            {e.submittedByRole && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`enums.role.${e.submittedByRole}`)}</Typography.Text>}
            <span>{e.submittedByName}</span>
            {e.submitterMissing && <Tag color="warning">{t('review.evidence.submitterMissing')}</Tag>}
          </Space>
        ),
    },
    {
      key: 'name',
      title: t('review.evidence.name'),
      width: 170,
      render: (_v, e) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong data-testid="evidence-name">
            {e.name}
          </Typography.Text>
          {e.origin && (
            <Tooltip title={t('review.evidence.originHint', { name: titleOf(e.origin.documentId) })}>
              <Button
                type="link"
                size="small"
                icon={<FileSearchOutlined />}
                style={{ paddingInline: 0, height: 'auto' }}
                onClick={() =>
                  e.origin &&
                  openReader({ documentId: e.origin.documentId, title: titleOf(e.origin.documentId), span: e.origin.nameSpan ?? e.origin.span, block: e.origin.span })
                }
                data-testid="evidence-origin"
              >
                {t('review.evidence.origin')}
              </Button>
            </Tooltip>
          )}
          {e.documentId && (
            <Typography.Link onClick={() => e.documentId && openReader({ documentId: e.documentId, title: titleOf(e.documentId) })} style={{ fontSize: 12 }}>
              {titleOf(e.documentId)}
            </Typography.Link>
          )}
        </Space>
      ),
    },
    { key: 'source', title: t('review.evidence.source'), dataIndex: 'source', width: 110 },
    { key: 'purpose', title: t('review.evidence.purpose'), dataIndex: 'purpose' },
    { key: 'pageRefs', title: t('review.evidence.pageRefs'), dataIndex: 'pageRefs', width: 64 },
    { key: 'crossExam', title: t('review.evidence.crossExam'), width: 240, render: (_v, e) => <CrossExamCell item={e} /> },
    {
      key: 'finding',
      title: t('review.evidence.finding'),
      width: 110,
      render: (_v, e) => (
        <Space orientation="vertical" size={0}>
          <Tag color={FINDING_COLOR[e.finding.result]} data-testid="evidence-finding">
            {t(`review.evidence.findings.${e.finding.result}`)}
          </Tag>
          {e.finding.reason && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.finding.reason}</Typography.Text>}
        </Space>
      ),
    },
  ];
  if (!readOnly) {
    columns.push({
      key: 'actions',
      title: t('review.evidence.actions'),
      width: 130,
      fixed: 'right',
      render: (_v, e, index) => (
        <Space size={4} wrap>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(e)} aria-label={t('common.edit')} data-testid="evidence-edit" />
          <Button size="small" icon={<ArrowUpOutlined />} disabled={index === 0 || reorder.isPending} onClick={() => void move(index, -1)} aria-label={t('review.file.up')} data-testid="evidence-up" />
          <Button size="small" icon={<ArrowDownOutlined />} disabled={index === items.length - 1 || reorder.isPending} onClick={() => void move(index, 1)} aria-label={t('review.file.down')} data-testid="evidence-down" />
          <Popconfirm
            title={t('review.evidence.deleteConfirm')}
            okText={t('common.remove')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, ...testId('evidence-delete-confirm') }}
            onConfirm={async () => {
              try {
                await remove.mutateAsync({ id: e.id, version: e.version });
                void message.success(t('review.evidence.deleted'));
              } catch (err) {
                void message.error(errorCode(err) === 'CONFLICT' ? t('review.evidence.conflict') : errorText(t, err));
              }
            }}
          >
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} data-testid="evidence-delete" />
          </Popconfirm>
        </Space>
      ),
    });
  }

  if (query.isPending) return <Skeleton active />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;

  const exportDocx = async () => {
    setExportingDocx(true);
    try {
      const r = await api['drafting.exportEvidence']({ caseId });
      await saveFile(r, (name) => t('review.evidence.exported', { name }));
    } catch (err) {
      void message.error(errorText(t, err));
    } finally {
      setExportingDocx(false);
    }
  };

  return (
    <div data-testid="evidence">
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap', marginBottom: 12 }}>
        <Typography.Text type="secondary" data-testid="evidence-count">
          {t('review.evidence.count', { count: items.length })}
        </Typography.Text>
        <Space wrap>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportCsv()} disabled={items.length === 0} data-testid="evidence-export">
            {t('review.evidence.export')}
          </Button>
          <Button icon={<FileWordOutlined />} loading={exportingDocx} onClick={() => void exportDocx()} data-testid="evidence-export-docx">
            {t('review.evidence.exportDocx')}
          </Button>
          {!readOnly && (
            <>
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="evidence-import">
                {t('review.evidence.import')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="evidence-add">
                {t('review.evidence.add')}
              </Button>
            </>
          )}
        </Space>
      </div>
      <Table<EvidenceItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        pagination={false}
        scroll={{ x: 1080 }}
        onRow={(e) => testId(`evidence-row-${e.seq}`)}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.evidence.empty')} /> }}
        data-testid="evidence-table"
      />
      <EvidenceDrawer
        caseId={caseId}
        open={editing !== null}
        item={editing === 'new' ? null : editing}
        parties={parties}
        documents={documents}
        onClose={() => setEditing(null)}
      />
      <ImportModal caseId={caseId} open={importing} parties={parties} onClose={() => setImporting(false)} />
    </div>
  );
}
