import { FolderOpenOutlined, LeftOutlined, RightOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Input, InputNumber, Progress, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRECEDENT_OP_KINDS, StatuteImportResult, type StatuteArticle, type StatuteLaw } from '../../../../shared/contract/precedents';
import { useApi, useShell } from '../../api/context';
import { BrowseButton } from '../../ui/BrowseButton';
import { ErrorAlert, errorCode } from '../../ui/errors';
import { percentOf, useOps } from '../models/hooks';
import { CitationChecker } from './CitationChecker';
import { useArticle, useInvalidate, useLaws, useStatuteSearch } from './hooks';

/** An article as the judge reads it: label, law and version, headings, paragraphs. */
export function ArticleText({ article, showLaw = true }: { article: StatuteArticle; showLaw?: boolean }) {
  const { t } = useTranslation();
  return (
    <div data-testid="statute-article">
      <Space size={8} wrap>
        <Typography.Text strong>{article.label}</Typography.Text>
        {showLaw && (
          <Typography.Text type="secondary">
            {t('precedents.statutes.articleTitle', { law: article.lawTitle, version: article.version || t('precedents.statutes.versionUnknown') })}
          </Typography.Text>
        )}
        {article.headings.length > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {article.headings.join(' › ')}
          </Typography.Text>
        )}
      </Space>
      <div style={{ marginTop: 4, lineHeight: 1.8 }}>
        {article.paragraphs.map((p, i) => (
          <p key={i} style={{ margin: '0 0 4px', textIndent: '2em' }}>
            {p}
          </p>
        ))}
      </div>
    </div>
  );
}

function ImportCard() {
  const { t } = useTranslation();
  const api = useApi();
  const invalidate = useInvalidate();
  const native = useShell() !== null;
  const [path, setPath] = useState('');
  const [opId, setOpId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const ops = useOps([PRECEDENT_OP_KINDS.statutes], () => void invalidate.statutes());
  const op = ops(opId);
  const running = op !== null && op.done === null;
  const parsed = op?.done?.status === 'ok' ? StatuteImportResult.safeParse(op.done.result) : null;
  const result = parsed?.success ? parsed.data : null;

  const start = async () => {
    setError(null);
    setStarting(true);
    try {
      const r = await api['statutes.import.start']({ path: path.trim() });
      setOpId(r.opId);
    } catch (err) {
      setError(err);
    } finally {
      setStarting(false);
    }
  };

  return (
    <Card size="small" title={t('precedents.statutes.importTitle')} style={{ marginBottom: 16 }} data-testid="statute-import-card">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('precedents.statutes.importHelp')}
      </Typography.Paragraph>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          prefix={<FolderOpenOutlined />}
          value={path}
          onChange={(e) => setPath(e.target.value)}
          onPressEnter={() => path.trim() && void start()}
          placeholder={t('precedents.statutes.pathPlaceholder')}
          disabled={running}
          maxLength={4096}
          data-testid="statute-path"
        />
        <BrowseButton purpose="statutesFolder" onPicked={setPath} disabled={running} testId="statute-path-browse" />
        <Button type="primary" onClick={() => void start()} disabled={!path.trim() || running} loading={starting || running} data-testid="statute-import">
          {t('precedents.statutes.import')}
        </Button>
      </Space.Compact>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t(native ? 'precedents.library.pathHelpDesktop' : 'precedents.library.pathHelp')}
      </Typography.Text>
      {error !== null && (
        <div style={{ marginTop: 8 }} data-testid="statute-import-error">
          <ErrorAlert error={error} />
        </div>
      )}
      {running && (
        <div style={{ marginTop: 8 }} data-testid="statute-import-progress">
          <Typography.Text>{t('precedents.statutes.importing')}</Typography.Text>
          <Progress percent={percentOf(op.progress)} status="active" size="small" />
        </div>
      )}
      {op?.done && op.done.status !== 'ok' && (
        <Alert type="error" showIcon style={{ marginTop: 8 }} title={op.done.error?.message ?? t('errors.unknown')} />
      )}
      {result && (
        <Alert
          style={{ marginTop: 8 }}
          type={result.articles > 0 ? 'success' : 'warning'}
          showIcon
          data-testid="statute-import-result"
          title={t('precedents.statutes.importDone', result)}
          description={
            result.skipped.length > 0 ? (
              <div>
                <Typography.Text type="secondary">{t('precedents.statutes.skipped', { count: result.skipped.length })}</Typography.Text>
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {result.skipped.slice(0, 50).map((s) => (
                    <li key={s.file}>
                      <Typography.Text strong>{s.file}</Typography.Text>
                      {t('precedents.punct.colon')}
                      <span title={s.code ? s.message : undefined}>{s.code ? t(`precedents.statutes.skipCodes.${s.code}`) : s.message}</span>
                    </li>
                  ))}
                </ul>
              </div>
            ) : undefined
          }
        />
      )}
    </Card>
  );
}

