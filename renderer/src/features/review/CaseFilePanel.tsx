import { ArrowDownOutlined, ArrowUpOutlined, ReloadOutlined, RollbackOutlined, SortAscendingOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Empty, Input, List, Select, Skeleton, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_DOCUMENT_BYTES } from '../../../../shared/contract/cases';
import { AppError } from '../../../../shared/contract/result';
import { DOCUMENT_CATEGORIES, type CaseFile, type CaseFileEntry, type DocumentCategory, type SearchHit } from '../../../../shared/contract/review';
import { useAddDocument } from '../../api/hooks';
import { ErrorAlert, errorText } from '../../ui/errors';
import { testId } from '../../ui/format';
import { readAsBase64 } from '../cases/DocumentsPanel';
import { reviewKeys, useCaseFile, useCaseSearch, useReviewMutation } from './hooks';
import { CategoryTag, useOpenReader } from './reader';

function rowAttrs(e: CaseFileEntry): Record<`data-${string}`, string> {
  return { ...testId(`casefile-row-${e.position}`), 'data-category': e.category, 'data-source': e.source };
}

export function docTitle(e: CaseFileEntry): string {
  return e.document.title || e.document.filename;
}

function Confidence({ entry }: { entry: CaseFileEntry }) {
  const { t } = useTranslation();
  if (entry.source === 'clerk') return <Tag color="blue" data-testid="casefile-by-clerk">{t('review.file.byClerk')}</Tag>;
  const pct = Math.round(entry.confidence * 100);
  const color = entry.confidence >= 0.8 ? '#389e0d' : entry.confidence >= 0.5 ? '#d48806' : '#cf1322';
  return (
    <Typography.Text style={{ color }} data-testid="casefile-confidence">
      {pct}%
    </Typography.Text>
  );
}

