import { ReloadOutlined, StopOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Collapse,
  Form,
  Input,
  Popconfirm,
  Progress,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Typography,
  type FormInstance,
} from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Authority,
  ImportJob,
  PRECEDENT_OP_KINDS,
  ReindexResult,
  type FieldMapping,
  type ImportIssue,
  type ImportSource,
  type ImportStartInput,
} from '../../../../shared/contract/precedents';
import { useApi, useShell } from '../../api/context';
import { BrowseButton } from '../../ui/BrowseButton';
import { ErrorAlert, errorText } from '../../ui/errors';
import { formatDateTime, testId } from '../../ui/format';
import { percentOf, useOps, type OpDone, type OpState } from '../models/hooks';
import { AuthorityTag } from './AuthorityTag';
import {
  rememberImportSource,
  resumeSourceOf,
  useImportJob,
  useImports,
  useInvalidate,
  usePrecedentStats,
} from './hooks';

type Kind = ImportSource['kind'];
const MAIN_FIELDS = ['text', 'title', 'court', 'caseNumber', 'date', 'cause'] as const;
const MORE_FIELDS = ['id', 'procedure', 'authority', 'claims', 'facts', 'reasoning', 'judgment'] as const;
type MappingKey = (typeof MAIN_FIELDS)[number] | (typeof MORE_FIELDS)[number];

interface FormValues {
  kind: Kind;
  path: string;
  format: 'auto' | 'jsonl' | 'csv';
  mapping: Partial<Record<MappingKey, string>>;
  sourceName: string;
  authority: Authority;
}

const DEFAULTS: FormValues = {
  kind: 'folder',
  path: '',
  format: 'auto',
  mapping: { text: 'text', title: 'title', court: 'court', caseNumber: 'case_number', date: 'date', cause: 'cause' },
  sourceName: '',
  authority: 'ordinary',
};

const STATUS_COLORS: Readonly<Record<ImportJob['status'], string>> = {
  running: 'processing',
  done: 'success',
  cancelled: 'warning',
  failed: 'error',
  interrupted: 'warning',
};

function cleanMapping(m: FormValues['mapping']): FieldMapping {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m)) if (v?.trim()) out[k] = v.trim();
  return out as FieldMapping;
}

function sourceOf(v: FormValues): ImportSource {
  const path = v.path.trim();
  if (v.kind === 'table') return { kind: 'table', path, format: v.format, mapping: cleanMapping(v.mapping) };
  if (v.kind === 'folder') return { kind: 'folder', path, recursive: true };
  return { kind: 'lecard', path };
}

export function IssueList({ issues, error }: { issues: readonly ImportIssue[]; error: string | null }) {
  const { t } = useTranslation();
  return (
    <div data-testid="import-issues">
      {error && <Alert type="error" showIcon title={t('precedents.library.error', { message: error })} style={{ marginBottom: 8 }} />}
      {issues.length === 0 && !error && <Typography.Text type="secondary">{t('precedents.library.noIssues')}</Typography.Text>}
      {issues.length > 0 && (
        <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 240, overflow: 'auto' }}>
          {issues.map((i, n) => (
            <li key={n} data-testid="import-issue">
              <Typography.Text strong>
                {[i.file, i.line !== null ? t('precedents.library.line', { line: i.line }) : null].filter(Boolean).join(' ')}
              </Typography.Text>
              {(i.file || i.line !== null) && t('precedents.punct.colon')}
              {/* The English message stays as a tooltip: it has the parser's own words, for support. */}
              <span title={i.code ? i.message : undefined} data-code={i.code}>
                {i.code ? t(`precedents.library.issueCodes.${i.code}`, i.params ?? {}) : i.message}
              </span>
            </li>
          ))}
        </ul>
      )}
      {issues.length >= 500 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('precedents.library.issuesShown', { count: issues.length })}
        </Typography.Text>
      )}
    </div>
  );
}

function Counts({ job }: { job: Pick<ImportJob, 'inserted' | 'duplicates' | 'failed'> }) {
  const { t } = useTranslation();
  return (
    <span data-testid="import-counts" data-inserted={job.inserted} data-duplicates={job.duplicates} data-failed={job.failed}>
      {t('precedents.library.counts', { inserted: job.inserted, duplicates: job.duplicates, failed: job.failed })}
    </span>
  );
}

