import { CheckCircleFilled, FileSearchOutlined, MinusCircleOutlined } from '@ant-design/icons';
import { Button, Card, Popover, Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Explanation, SearchHit } from '../../../../shared/contract/precedents';
import { formatFen } from '../../ui/money';
import { AuthorityTag } from './AuthorityTag';
import { fixed2, percent } from './format';
import { Highlighted, passageMarks } from './Highlight';

const COMPONENT_COLORS: Readonly<Record<string, string>> = {
  lexical: '#4096ff',
  keyTerms: '#69b1ff',
  cause: '#52c41a',
  elements: '#13c2c2',
  relationship: '#722ed1',
  amount: '#fa8c16',
  authority: '#a61d24',
};

/** One label/content pair of the explanation grid (two grid cells, so labels line up in any language). */
function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <Typography.Text type="secondary" style={{ fontSize: 13, whiteSpace: 'nowrap', lineHeight: '22px' }}>
        {label}
      </Typography.Text>
      <div style={{ minWidth: 0 }} data-testid={testId}>
        {children}
      </div>
    </>
  );
}

/** The score as a stacked bar of weighted components, with the arithmetic on hover. */
export function ScoreBar({ score, components }: { score: number; components: Explanation['components'] }) {
  const { t } = useTranslation();
  const name = (n: string) => {
    const key = `precedents.component.${n}`;
    const label = t(key);
    return label === key ? n : label;
  };
  const detail = (
    <div data-testid="prec-score-detail" style={{ fontSize: 13 }}>
      {components.map((c) => (
        <div key={c.name} style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
          <span style={{ width: 10, height: 10, borderRadius: 2, background: COMPONENT_COLORS[c.name] ?? '#bfbfbf', display: 'inline-block' }} />
          {t('precedents.hit.componentRow', {
            name: name(c.name),
            value: fixed2(c.value),
            weight: fixed2(c.weight),
            contribution: fixed2(c.value * c.weight),
          })}
        </div>
      ))}
    </div>
  );
  return (
    <Popover title={t('precedents.hit.components')} content={detail}>
      <div style={{ width: 132, cursor: 'help' }} data-testid="prec-score">
        <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 12 }}>
          <Typography.Text type="secondary">{t('precedents.hit.score')}</Typography.Text>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {percent(score)}
          </Typography.Text>
        </div>
        <div style={{ display: 'flex', height: 6, borderRadius: 3, overflow: 'hidden', background: '#f0f0f0', marginTop: 2 }}>
          {components.map((c) => (
            <div
              key={c.name}
              style={{ width: `${Math.max(0, c.value * c.weight) * 100}%`, background: COMPONENT_COLORS[c.name] ?? '#bfbfbf' }}
            />
          ))}
        </div>
      </div>
    </Popover>
  );
}

/** Court, date, cause, stage and source of a precedent, on one wrapped line. */
export function PrecedentMeta({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  const p = hit.precedent;
  const sep = <Typography.Text type="secondary">·</Typography.Text>;
  return (
    <Space size={6} wrap style={{ fontSize: 13 }} separator={sep}>
      <span>
        {p.court || t('common.none')}
        {p.courtLevel !== 'unknown' && (
          <Typography.Text type="secondary">{t('precedents.punct.paren', { text: t(`precedents.courtLevel.${p.courtLevel}`) })}</Typography.Text>
        )}
      </span>
      <span>{p.decidedOn ?? p.year ?? t('common.none')}</span>
      {p.causes.length > 0 && <span>{p.causes.join(t('precedents.punct.list'))}</span>}
      {p.procedure !== 'unknown' && <span>{t(`precedents.procedure.${p.procedure}`)}</span>}
      <Tooltip title={hit.explanation.source.ref}>
        <span data-testid="prec-source">
          <Typography.Text type="secondary">{t('precedents.hit.source')}{t('precedents.punct.colon')}</Typography.Text>
          {hit.explanation.source.name}
          {hit.explanation.source.ref && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('precedents.punct.paren', { text: hit.explanation.source.ref })}
            </Typography.Text>
          )}
        </span>
      </Tooltip>
    </Space>
  );
}