/** Passage text with the matched words marked. */
function HitText({ hit }: { hit: SearchHit }) {
  const parts: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const h of [...hit.highlights].sort((a, b) => a.start - b.start)) {
    if (h.start < at) continue;
    if (h.start > at) parts.push({ text: hit.text.slice(at, h.start), mark: false });
    parts.push({ text: hit.text.slice(h.start, h.end), mark: true });
    at = h.end;
  }
  if (at < hit.text.length) parts.push({ text: hit.text.slice(at), mark: false });
  return (
    <span style={{ whiteSpace: 'pre-wrap' }}>
      {parts.map((p, i) =>
        p.mark ? (
          <mark key={i} style={{ background: '#ffd666', padding: 0 }}>
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </span>
  );
}

function SearchResults({ caseId, query, categories }: { caseId: string; query: string; categories: DocumentCategory[] }) {
  const { t } = useTranslation();
  const open = useOpenReader();
  const search = useCaseSearch(caseId, query, categories);
  if (search.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (search.isError) return <ErrorAlert error={search.error} onRetry={() => void search.refetch()} />;
  const r = search.data;
  return (
    <Card size="small" style={{ marginBottom: 16, background: '#fafafa' }} data-testid="casefile-search-results">
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Text strong>
          {r.hits.length ? t('review.file.searchHits', { count: r.hits.length, docs: r.documentsSearched }) : t('review.file.searchNone', { query })}
        </Typography.Text>
        {r.documentsWithoutText > 0 && <Tag color="warning">{t('review.file.searchWithoutText', { count: r.documentsWithoutText })}</Tag>}
      </Space>
      {r.hits.length > 0 && (
        <List
          size="small"
          dataSource={r.hits}
          style={{ maxHeight: 360, overflow: 'auto' }}
          renderItem={(hit, i) => {
            const first = hit.highlights[0];
            return (
              <List.Item
                key={`${hit.documentId}:${hit.start}`}
                style={{ cursor: 'pointer', display: 'block' }}
                onClick={() =>
                  open({
                    documentId: hit.documentId,
                    title: hit.documentTitle,
                    span: first ? { start: hit.start + first.start, end: hit.start + first.end } : { start: hit.start, end: hit.end },
                    block: { start: hit.start, end: hit.end },
                  })
                }
                data-testid={`search-hit-${i}`}
              >
                <Space size={6} style={{ marginBottom: 2 }}>
                  <CategoryTag category={hit.category} />
                  <Typography.Link>{hit.documentTitle}</Typography.Link>
                </Space>
                <div style={{ color: '#434343' }}>
                  <HitText hit={hit} />
                </div>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}

function UploadButton({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const add = useAddDocument();
  const [busy, setBusy] = useState(0);
  const upload = async (file: File) => {
    if (file.size > MAX_DOCUMENT_BYTES) {
      void message.error(t('review.file.tooLarge', { name: file.name }));
      return;
    }
    setBusy((n) => n + 1);
    try {
      let contentBase64: string;
      try {
        contentBase64 = await readAsBase64(file);
      } catch {
        void message.error(t('review.file.readFailed', { name: file.name }));
        return;
      }
      await add.mutateAsync({ caseId, filename: file.name, mime: file.type, contentBase64 });
      void message.success(t('review.file.uploaded', { name: file.name }));
    } catch (err) {
      if (err instanceof AppError && err.code === 'CONFLICT' && err.details?.['reason'] === 'duplicate') {
        void message.warning(t('review.file.duplicate', { name: file.name }));
      } else {
        void message.error(errorText(t, err));
      }
    } finally {
      setBusy((n) => n - 1);
    }
  };
  return (
    <Tooltip title={t('review.file.uploadHint')}>
      <span data-testid="casefile-upload">
        <Upload
          multiple
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={busy > 0}>
            {t('review.file.upload')}
          </Button>
        </Upload>
      </span>
    </Tooltip>
  );
}

export function CaseFilePanel({ caseId, readOnly }: { caseId: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const open = useOpenReader();
  const file = useCaseFile(caseId);
  const classify = useReviewMutation('review.classify');
  const reorder = useReviewMutation('review.reorder');
  const reclassify = useReviewMutation('review.reclassify');
  const [queryInput, setQueryInput] = useState('');
  const [query, setQuery] = useState('');
  const [categories, setCategories] = useState<DocumentCategory[]>([]);

  const items = useMemo(() => file.data?.items ?? [], [file.data]);
  const counts = useMemo(() => {
    const m = new Map<DocumentCategory, number>();
    for (const e of items) m.set(e.category, (m.get(e.category) ?? 0) + 1);
    return m;
  }, [items]);

  const saveOrder = async (ids: string[]) => {
    const byId = new Map(items.map((e) => [e.document.id, e]));
    // Show the new order at once; the reply (or the refetch after a failure) settles it.
    qc.setQueryData<CaseFile>(reviewKeys.file(caseId), (old) =>
      old ? { ...old, items: ids.map((id, i) => ({ ...byId.get(id)!, position: i + 1 })) } : old,
    );
    try {
      const r = await reorder.mutateAsync({ caseId, documentIds: ids });
      qc.setQueryData(reviewKeys.file(caseId), r);
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  const move = (index: number, delta: number) => {
    const ids = items.map((e) => e.document.id);
    const j = index + delta;
    if (j < 0 || j >= ids.length) return;
    [ids[index], ids[j]] = [ids[j]!, ids[index]!];
    void saveOrder(ids);
  };

  const sortByCategory = () => {
    const rank = (c: DocumentCategory) => DOCUMENT_CATEGORIES.indexOf(c);
    const ids = items
      .map((e, i) => ({ e, i }))
      .sort((a, b) => rank(a.e.category) - rank(b.e.category) || a.i - b.i)
      .map((x) => x.e.document.id);
    void saveOrder(ids);
  };

  const setCategory = async (entry: CaseFileEntry, category: DocumentCategory | null) => {
    try {
      const r = await classify.mutateAsync({ documentId: entry.document.id, category, note: '' });
      void message.success(t('review.file.classified', { category: t(`review.category.${r.category}`) }));
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  const columns: TableColumnsType<CaseFileEntry> = [
    { key: 'position', title: t('review.file.position'), dataIndex: 'position', width: 64, align: 'center' },
    {
      key: 'name',
      title: t('review.file.name'),
      render: (_v, e) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => open({ documentId: e.document.id, title: docTitle(e) })} data-testid="casefile-open" strong>
            {docTitle(e)}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.document.filename}
            {' · '}
            {e.document.textLength > 0 ? t('review.file.chars', { count: e.document.textLength }) : t('review.file.noText')}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'category',
      title: t('review.file.categoryCol'),
      width: 170,
      render: (_v, e) => (
        <Select<DocumentCategory>
          value={e.category}
          disabled={readOnly}
          style={{ width: 140 }}
          onChange={(c) => void setCategory(e, c)}
          options={DOCUMENT_CATEGORIES.map((c) => ({ value: c, label: <CategoryTag category={c} /> }))}
          popupMatchSelectWidth={false}
          data-testid="casefile-category"
          aria-label={t('review.file.categoryCol')}
        />
      ),
    },
    { key: 'confidence', title: t('review.file.confidence'), width: 90, render: (_v, e) => <Confidence entry={e} /> },
    {
      key: 'reason',
      title: t('review.file.reason'),
      render: (_v, e) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text style={{ fontSize: 13 }} data-testid="casefile-reason">
            {e.reason}
          </Typography.Text>
          {e.source === 'clerk' && e.ruleCategory !== e.category && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('review.file.ruleSaid', { category: t(`review.category.${e.ruleCategory}`) })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'actions',
      title: t('review.file.actions'),
      width: 150,
      render: (_v, e, index) => (
        <Space size={4}>
          <Tooltip title={t('review.file.up')}>
            <Button size="small" icon={<ArrowUpOutlined />} disabled={readOnly || index === 0 || reorder.isPending} onClick={() => move(index, -1)} aria-label={t('review.file.up')} data-testid="casefile-up" />
          </Tooltip>
          <Tooltip title={t('review.file.down')}>
            <Button size="small" icon={<ArrowDownOutlined />} disabled={readOnly || index === items.length - 1 || reorder.isPending} onClick={() => move(index, 1)} aria-label={t('review.file.down')} data-testid="casefile-down" />
          </Tooltip>
          {e.source === 'clerk' && !readOnly && (
            <Tooltip title={t('review.file.resetRule')}>
              <Button size="small" icon={<RollbackOutlined />} onClick={() => void setCategory(e, null)} aria-label={t('review.file.resetRule')} data-testid="casefile-reset" />
            </Tooltip>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="casefile">
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginBottom: 12, alignItems: 'center' }}>
        <Input.Search
          value={queryInput}
          onChange={(e) => {
            setQueryInput(e.target.value);
            if (!e.target.value) setQuery('');
          }}
          onSearch={(v) => setQuery(v.trim())}
          placeholder={t('review.file.searchPlaceholder')}
          allowClear
          enterButton
          style={{ maxWidth: 420, flex: '1 1 300px' }}
          data-testid="casefile-search"
        />
        <Select<DocumentCategory[]>
          mode="multiple"
          allowClear
          value={categories}
          onChange={setCategories}
          placeholder={t('review.file.searchCategories')}
          style={{ minWidth: 200 }}
          maxTagCount="responsive"
          options={DOCUMENT_CATEGORIES.map((c) => ({ value: c, label: t(`review.category.${c}`) }))}
          data-testid="casefile-search-categories"
        />
        <div style={{ flex: 1 }} />
        {!readOnly && (
          <>
            <Button icon={<SortAscendingOutlined />} onClick={sortByCategory} disabled={items.length < 2} data-testid="casefile-sort">
              {t('review.file.sortByCategory')}
            </Button>
            <Button
              icon={<ReloadOutlined />}
              loading={reclassify.isPending}
              onClick={async () => {
                try {
                  await reclassify.mutateAsync({ caseId });
                  void message.success(t('review.file.reclassified'));
                } catch (err) {
                  void message.error(errorText(t, err));
                }
              }}
              data-testid="casefile-reclassify"
            >
              {t('review.file.reclassify')}
            </Button>
            <UploadButton caseId={caseId} />
          </>
        )}
      </div>
      {query && <SearchResults caseId={caseId} query={query} categories={categories} />}
      {file.isPending && <Skeleton active />}
      {file.isError && <ErrorAlert error={file.error} onRetry={() => void file.refetch()} />}
      {file.data && (
        <>
          <Space wrap size={[6, 6]} style={{ marginBottom: 8 }} data-testid="casefile-counts">
            <Typography.Text type="secondary">{t('review.file.count', { count: items.length })}</Typography.Text>
            {DOCUMENT_CATEGORIES.filter((c) => counts.has(c)).map((c) => (
              <Tag key={c} color="default">
                {t(`review.category.${c}`)} {counts.get(c)}
              </Tag>
            ))}
          </Space>
          <Table<CaseFileEntry>
            rowKey={(e) => e.document.id}
            size="small"
            columns={columns}
            dataSource={items}
            pagination={false}
            scroll={{ x: 900 }}
            onRow={(e) => rowAttrs(e)}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.file.empty')} /> }}
            data-testid="casefile-table"
          />
        </>
      )}
    </div>
  );
}
