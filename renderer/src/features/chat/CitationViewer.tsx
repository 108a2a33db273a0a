import { Alert, Button, Modal, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatCitation, ChatPassage, TextRange } from '../../../../shared/contract/llm';
import { useDocumentText } from '../../api/hooks';
import { ErrorAlert } from '../../ui/errors';
import { Highlighted } from './Passage';

export function CitationStatusTag({ citation }: { citation: ChatCitation }) {
  const { t } = useTranslation();
  return citation.verified ? (
    <Tag color="green" data-testid="citation-verified">
      {t('chat.verified')}
    </Tag>
  ) : (
    <Tag color="orange" data-testid="citation-unverified">
      {t('chat.unverified')}
    </Tag>
  );
}

/** The whole document with the quoted range marked and scrolled into view. */
function DocumentWithQuote({ documentId, range }: { documentId: string; range: TextRange }) {
  const { t } = useTranslation();
  const text = useDocumentText(documentId);
  const box = useRef<HTMLDivElement>(null);
  const loaded = text.data !== undefined;
  useEffect(() => {
    if (loaded) box.current?.querySelector('mark')?.scrollIntoView({ block: 'center' });
  }, [loaded]);
  if (text.isPending) return <Skeleton active />;
  if (text.isError) return <ErrorAlert error={text.error} onRetry={() => void text.refetch()} />;
  if (!text.data.text) return <Typography.Text type="secondary">{t('chat.noText')}</Typography.Text>;
  return (
    <div
      ref={box}
      data-testid="citation-document"
      style={{ maxHeight: 360, overflow: 'auto', border: '1px solid #f0f0f0', borderRadius: 6, padding: 12, lineHeight: 1.8, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
    >
      <Highlighted text={text.data.text} ranges={[range]} markTestId="citation-mark" />
    </div>
  );
}

/**
 * Opens the exact passage a citation points at: the document title, the passage with the quote
 * marked (verified) or the model's quote beside the passage it claimed (unverified), and on
 * request the whole document scrolled to the quote.
 */
export function CitationViewer({
  citation,
  passages,
  onClose,
}: {
  citation: ChatCitation | null;
  passages: readonly ChatPassage[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [showDocument, setShowDocument] = useState(false);
  const passage = citation ? passages.find((p) => p.n === citation.passage) : undefined;
  const verifiedRange: TextRange | null =
    citation?.verified && citation.start !== null && citation.end !== null ? { start: citation.start, end: citation.end } : null;
  const inPassage =
    verifiedRange && passage && passage.documentId === citation?.documentId && verifiedRange.start >= passage.start && verifiedRange.end <= passage.end
      ? { start: verifiedRange.start - passage.start, end: verifiedRange.end - passage.start }
      : null;
  const title = citation?.documentTitle ?? passage?.documentTitle ?? '';

  return (
    <Modal
      open={citation !== null}
      onCancel={() => {
        setShowDocument(false);
        onClose();
      }}
      footer={null}
      width={720}
      destroyOnHidden
      title={
        <Space size={8} wrap>
          <span>{citation ? `[${citation.passage}]` : ''}</span>
          <span data-testid="citation-title">{title || t('chat.untitled')}</span>
          {citation && <CitationStatusTag citation={citation} />}
        </Space>
      }
    >
      {citation && (
        <div data-testid="citation-viewer">
          {!citation.verified && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t(`chat.citationStatus.${citation.status}`, { n: citation.foundIn ?? '?' })}
            />
          )}
          <Typography.Text type="secondary">{t('chat.quote')}</Typography.Text>
          <blockquote style={{ margin: '4px 0 12px', padding: '4px 12px', borderLeft: '3px solid #d9d9d9' }} data-testid="citation-quote">
            {citation.quote}
          </blockquote>
          {passage ? (
            <>
              <Typography.Text type="secondary">{t('chat.passageN', { n: passage.n })}</Typography.Text>
              <div style={{ margin: '4px 0 12px', lineHeight: 1.8, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="citation-passage">
                <Highlighted text={passage.text} ranges={inPassage ? [inPassage] : []} markTestId="citation-mark" />
              </div>
            </>
          ) : (
            <Typography.Paragraph type="secondary">{t('chat.noSuchPassage')}</Typography.Paragraph>
          )}
          {verifiedRange && citation.documentId && (
            <>
              {!showDocument ? (
                <Button onClick={() => setShowDocument(true)} data-testid="citation-open-document">
                  {t('chat.openDocument')}
                </Button>
              ) : (
                <DocumentWithQuote documentId={citation.documentId} range={verifiedRange} />
              )}
            </>
          )}
        </div>
      )}
    </Modal>
  );
}