/** "Why it matches": cause, shared elements and relationships, amounts, matched terms and key passages. */
export function WhyItMatches({
  explanation,
  queryCause,
  onPassage,
}: {
  explanation: Explanation;
  /** The cause searched with, if any: without one, "different cause" would be meaningless. */
  queryCause: string | null;
  onPassage?: (index: number) => void;
}) {
  const { t } = useTranslation();
  const e = explanation;
  const terms = [...e.matchedTerms].sort((a, b) => b.weight - a.weight).slice(0, 14);
  const maxWeight = Math.max(0.0001, ...terms.map((m) => m.weight));
  return (
    <div
      data-testid="prec-why"
      style={{
        display: 'grid',
        gridTemplateColumns: 'max-content minmax(0, 1fr)',
        gap: '6px 12px',
        alignItems: 'baseline',
        background: '#fafafa',
        border: '1px solid #f0f0f0',
        borderRadius: 6,
        padding: '8px 12px',
        marginTop: 10,
      }}
    >
      <Row label={t('precedents.hit.why')}>
        <Space size={[4, 4]} wrap>
          {e.causeMatch ? (
            <Tag color="success" icon={<CheckCircleFilled />} data-testid="prec-cause-match">
              {t('precedents.hit.causeMatch')}
            </Tag>
          ) : (
            queryCause && (
              <Tag icon={<MinusCircleOutlined />} data-testid="prec-cause-differs">
                {t('precedents.hit.causeDiffers', { cause: queryCause })}
              </Tag>
            )
          )}
          {e.sharedElements.map((f) => (
            <Tooltip key={f.id} title={t('precedents.hit.sharedElements')}>
              <Tag color="cyan" data-testid="prec-shared-element">
                {f.label}
              </Tag>
            </Tooltip>
          ))}
          {e.sharedRelationships.map((f) => (
            <Tooltip key={f.id} title={t('precedents.hit.sharedRelationships')}>
              <Tag color="purple" data-testid="prec-shared-relationship">
                {f.label}
              </Tag>
            </Tooltip>
          ))}
        </Space>
      </Row>
      {e.amount && (
        <Row label={t('precedents.hit.amount')} testId="prec-amount">
          {t('precedents.hit.amountText', {
            query: formatFen(e.amount.queryFen),
            precedent: formatFen(e.amount.precedentFen),
            similarity: percent(e.amount.similarity),
          })}
        </Row>
      )}
      {terms.length > 0 && (
        <Row label={t('precedents.hit.matchedTerms')} testId="prec-terms">
          <Space size={[4, 4]} wrap>
            {terms.map((m) => (
              <Tooltip key={m.term} title={fixed2(m.weight)}>
                <Tag style={{ marginInlineEnd: 0, opacity: 0.55 + 0.45 * (m.weight / maxWeight) }} variant="filled" color="gold">
                  {m.term}
                </Tag>
              </Tooltip>
            ))}
          </Space>
        </Row>
      )}
      <Row label={t('precedents.hit.passages')}>
        {e.passages.length === 0 && <Typography.Text type="secondary">{t('precedents.hit.noPassage')}</Typography.Text>}
        {e.passages.map((p, i) => (
          <div key={`${p.section}-${p.start}`} style={{ marginBottom: 4, lineHeight: 1.8 }} data-testid="prec-passage">
            <Tag variant="filled" style={{ marginInlineEnd: 6 }}>
              {t(`precedents.section.${p.section}`)}
            </Tag>
            <span style={{ wordBreak: 'break-word' }}>
              <Highlighted text={p.text} marks={passageMarks(p)} />
            </span>
            {onPassage && (
              <Button type="link" size="small" onClick={() => onPassage(i)} style={{ paddingInline: 4 }}>
                {t('precedents.hit.showInText')}
              </Button>
            )}
          </div>
        ))}
      </Row>
    </div>
  );
}

/** One search result: what it is, where it comes from, how much it counts, and why it was found. */
export function ResultCard({
  hit,
  queryCause,
  onOpen,
}: {
  hit: SearchHit;
  queryCause: string | null;
  onOpen: (hit: SearchHit, passage: number | null) => void;
}) {
  const { t } = useTranslation();
  const p = hit.precedent;
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid={`prec-hit-${hit.rank}`} data-precedent-id={p.id}>
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Space size={8} wrap align="center">
            <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {hit.rank}.
            </Typography.Text>
            <AuthorityTag level={hit.explanation.authority.level} />
            <Typography.Link strong onClick={() => onOpen(hit, null)} data-testid="prec-hit-title" style={{ fontSize: 15 }}>
              {p.caseNumber || p.title || t('precedents.reader.title')}
            </Typography.Link>
            {p.caseNumber && p.title && <Typography.Text type="secondary">{p.title}</Typography.Text>}
          </Space>
          <div style={{ marginTop: 4 }}>
            <PrecedentMeta hit={hit} />
          </div>
        </div>
        <Space orientation="vertical" size={6} align="end">
          <ScoreBar score={hit.score} components={hit.explanation.components} />
          <Button size="small" icon={<FileSearchOutlined />} onClick={() => onOpen(hit, null)} data-testid="prec-hit-open">
            {t('precedents.hit.open')}
          </Button>
        </Space>
      </div>
      <WhyItMatches explanation={hit.explanation} queryCause={queryCause} onPassage={(i) => onOpen(hit, i)} />
    </Card>
  );
}