interface LawGroup {
  readonly title: string;
  readonly shortTitle: string;
  readonly category: string;
  readonly versions: readonly StatuteLaw[];
}

function groupLaws(laws: readonly StatuteLaw[]): LawGroup[] {
  const byTitle = new Map<string, StatuteLaw[]>();
  for (const l of laws) byTitle.set(l.title, [...(byTitle.get(l.title) ?? []), l]);
  return [...byTitle.entries()].map(([title, versions]) => {
    const sorted = [...versions].sort((a, b) => b.version.localeCompare(a.version));
    return { title, shortTitle: sorted[0]!.shortTitle, category: sorted[0]!.category, versions: sorted };
  });
}

function ArticleBrowser({ law, onClose }: { law: StatuteLaw; onClose: () => void }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState(1);
  const [sub, setSub] = useState(0);
  const q = useArticle(law.id, number, sub);
  const go = (n: number) => {
    setSub(0);
    setNumber(Math.max(1, n));
  };
  return (
    <Card
      size="small"
      type="inner"
      style={{ marginTop: 12 }}
      data-testid="statute-browser"
      title={t('precedents.statutes.articleTitle', { law: law.title, version: law.version || t('precedents.statutes.versionUnknown') })}
      extra={
        <Button type="text" size="small" onClick={onClose}>
          {t('common.close')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 8 }}>
        <Button icon={<LeftOutlined />} disabled={number <= 1 && sub === 0} onClick={() => go(sub > 0 ? number : number - 1)}>
          {t('precedents.statutes.prev')}
        </Button>
        <Space.Compact>
          <Space.Addon>{t('precedents.statutes.articlePrefix')}</Space.Addon>
          <InputNumber
            min={1}
            max={100_000}
            precision={0}
            value={number}
            onChange={(v) => v !== null && go(v)}
            style={{ width: 100 }}
            data-testid="statute-article-number"
          />
          <Space.Addon>{t('precedents.statutes.articleNumber')}</Space.Addon>
          <InputNumber min={0} max={20} precision={0} value={sub} onChange={(v) => setSub(v ?? 0)} style={{ width: 70 }} />
        </Space.Compact>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('precedents.statutes.articleSub')}
        </Typography.Text>
        <Button icon={<RightOutlined />} iconPlacement="end" onClick={() => go(number + 1)}>
          {t('precedents.statutes.next')}
        </Button>
        <Typography.Text type="secondary">
          {law.effectiveFrom ? t('precedents.statutes.effective', { date: law.effectiveFrom }) : t('precedents.statutes.effectiveUnknown')}
        </Typography.Text>
      </Space>
      {q.isPending && <Skeleton active paragraph={{ rows: 2 }} />}
      {q.isError &&
        (errorCode(q.error) === 'NOT_FOUND' ? (
          <Alert type="warning" showIcon title={t('precedents.statutes.notFound')} />
        ) : (
          <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
        ))}
      {q.data && <ArticleText article={q.data} showLaw={false} />}
    </Card>
  );
}

