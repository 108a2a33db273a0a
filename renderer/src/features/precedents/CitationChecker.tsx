import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Input, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Citation, CitedArticle, CiteOutput } from '../../../../shared/contract/precedents';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../ui/errors';

type Status = Citation['status'];

/** ok is green; a version mismatch is orange (the article exists elsewhere); anything missing is red. */
export function citationTone(status: Status): 'ok' | 'warn' | 'bad' {
  if (status === 'ok') return 'ok';
  if (status === 'not_in_version') return 'warn';
  return 'bad';
}

const TONE = {
  ok: { color: 'success', icon: <CheckCircleFilled />, mark: '#d9f7be' },
  warn: { color: 'warning', icon: <ExclamationCircleFilled />, mark: '#ffe7ba' },
  bad: { color: 'error', icon: <CloseCircleFilled />, mark: '#ffccc7' },
} as const;

export function StatusTag({ status, testId }: { status: Status; testId?: string }) {
  const { t } = useTranslation();
  const tone = TONE[citationTone(status)];
  return (
    <Tag color={tone.color} icon={tone.icon} data-testid={testId} data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`precedents.statutes.citeStatus.${status}`)}
    </Tag>
  );
}

function articleLabel(t: (k: string, o?: Record<string, unknown>) => string, a: CitedArticle): string {
  const parts = [a.sub > 0 ? t('precedents.statutes.articleLabelSub', { n: a.number, sub: a.sub }) : t('precedents.statutes.articleLabel', { n: a.number })];
  if (a.paragraph !== null) parts.push(t('precedents.statutes.paragraph', { n: a.paragraph }));
  if (a.item !== null) parts.push(t('precedents.statutes.item', { n: a.item }));
  return parts.join(t('precedents.statutes.joiner'));
}

/** The checked text with every citation marked in its status colour. */
function MarkedText({ text, citations }: { text: string; citations: readonly Citation[] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  [...citations]
    .sort((a, b) => a.start - b.start)
    .forEach((c, i) => {
      if (c.start < at) return;
      if (c.start > at) parts.push(text.slice(at, c.start));
      parts.push(
        <mark key={i} style={{ background: TONE[citationTone(c.status)].mark, padding: '0 2px', borderRadius: 2 }}>
          {text.slice(c.start, c.end)}
        </mark>,
      );
      at = c.end;
    });
  if (at < text.length) parts.push(text.slice(at));
  return <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.9, background: '#fafafa', padding: '8px 12px', borderRadius: 6 }}>{parts}</div>;
}

export function CitationResult({ citation, index }: { citation: Citation; index: number }) {
  const { t } = useTranslation();
  const c = citation;
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid="cite-item" data-status={c.status}>
      <Space size={8} wrap style={{ marginBottom: 4 }}>
        <Typography.Text type="secondary">{index + 1}.</Typography.Text>
        <Typography.Text strong data-testid="cite-raw">
          {c.raw}
        </Typography.Text>
        <StatusTag status={c.status} testId="cite-status" />
      </Space>
      <div style={{ fontSize: 13 }}>
        {c.law ? (
          <Typography.Text data-testid="cite-law">
            {c.law.title}
            <Typography.Text type="secondary">
              {' '}
              · {c.law.version ? t('precedents.statutes.version', { version: c.law.version }) : t('precedents.statutes.versionUnknown')}
              {' · '}
              {c.law.effectiveFrom ? t('precedents.statutes.effective', { date: c.law.effectiveFrom }) : t('precedents.statutes.effectiveUnknown')}
            </Typography.Text>
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('precedents.statutes.lawAsWritten', { text: c.lawText })}</Typography.Text>
        )}
        {c.otherVersions.length > 0 && (
          <div>
            <Typography.Text type="secondary">{t('precedents.statutes.otherVersions', { versions: c.otherVersions.join(t('precedents.punct.list')) })}</Typography.Text>
          </div>
        )}
      </div>
      {c.articles.map((a, i) => (
        <div key={i} style={{ marginTop: 8, paddingLeft: 10, borderLeft: `3px solid ${a.status === 'ok' ? '#95de64' : a.status === 'not_in_version' ? '#ffc069' : '#ff7875'}` }} data-testid="cite-article" data-status={a.status}>
          <Space size={8} wrap>
            <Typography.Text strong>{articleLabel(t, a)}</Typography.Text>
            {c.articles.length > 1 && <StatusTag status={a.status} />}
          </Space>
          {a.text !== null ? (
            <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8, marginTop: 2 }} data-testid="cite-text">
              {a.text}
            </div>
          ) : (
            <div data-testid="cite-no-text">
              <Typography.Text type="danger">{t('precedents.statutes.citeNoText')}</Typography.Text>
            </div>
          )}
          {a.note && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="cite-note">
              {a.note}
            </Typography.Text>
          )}
        </div>
      ))}
    </Card>
  );
}

/** Paste text, get every statute citation in it resolved to its article text and version, or flagged. */
export function CitationChecker() {
  const { t } = useTranslation();
  const api = useApi();
  const [text, setText] = useState('');
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const [result, setResult] = useState<{ text: string; out: CiteOutput } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const out = await api['statutes.cite']({ text, ...(asOf ? { asOf: asOf.format('YYYY-MM-DD') } : {}) });
      setResult({ text, out });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const citations = result?.out.citations ?? [];
  const ok = citations.filter((c) => c.status === 'ok').length;
  return (
    <Card size="small" title={t('precedents.statutes.citeTitle')} style={{ marginBottom: 16 }} data-testid="cite-card">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('precedents.statutes.citeHelp')}
      </Typography.Paragraph>
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 3, maxRows: 10 }}
        placeholder={t('precedents.statutes.citePlaceholder')}
        data-testid="cite-input"
        maxLength={200_000}
      />
      <Space style={{ marginTop: 8 }} wrap>
        <Button type="primary" onClick={() => void run()} disabled={!text.trim()} loading={busy} data-testid="cite-run">
          {t('precedents.statutes.cite')}
        </Button>
        <Typography.Text type="secondary">{t('precedents.statutes.asOf')}</Typography.Text>
        <DatePicker value={asOf} onChange={setAsOf} placeholder={t('precedents.statutes.asOfPlaceholder')} data-testid="cite-as-of" />
      </Space>
      {error !== null && (
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={error} />
        </div>
      )}
      {result && (
        <div style={{ marginTop: 12 }} data-testid="cite-results">
          {citations.length === 0 ? (
            <Alert type="info" showIcon title={t('precedents.statutes.citeNone')} data-testid="cite-none" />
          ) : (
            <>
              <Alert
                type={ok === citations.length ? 'success' : 'warning'}
                showIcon
                title={t('precedents.statutes.citeSummary', { total: citations.length, ok, bad: citations.length - ok })}
                style={{ marginBottom: 8 }}
                data-testid="cite-summary"
              />
              <MarkedText text={result.text} citations={citations} />
              <div style={{ marginTop: 8 }}>
                {citations.map((c, i) => (
                  <CitationResult key={`${c.start}-${c.end}`} citation={c} index={i} />
                ))}
              </div>
            </>
          )}
        </div>
      )}
    </Card>
  );
}
