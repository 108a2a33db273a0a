import { DownOutlined, FileTextOutlined, UpOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Input, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { createContext, useContext, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentCategory, SourceSpan, TextRange } from '../../../../shared/contract/review';
import { useDocumentText } from '../../api/hooks';
import { ErrorAlert, errorCode } from '../../ui/errors';
import { SourceText, type SpanMark } from '../intake/SourceText';
import { useFind } from './hooks';

/** What to open in the reader: a document, optionally at a span (strong mark) inside a block (light mark). */
export interface ReaderTarget {
  readonly documentId: string;
  readonly title: string;
  readonly span?: TextRange | null;
  readonly block?: TextRange | null;
  /** Shown when the document is gone (a span remembers its text). */
  readonly quote?: string;
  /** Pre-fills find-in-document (e.g. the search terms). */
  readonly find?: string;
}

const ReaderContext = createContext<(target: ReaderTarget) => void>(() => undefined);
export const ReaderProvider = ReaderContext.Provider;

/** Opens the shared document reader of the 阅卷 tab. */
export function useOpenReader(): (target: ReaderTarget) => void {
  return useContext(ReaderContext);
}

export const CATEGORY_COLOR: Readonly<Record<DocumentCategory, string>> = {
  complaint: 'blue',
  answer: 'purple',
  evidence_list: 'cyan',
  evidence: 'green',
  transcript: 'geekblue',
  service_receipt: 'gold',
  decision: 'magenta',
  other: 'default',
};

export function CategoryTag({ category }: { category: DocumentCategory }) {
  const { t } = useTranslation();
  return (
    <Tag color={CATEGORY_COLOR[category]} style={{ marginInlineEnd: 0 }}>
      {t(`review.category.${category}`)}
    </Tag>
  );
}

/** A link to the place a statement rests on: the document's title, the quote on hover. */
export function SourceLink({ source, block, testId }: { source: SourceSpan | null; block?: TextRange | null; testId?: string }) {
  const { t } = useTranslation();
  const open = useOpenReader();
  if (!source) {
    return (
      <Typography.Text type="secondary" data-testid={testId ? `${testId}-missing` : undefined}>
        {t('review.source.missing')}
      </Typography.Text>
    );
  }
  return (
    <Tooltip title={source.quote ? `“${source.quote}”` : t('review.source.open')}>
      <Button
        type="link"
        size="small"
        icon={<FileTextOutlined />}
        style={{ paddingInline: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
        data-testid={testId}
        onClick={() =>
          open({
            documentId: source.documentId,
            title: source.documentTitle,
            span: { start: source.start, end: source.end },
            block: block ?? null,
            quote: source.quote,
          })
        }
      >
        {source.documentTitle}
      </Button>
    </Tooltip>
  );
}

function useDebounced(value: string, ms: number): string {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

function ReaderBody({ target }: { target: ReaderTarget }) {
  const { t } = useTranslation();
  const text = useDocumentText(target.documentId);
  const [findText, setFindText] = useState(target.find ?? '');
  const query = useDebounced(findText, 250);
  const find = useFind(target.documentId, query);
  const matches = useMemo(() => (query.trim() && find.data ? find.data.matches : []), [query, find.data]);
  // The position belongs to one result list: a new list starts again at its first match.
  const [pos, setPos] = useState<{ list: readonly TextRange[]; index: number }>({ list: matches, index: 0 });
  const index = pos.list === matches ? pos.index : 0;

  const marks: SpanMark[] = useMemo(() => matches.map((m, i) => ({ id: String(i), span: m })), [matches]);
  const current = matches[index] ?? null;
  const active = current ?? target.span ?? null;
  const step = (d: number) => {
    if (matches.length === 0) return;
    setPos({ list: matches, index: (index + d + matches.length) % matches.length });
  };

  if (text.isPending) return <Skeleton active />;
  if (text.isError) {
    if (errorCode(text.error) === 'NOT_FOUND') {
      return (
        <Alert
          type="warning"
          showIcon
          title={t('review.reader.gone')}
          description={target.quote ? `“${target.quote}”` : undefined}
          data-testid="reader-gone"
        />
      );
    }
    return <ErrorAlert error={text.error} onRetry={() => void text.refetch()} />;
  }
  if (!text.data.text) {
    return <Alert type="warning" showIcon title={t('review.reader.noText')} data-testid="reader-no-text" />;
  }
  return (
    <div data-testid="reader">
      <Space style={{ marginBottom: 12 }} wrap>
        <Input
          allowClear
          value={findText}
          onChange={(e) => setFindText(e.target.value)}
          onPressEnter={(e) => step(e.shiftKey ? -1 : 1)}
          placeholder={t('review.reader.findPlaceholder')}
          style={{ width: 260 }}
          data-testid="reader-find"
          autoFocus={!target.span}
        />
        <Tooltip title={`${t('review.reader.prev')} (Shift+Enter)`}>
          <Button icon={<UpOutlined />} onClick={() => step(-1)} disabled={matches.length === 0} data-testid="reader-prev" aria-label={t('review.reader.prev')} />
        </Tooltip>
        <Tooltip title={`${t('review.reader.next')} (Enter)`}>
          <Button icon={<DownOutlined />} onClick={() => step(1)} disabled={matches.length === 0} data-testid="reader-next" aria-label={t('review.reader.next')} />
        </Tooltip>
        {query.trim() !== '' && find.data && (
          <Typography.Text type={matches.length ? undefined : 'secondary'} data-testid="reader-count">
            {matches.length ? t('review.reader.matches', { current: index + 1, total: matches.length }) : t('review.reader.noMatch')}
          </Typography.Text>
        )}
        {find.data?.truncated && <Tag color="warning">{t('review.reader.truncated', { count: matches.length })}</Tag>}
      </Space>
      <SourceText text={text.data.text} marks={marks} active={active} block={target.block ?? null} height="calc(100vh - 180px)" />
    </div>
  );
}

export function DocumentReader({ target, onClose }: { target: ReaderTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={780}
      title={target ? t('review.reader.title', { name: target.title }) : ''}
      destroyOnHidden
      data-testid="reader-drawer"
    >
      {/* Keyed so a new target starts with fresh find state. */}
      {target && <ReaderBody key={`${target.documentId}:${target.span?.start ?? ''}:${target.find ?? ''}`} target={target} />}
    </Drawer>
  );
}