function StatsCard({ reindexOp, onReindex, reindexing }: { reindexOp: OpState | null; onReindex: () => void; reindexing: boolean }) {
  const { t } = useTranslation();
  const stats = usePrecedentStats();
  if (stats.isError) return <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />;
  const s = stats.data;
  const running = reindexOp !== null && reindexOp.done === null;
  const result = reindexOp?.done?.status === 'ok' ? ReindexResult.safeParse(reindexOp.done.result) : null;
  return (
    <Card size="small" title={t('precedents.library.stats')} loading={stats.isPending} style={{ marginBottom: 16 }} data-testid="prec-stats">
      {s && (
        <Row gutter={[24, 12]} align="top">
          <Col flex="140px">
            <Statistic title={t('precedents.library.count')} value={s.count} styles={{ content: { fontSize: 28 } }} />
            <span data-testid="prec-stats-count" style={{ display: 'none' }}>
              {s.count}
            </span>
          </Col>
          <Col flex="1 1 280px">
            <Typography.Text type="secondary">{t('precedents.library.byAuthority')}</Typography.Text>
            <div style={{ marginTop: 6 }}>
              {s.byAuthority.length === 0 && <Typography.Text type="secondary">{t('common.none')}</Typography.Text>}
              <Space size={[12, 6]} wrap>
                {s.byAuthority.map((a) => (
                  <Space key={a.authority} size={4}>
                    <AuthorityTag level={a.authority} />
                    <Typography.Text strong>{a.count}</Typography.Text>
                  </Space>
                ))}
              </Space>
            </div>
          </Col>
          <Col flex="1 1 240px">
            <Typography.Text type="secondary">{t('precedents.library.bySource')}</Typography.Text>
            <div style={{ marginTop: 6 }}>
              {s.bySource.length === 0 && <Typography.Text type="secondary">{t('common.none')}</Typography.Text>}
              <Space size={[6, 6]} wrap>
                {s.bySource.map((b) => (
                  <Tag key={b.source}>
                    {b.source} · {b.count}
                  </Tag>
                ))}
              </Space>
            </div>
          </Col>
          <Col flex="0 1 260px">
            <Typography.Text type="secondary">{t('precedents.library.segmenter')}</Typography.Text>
            <div style={{ marginTop: 6 }}>
              <Typography.Text code>{s.index.segmenter}</Typography.Text>
            </div>
            {s.index.indexedSegmenter && s.index.indexedSegmenter !== s.index.segmenter && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('precedents.library.indexedWith', { name: s.index.indexedSegmenter })}
              </Typography.Text>
            )}
            <div style={{ marginTop: 8 }}>
              <Button
                size="small"
                icon={<ReloadOutlined />}
                type={s.index.needsReindex ? 'primary' : 'default'}
                onClick={onReindex}
                loading={reindexing || running}
                disabled={s.count === 0}
                data-testid="prec-reindex"
              >
                {t('precedents.library.reindex')}
              </Button>
            </div>
          </Col>
        </Row>
      )}
      {s?.index.needsReindex && !running && (
        <Alert type="warning" showIcon title={t('precedents.library.needsReindex')} style={{ marginTop: 12 }} data-testid="prec-needs-reindex" />
      )}
      {running && (
        <div style={{ marginTop: 12 }} data-testid="prec-reindex-progress">
          <Typography.Text>{t('precedents.library.reindexRunning')}</Typography.Text>
          <Progress percent={percentOf(reindexOp.progress)} status="active" size="small" />
        </div>
      )}
      {result?.success && (
        <Alert
          type="success"
          showIcon
          closable
          style={{ marginTop: 12 }}
          title={t('precedents.library.reindexDone', { count: result.data.indexed, seconds: (result.data.ms / 1000).toFixed(1) })}
        />
      )}
      {reindexOp?.done?.status === 'error' && (
        <Alert type="error" showIcon style={{ marginTop: 12 }} title={reindexOp.done.error?.message ?? t('errors.unknown')} />
      )}
    </Card>
  );
}

interface Current {
  readonly opId: string;
  readonly importId: string;
}

