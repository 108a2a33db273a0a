import { Card, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatPassage, TextRange } from '../../../../shared/contract/llm';

const MARK_STYLE = { background: '#ffe58f', padding: '0 1px', borderRadius: 2 } as const;

/** `text` with the given [start, end) ranges marked; overlapping or out-of-range ranges are clipped. */
export function Highlighted({ text, ranges, markTestId }: { text: string; ranges: readonly TextRange[]; markTestId?: string }) {
  const sorted = [...ranges]
    .map((r) => ({ start: Math.max(0, Math.min(text.length, r.start)), end: Math.max(0, Math.min(text.length, r.end)) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const out: ReactNode[] = [];
  let at = 0;
  for (const r of sorted) {
    const start = Math.max(r.start, at);
    if (r.end <= start) continue;
    if (start > at) out.push(text.slice(at, start));
    out.push(
      <mark key={start} style={MARK_STYLE} data-testid={markTestId}>
        {text.slice(start, r.end)}
      </mark>,
    );
    at = r.end;
  }
  if (at < text.length) out.push(text.slice(at));
  return <>{out}</>;
}

/** One retrieved passage: its number, the document it comes from, and the matched words marked. */
export function PassageCard({ passage, extra }: { passage: ChatPassage; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid={`chat-passage-${passage.n}`}>
      <Space size={6} wrap style={{ marginBottom: 4 }}>
        <Tag color="blue">[{passage.n}]</Tag>
        <Typography.Text strong>{passage.documentTitle || t('chat.untitled')}</Typography.Text>
        {passage.score === 0 && <Tag>{t('chat.noMatchFallback')}</Tag>}
        {extra}
      </Space>
      <div style={{ lineHeight: 1.8, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        <Highlighted text={passage.text} ranges={passage.highlights} markTestId="chat-hit" />
      </div>
    </Card>
  );
}