function LawsCard() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const laws = useLaws(query.trim());
  const [open, setOpen] = useState<StatuteLaw | null>(null);
  const groups = useMemo(() => groupLaws(laws.data?.items ?? []), [laws.data]);
  const libraryEmpty = !laws.isPending && query.trim() === '' && groups.length === 0;
  return (
    <Card
      size="small"
      title={t('precedents.statutes.lawsTitle')}
      style={{ marginBottom: 16 }}
      data-testid="laws-card"
      extra={
        <Input.Search allowClear placeholder={t('precedents.statutes.lawsSearch')} onSearch={setQuery} style={{ width: 240 }} data-testid="laws-search" />
      }
    >
      {laws.isError && <ErrorAlert error={laws.error} onRetry={() => void laws.refetch()} />}
      {libraryEmpty ? (
        <Empty description={<span data-testid="laws-empty">{t('precedents.statutes.lawsEmpty')}
                  {t('precedents.punct.colon')}
                  {t('precedents.statutes.lawsEmptyBody')}</span>} />
      ) : (
        <Table<LawGroup>
          size="small"
          rowKey="title"
          loading={laws.isPending}
          dataSource={groups}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          data-testid="laws-table"
          columns={[
            {
              key: 'title',
              title: t('precedents.statutes.columns.title'),
              render: (_, g) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{g.title}</Typography.Text>
                  {g.shortTitle !== g.title && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{g.shortTitle}</Typography.Text>}
                </Space>
              ),
            },
            { key: 'category', title: t('precedents.statutes.columns.category'), width: 120, render: (_, g) => g.category || t('common.none') },
            {
              key: 'versions',
              title: t('precedents.statutes.columns.versions'),
              render: (_, g) => (
                <Space size={[4, 4]} wrap>
                  {g.versions.map((v) => (
                    <Tag
                      key={v.id}
                      color={open?.id === v.id ? 'red' : 'blue'}
                      style={{ cursor: 'pointer' }}
                      onClick={() => setOpen(v)}
                      data-testid={`law-version-${v.id}`}
                    >
                      {v.version || t('precedents.statutes.versionUnknown')}
                      {v.effectiveFrom && v.effectiveFrom !== v.version ? t('precedents.punct.paren', { text: t('precedents.statutes.effective', { date: v.effectiveFrom }) }) : ''}
                      {` · ${t('precedents.statutes.articleCount', { count: v.articleCount })}`}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      )}
      {open && <ArticleBrowser key={open.id} law={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}

function SearchCard() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [query, setQuery] = useState<string | null>(null);
  const q = useStatuteSearch(query);
  return (
    <Card size="small" title={t('precedents.statutes.searchTitle')} data-testid="statute-search-card">
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={() => text.trim() && setQuery(text.trim())}
          placeholder={t('precedents.statutes.searchPlaceholder')}
          data-testid="statute-search-input"
        />
        <Button icon={<SearchOutlined />} type="primary" disabled={!text.trim()} onClick={() => setQuery(text.trim())} loading={q.isFetching} data-testid="statute-search-run">
          {t('precedents.statutes.search')}
        </Button>
      </Space.Compact>
      {q.isError && <ErrorAlert error={q.error} />}
      {q.data && (
        <div style={{ marginTop: 12 }} data-testid="statute-search-results">
          {q.data.note && <Alert type="info" showIcon title={q.data.note} style={{ marginBottom: 8 }} />}
          {q.data.items.length === 0 && !q.data.note && <Typography.Text type="secondary">{t('precedents.statutes.searchNone')}</Typography.Text>}
          {q.data.items.map((a) => (
            <div key={`${a.lawId}-${a.number}-${a.sub}`} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
              <ArticleText article={a} />
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}

export function StatutesTab() {
  return (
    <div data-testid="prec-statutes">
      <ImportCard />
      <CitationChecker />
      <LawsCard />
      <SearchCard />
    </div>
  );
}