function ImportProgress({ current, op, onCancel, onResume }: { current: Current; op: OpState; onCancel: () => void; onResume: (job: ImportJob) => void }) {
  const { t } = useTranslation();
  const live = op.done === null;
  const job = useImportJob(current.importId, live);
  const finished = op.done ? ImportJob.safeParse(op.done.result) : null;
  const data: ImportJob | undefined = finished?.success ? finished.data : job.data;
  const p = op.progress;
  const position = p?.done ?? data?.position ?? 0;
  const total = p?.total ?? data?.total ?? null;

  if (live) {
    return (
      <div data-testid="import-progress" style={{ marginTop: 16 }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Text strong>{t('precedents.library.running')}</Typography.Text>
          <Button danger size="small" icon={<StopOutlined />} onClick={onCancel} data-testid="import-cancel">
            {t('precedents.library.cancel')}
          </Button>
        </Space>
        {/* A JSONL/CSV stream has no known total: a full bar would look finished, so only counts are shown. */}
        {total ? <Progress percent={percentOf(p)} status="active" /> : null}
        <Space size={16} wrap style={{ marginTop: total ? 0 : 8 }}>
          {!total && <Spin size="small" />}
          <Typography.Text type="secondary" data-testid="import-position">
            {total !== null ? t('precedents.library.position', { position, total }) : t('precedents.library.positionUnknown', { position })}
          </Typography.Text>
          {data && <Counts job={data} />}
        </Space>
      </div>
    );
  }

  const done = op.done;
  if (!done) return null;
  const status = done.status;
  return (
    <div data-testid="import-result" data-status={status} style={{ marginTop: 16 }}>
      <Alert
        type={status === 'ok' ? 'success' : status === 'cancelled' ? 'warning' : 'error'}
        showIcon
        title={
          status === 'ok'
            ? t('precedents.library.done')
            : status === 'cancelled'
              ? t('precedents.library.cancelled', { position: data?.position ?? position })
              : t('precedents.library.failed')
        }
        description={
          <div>
            {data && <Counts job={data} />}
            {status === 'error' && done.error && <div>{done.error.message}</div>}
            {data && data.issues.length > 0 && (
              <div style={{ marginTop: 8 }}>
                <Typography.Text type="secondary">{t('precedents.library.issues', { count: data.failed })}</Typography.Text>
                <IssueList issues={data.issues.slice(0, 20)} error={null} />
              </div>
            )}
          </div>
        }
        action={
          status !== 'ok' && data ? (
            <Button size="small" onClick={() => onResume(data)} data-testid="import-result-resume">
              {t('precedents.library.resume')}
            </Button>
          ) : undefined
        }
      />
    </div>
  );
}

interface ImportRunner {
  readonly form: FormInstance<FormValues>;
  readonly current: Current | null;
  readonly op: OpState | null;
  readonly error: unknown;
  readonly starting: boolean;
  readonly resumeJob: ImportJob | null;
  submit(values: FormValues): void;
  resume(job: ImportJob): void;
  cancel(): void;
  clearResume(): void;
}

/** Import state shared by the form (start, progress) and the history table (resume). */
function useImportRunner(): ImportRunner {
  const api = useApi();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<FormValues>();
  const [current, setCurrent] = useState<Current | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const [resumeJob, setResumeJob] = useState<ImportJob | null>(null);
  const ops = useOps([PRECEDENT_OP_KINDS.import], () => void invalidate.precedents());
  const op = ops(current?.opId ?? null);

  const start = async (input: ImportStartInput) => {
    setError(null);
    setStarting(true);
    try {
      const r = await api['precedents.import.start'](input);
      if (!input.resumeImportId) rememberImportSource(r.importId, input.source);
      setCurrent(r);
      setResumeJob(null);
      void invalidate.precedents();
    } catch (err) {
      setError(err);
    } finally {
      setStarting(false);
    }
  };

  return {
    form,
    current,
    op,
    error,
    starting,
    resumeJob,
    submit: (v) => {
      const name = v.sourceName.trim();
      void start({
        source: sourceOf(v),
        ...(name ? { sourceName: name } : {}),
        authority: v.authority,
        ...(resumeJob ? { resumeImportId: resumeJob.id } : {}),
      });
    },
    resume: (job) => {
      const source = resumeSourceOf(job);
      if (source) {
        void start({ source, resumeImportId: job.id });
        return;
      }
      // A table import begun elsewhere: its mapping is not known here, so the judge confirms it.
      form.setFieldsValue({ kind: job.kind, path: job.path, sourceName: job.sourceName });
      setResumeJob(job);
    },
    cancel: () => {
      if (current) void api['ops.cancel']({ opId: current.opId });
    },
    clearResume: () => setResumeJob(null),
  };
}

function ImportCard({ runner }: { runner: ImportRunner }) {
  const { t } = useTranslation();
  const native = useShell() !== null;
  const { form, current, op, error, starting, resumeJob } = runner;
  const kind = Form.useWatch('kind', form) ?? DEFAULTS.kind;
  const busy = op !== null && op.done === null;
  const pathPlaceholder = kind === 'table' ? t('precedents.library.pathPlaceholderFile') : t('precedents.library.pathPlaceholderFolder');
  const mappingField = (k: MappingKey) => (
    <Col key={k} xs={24} sm={12} lg={8}>
      <Form.Item
        name={['mapping', k]}
        label={t(`precedents.library.fields.${k}`)}
        style={{ marginBottom: 8 }}
        {...(k === 'text'
          ? {
              dependencies: [['mapping', 'facts'], ['mapping', 'reasoning'], ['mapping', 'judgment']],
              rules: [
                {
                  validator: () => {
                    const m = (form.getFieldValue('mapping') ?? {}) as FormValues['mapping'];
                    const ok = [m.text, m.facts, m.reasoning, m.judgment].some((v) => v?.trim());
                    return ok ? Promise.resolve() : Promise.reject(new Error(t('precedents.library.mappingRequired')));
                  },
                },
              ],
            }
          : {})}
      >
        <Input allowClear maxLength={100} data-testid={`import-map-${k}`} />
      </Form.Item>
    </Col>
  );

  return (
    <Card size="small" title={t('precedents.library.importTitle')} style={{ marginBottom: 16 }} data-testid="import-card">
      {resumeJob && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('precedents.library.resuming', { name: resumeJob.sourceName, position: resumeJob.position })}
          action={
            <Button size="small" onClick={runner.clearResume}>
              {t('precedents.library.cancelResume')}
            </Button>
          }
          data-testid="import-resuming"
        />
      )}
      <Form<FormValues> form={form} layout="vertical" initialValues={DEFAULTS} onFinish={runner.submit} disabled={busy} requiredMark={false}>
        <Form.Item name="kind" label={t('precedents.library.kind')} extra={t(`precedents.library.kindHelp.${kind}`)}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="import-kind" disabled={resumeJob !== null || busy}>
            {(['folder', 'table', 'lecard'] as const).map((k) => (
              <Radio.Button key={k} value={k} data-testid={`import-kind-${k}`}>
                {t(`precedents.library.kinds.${k}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('precedents.library.pathLabel')} extra={t(native ? 'precedents.library.pathHelpDesktop' : 'precedents.library.pathHelp')}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="path" noStyle rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input placeholder={pathPlaceholder} maxLength={4096} data-testid="import-path" />
            </Form.Item>
            <BrowseButton
              purpose={kind === 'table' ? 'precedentTable' : 'precedentFolder'}
              onPicked={(p) => {
                form.setFieldValue('path', p);
                void form.validateFields(['path']);
              }}
              disabled={busy}
              testId="import-path-browse"
            />
          </Space.Compact>
        </Form.Item>
        {kind === 'table' && (
          <>
            <Form.Item name="format" label={t('precedents.library.format')}>
              <Radio.Group>
                {(['auto', 'jsonl', 'csv'] as const).map((f) => (
                  <Radio key={f} value={f}>
                    {t(`precedents.library.formats.${f}`)}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item
              label={t('precedents.library.mapping')}
              extra={t('precedents.library.mappingHelp')}
              style={{ marginBottom: 8 }}
              required
            >
              <Row gutter={12}>{MAIN_FIELDS.map(mappingField)}</Row>
              <Collapse
                size="small"
                ghost
                items={[{ key: 'more', label: t('precedents.library.mappingMore'), children: <Row gutter={12}>{MORE_FIELDS.map(mappingField)}</Row> }]}
              />
            </Form.Item>
          </>
        )}
        <Row gutter={12}>
          <Col xs={24} md={14}>
            <Form.Item name="sourceName" label={t('precedents.library.sourceName')}>
              <Input placeholder={t('precedents.library.sourceNamePlaceholder')} maxLength={100} disabled={resumeJob !== null || busy} data-testid="import-source-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="authority" label={t('precedents.library.authority')} extra={t('precedents.library.authorityHelp')}>
              <Select
                options={Authority.options.map((a) => ({ value: a, label: t(`precedents.authority.${a}`) }))}
                data-testid="import-authority"
              />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" icon={<UploadOutlined />} loading={starting} disabled={busy} data-testid="import-start">
          {resumeJob ? t('precedents.library.resumeStart') : t('precedents.library.start')}
        </Button>
      </Form>
      {error !== null && (
        <div style={{ marginTop: 12 }} data-testid="import-error">
          <ErrorAlert error={error} />
        </div>
      )}
      {current && op && (
        <ImportProgress
          current={current}
          op={op}
          onCancel={runner.cancel}
          onResume={runner.resume}
        />
      )}
    </Card>
  );
}

function HistoryCard({ onResume }: { onResume: (job: ImportJob) => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const api = useApi();
  const invalidate = useInvalidate();
  const imports = useImports();
  const [removing, setRemoving] = useState<string | null>(null);

  const remove = async (job: ImportJob) => {
    setRemoving(job.id);
    try {
      const r = await api['precedents.import.remove']({ importId: job.id });
      void message.success(t('precedents.library.removed', { count: r.removed }));
      await invalidate.precedents();
    } catch (err) {
      void message.error(errorText(t, err));
    } finally {
      setRemoving(null);
    }
  };

  if (imports.isError) return <ErrorAlert error={imports.error} onRetry={() => void imports.refetch()} />;
  return (
    <Card size="small" title={t('precedents.library.history')} data-testid="import-history">
      <Table<ImportJob>
        size="small"
        rowKey="id"
        loading={imports.isPending}
        dataSource={imports.data?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('precedents.library.historyEmpty') }}
        onRow={(job) => ({ 'data-testid': `import-row-${job.id}` }) as HTMLAttributes<HTMLElement>}
        expandable={{
          rowExpandable: (job) => job.issues.length > 0 || job.error !== null,
          expandedRowRender: (job) => <IssueList issues={job.issues} error={job.error} />,
        }}
        columns={[
          {
            key: 'source',
            title: t('precedents.library.columns.source'),
            render: (_, job) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{job.sourceName}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                  {job.path}
                </Typography.Text>
              </Space>
            ),
          },
          { key: 'kind', title: t('precedents.library.columns.kind'), width: 130, render: (_, job) => t(`precedents.library.kinds.${job.kind}`) },
          {
            key: 'status',
            title: t('precedents.library.columns.status'),
            width: 90,
            render: (_, job) => (
              <Tag color={STATUS_COLORS[job.status]} data-testid="import-status" data-status={job.status}>
                {t(`precedents.library.status.${job.status}`)}
              </Tag>
            ),
          },
          {
            key: 'progress',
            title: t('precedents.library.columns.progress'),
            width: 100,
            render: (_, job) => (job.total !== null ? `${job.position} / ${job.total}` : job.position),
          },
          { key: 'inserted', title: t('precedents.library.columns.inserted'), dataIndex: 'inserted', width: 70, align: 'right' },
          { key: 'duplicates', title: t('precedents.library.columns.duplicates'), dataIndex: 'duplicates', width: 70, align: 'right' },
          {
            key: 'failed',
            title: t('precedents.library.columns.failed'),
            width: 70,
            align: 'right',
            render: (_, job) => (job.failed > 0 ? <Typography.Text type="danger">{job.failed}</Typography.Text> : 0),
          },
          { key: 'startedAt', title: t('precedents.library.columns.startedAt'), width: 150, render: (_, job) => formatDateTime(job.startedAt) },
          {
            key: 'actions',
            title: t('precedents.library.columns.actions'),
            width: 170,
            render: (_, job) => (
              <Space size={0}>
                {(job.status === 'cancelled' || job.status === 'interrupted' || job.status === 'failed') && (
                  <Button type="link" size="small" onClick={() => onResume(job)} data-testid={`import-resume-${job.id}`}>
                    {t('precedents.library.resume')}
                  </Button>
                )}
                {job.status !== 'running' && job.inserted > 0 && (
                  <Popconfirm
                    title={t('precedents.library.removeConfirm', { count: job.inserted })}
                    okText={t('common.ok')}
                    cancelText={t('common.cancel')}
                    okButtonProps={{ danger: true, ...testId(`import-remove-confirm-${job.id}`) }}
                    onConfirm={() => remove(job)}
                  >
                    <Button type="link" size="small" danger loading={removing === job.id} data-testid={`import-remove-${job.id}`}>
                      {t('precedents.library.remove')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

export function LibraryTab() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const api = useApi();
  const invalidate = useInvalidate();
  const runner = useImportRunner();
  const [reindexOpId, setReindexOpId] = useState<string | null>(null);
  const [reindexing, setReindexing] = useState(false);
  const reindexOps = useOps([PRECEDENT_OP_KINDS.reindex], (d: OpDone) => {
    if (d.status === 'ok') void invalidate.precedents();
  });

  const reindex = async () => {
    setReindexing(true);
    try {
      const { opId } = await api['precedents.reindex']({});
      setReindexOpId(opId);
    } catch (err) {
      void message.error(errorText(t, err));
    } finally {
      setReindexing(false);
    }
  };

  return (
    <div data-testid="prec-library">
      <StatsCard reindexOp={reindexOps(reindexOpId)} onReindex={() => void reindex()} reindexing={reindexing} />
      <ImportCard runner={runner} />
      <HistoryCard onResume={runner.resume} />
    </div>
  );
}
