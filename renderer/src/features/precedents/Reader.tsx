import { CheckOutlined } from '@ant-design/icons';
import { Descriptions, Drawer, Skeleton, Space, Switch, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeatureTag, PrecedentDetail, SearchHit } from '../../../../shared/contract/precedents';
import { ErrorAlert } from '../../ui/errors';
import { formatFen } from '../../ui/money';
import { AuthorityTag } from './AuthorityTag';
import { Highlighted, termMarks, type TextMark } from './Highlight';
import { usePrecedent } from './hooks';

export interface ReaderTarget {
  readonly id: string;
  /** The hit it was opened from: its passages and terms are highlighted in the text. */
  readonly hit: SearchHit | null;
  /** Scroll to this passage of the hit once the text is shown. */
  readonly passage: number | null;
}

const anchorOf = (i: number) => `prec-reader-passage-${i}`;

function Features({ items, shared, color }: { items: readonly FeatureTag[]; shared: ReadonlySet<string>; color: string }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {items.map((f) => (
        <Tag key={f.id} color={shared.has(f.id) ? color : undefined} icon={shared.has(f.id) ? <CheckOutlined /> : undefined}>
          {f.label}
        </Tag>
      ))}
    </Space>
  );
}

function ReaderBody({ detail, hit, passage }: { detail: PrecedentDetail; hit: SearchHit | null; passage: number | null }) {
  const { t } = useTranslation();
  const [showTerms, setShowTerms] = useState(true);
  const passages = useMemo(() => hit?.explanation.passages ?? [], [hit]);
  const terms = useMemo(() => hit?.explanation.matchedTerms.map((m) => m.term) ?? [], [hit]);
  const sharedElements = new Set(hit?.explanation.sharedElements.map((f) => f.id) ?? []);
  const sharedRelationships = new Set(hit?.explanation.sharedRelationships.map((f) => f.id) ?? []);

  useEffect(() => {
    if (passage === null) return;
    // After the drawer's open animation has laid the text out.
    const timer = setTimeout(() => document.getElementById(anchorOf(passage))?.scrollIntoView({ block: 'center', behavior: 'smooth' }), 150);
    return () => clearTimeout(timer);
  }, [passage, detail.id]);

  const jump = (i: number) => document.getElementById(anchorOf(i))?.scrollIntoView({ block: 'center', behavior: 'smooth' });

  return (
    <div data-testid="prec-reader-body">
      <Space size={8} wrap style={{ marginBottom: 8 }}>
        <AuthorityTag level={detail.authority} />
        {detail.causes.map((c) => (
          <Tag key={c}>{c}</Tag>
        ))}
      </Space>
      <Descriptions
        size="small"
        column={2}
        bordered
        items={[
          { key: 'court', label: t('precedents.reader.court'), children: `${detail.court || t('common.none')}${t('precedents.punct.paren', { text: t(`precedents.courtLevel.${detail.courtLevel}`) })}` },
          { key: 'date', label: t('precedents.hit.decidedOn'), children: detail.decidedOn ?? detail.year ?? t('common.none') },
          { key: 'caseNumber', label: t('precedents.reader.caseNumber'), children: detail.caseNumber || t('common.none') },
          { key: 'procedure', label: t('precedents.reader.procedure'), children: `${t(`precedents.procedure.${detail.procedure}`)} · ${t(`precedents.docKind.${detail.docKind}`)}` },
          { key: 'source', label: t('precedents.reader.source'), children: <span data-testid="prec-reader-source">{detail.source}</span> },
          { key: 'ref', label: t('precedents.reader.sourceRef'), children: <Typography.Text copyable style={{ wordBreak: 'break-all' }}>{detail.sourceRef || t('common.none')}</Typography.Text> },
          {
            key: 'principal',
            label: t('precedents.reader.principal'),
            children: detail.principalFen !== null ? formatFen(detail.principalFen) : t('common.none'),
          },
          {
            key: 'hash',
            label: t('precedents.reader.hash'),
            children: (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} title={detail.contentHash}>
                {detail.contentHash.slice(0, 12)} · {t('precedents.reader.chars')} {detail.chars}
              </Typography.Text>
            ),
          },
          { key: 'elements', label: t('precedents.reader.elements'), span: 2, children: <Features items={detail.elements} shared={sharedElements} color="cyan" /> },
          {
            key: 'relationships',
            label: t('precedents.reader.relationships'),
            span: 2,
            children: <Features items={detail.relationships} shared={sharedRelationships} color="purple" />,
          },
        ]}
      />
      {hit && (
        <div style={{ marginTop: 12, display: 'flex', gap: 12, alignItems: 'flex-start', flexWrap: 'wrap' }}>
          <div style={{ flex: 1, minWidth: 260 }}>
            <Typography.Text type="secondary">{t('precedents.reader.passages')}</Typography.Text>
            <div>
              {passages.map((p, i) => (
                <Tag key={`${p.section}-${p.start}`} color="blue" style={{ cursor: 'pointer', marginTop: 4 }} onClick={() => jump(i)}>
                  {i + 1}. {t(`precedents.section.${p.section}`)}
                </Tag>
              ))}
            </div>
          </div>
          <Space>
            <Switch size="small" checked={showTerms} onChange={setShowTerms} data-testid="prec-reader-terms" />
            <Typography.Text>{t('precedents.reader.highlightTerms')}</Typography.Text>
          </Space>
        </div>
      )}
      <div style={{ marginTop: 12 }}>
        {detail.sections.map((s) => {
          const marks: TextMark[] = [];
          passages.forEach((p, i) => {
            if (p.section !== s.name) return;
            marks.push({ start: p.start, end: p.end, kind: 'passage', anchor: anchorOf(i) });
            for (const h of p.highlights) marks.push({ start: h.start, end: h.end, kind: 'hit' });
          });
          if (showTerms) marks.push(...termMarks(s.text, terms));
          return (
            <section key={s.name} data-testid={`prec-reader-section-${s.name}`} style={{ marginBottom: 14 }}>
              <div style={{ borderLeft: '3px solid #a61d24', paddingLeft: 8, fontWeight: 600, marginBottom: 4 }}>
                {t(`precedents.section.${s.name}`)}
              </div>
              <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.9, wordBreak: 'break-word', fontSize: 14 }}>
                {s.text ? <Highlighted text={s.text} marks={marks} hitTestId="prec-reader-mark" /> : <Typography.Text type="secondary">{t('precedents.reader.empty')}</Typography.Text>}
              </div>
            </section>
          );
        })}
      </div>
    </div>
  );
}

/** The full precedent in a side drawer, sectioned, with the passages that matched marked. */
export function PrecedentReader({ target, onClose }: { target: ReaderTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const q = usePrecedent(target?.id ?? null);
  const title = q.data ? q.data.caseNumber || q.data.title : target?.hit?.precedent.caseNumber || t('precedents.reader.title');
  return (
    <Drawer open={target !== null} onClose={onClose} size={800} title={<span data-testid="prec-reader-title">{title}</span>} destroyOnHidden>
      <div data-testid="prec-reader">
        {q.isPending && <Skeleton active />}
        {q.isError && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
        {q.data && target && <ReaderBody detail={q.data} hit={target.hit} passage={target.passage} />}
      </div>
    </Drawer>
  );
}
