import { Descriptions, Empty, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Factor, FactorSource } from '../../../../shared/contract/mediation';

const WIDTH = 600;
const LABEL_W = 196;
/** Contributions are printed in their own column at the right, so a long bar never covers a label. */
const VALUE_W = 52;
const ROW_H = 40;
const PAD_TOP = 22;
const EASIER = '#389e0d';
const HARDER = '#cf1322';
const NEUTRAL = '#8c8c8c';

function signed(v: number): string {
  const r = Math.round(v * 100) / 100;
  return `${r > 0 ? '+' : r < 0 ? '−' : '±'}${Math.abs(r).toFixed(2)}`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function useFactorText() {
  const { i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  return {
    english,
    label: (f: Factor) => (english ? f.en : f.zh),
    value: (f: Factor) => (english ? f.valueEn : f.value),
  };
}

/**
 * Horizontal bars around a zero axis: right = easier, left = harder, length = log-odds
 * contribution. Plain SVG (no chart library is installed, and one is not needed for bars);
 * each row is a keyboard-reachable button that selects the factor.
 */
export function FactorChart({
  factors,
  selected,
  onSelect,
}: {
  factors: readonly Factor[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  const text = useFactorText();
  if (factors.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mediation.factors.empty')} />;
  const maxAbs = Math.max(0.5, ...factors.map((f) => Math.abs(f.contribution)));
  const chartLeft = LABEL_W + 12;
  const chartRight = WIDTH - VALUE_W - 8;
  const zero = (chartLeft + chartRight) / 2;
  const half = (chartRight - chartLeft) / 2 - 4;
  const height = PAD_TOP + factors.length * ROW_H + 8;
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      role="img"
      aria-label={t('mediation.factors.chartLabel')}
      data-testid="mediation-chart"
      style={{ display: 'block', maxWidth: WIDTH, fontFamily: 'inherit' }}
    >
      <text x={zero - 8} y={14} textAnchor="end" fontSize={12} fill={HARDER}>
        ← {t('mediation.factors.harder')}
      </text>
      <text x={zero + 8} y={14} fontSize={12} fill={EASIER}>
        {t('mediation.factors.easier')} →
      </text>
      <line x1={zero} x2={zero} y1={PAD_TOP - 4} y2={height - 4} stroke="#bfbfbf" />
      {factors.map((f, i) => {
        const y = PAD_TOP + i * ROW_H;
        const len = (Math.abs(f.contribution) / maxAbs) * half;
        const color = f.direction === 'easier' ? EASIER : f.direction === 'harder' ? HARDER : NEUTRAL;
        const x = f.contribution >= 0 ? zero : zero - len;
        const isSel = selected === f.id;
        return (
          <g
            key={f.id}
            role="button"
            tabIndex={0}
            aria-pressed={isSel}
            aria-label={`${text.label(f)} ${signed(f.contribution)}`}
            data-testid={`factor-bar-${f.id}`}
            data-contribution={f.contribution}
            style={{ cursor: 'pointer', outline: 'none' }}
            onClick={() => onSelect(f.id)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onSelect(f.id);
              }
            }}
          >
            <title>{`${text.label(f)}：${text.value(f)}（${signed(f.contribution)}）`}</title>
            <rect x={0} y={y} width={WIDTH} height={ROW_H - 4} rx={4} fill={isSel ? '#e6f4ff' : i % 2 ? '#fafafa' : '#ffffff'} />
            <text x={LABEL_W} y={y + 15} textAnchor="end" fontSize={13} fill="#262626" fontWeight={isSel ? 600 : 400}>
              {truncate(text.label(f), text.english ? 30 : 14)}
            </text>
            <text x={LABEL_W} y={y + 30} textAnchor="end" fontSize={11} fill="#8c8c8c">
              {truncate(text.value(f), text.english ? 32 : 16)}
            </text>
            <rect x={x} y={y + 8} width={Math.max(len, 2)} height={ROW_H - 20} rx={3} fill={color} opacity={isSel ? 1 : 0.85} />
            <text
              x={WIDTH - 4}
              y={y + 22}
              textAnchor="end"
              fontSize={12}
              fill={color}
              style={{ fontVariantNumeric: 'tabular-nums' }}
            >
              {signed(f.contribution)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function SourceQuote({ s }: { s: FactorSource }) {
  const { t } = useTranslation();
  const h = s.highlight;
  return (
    <div style={{ marginBottom: 6 }} data-testid="factor-source">
      <Tag>{t(`mediation.factors.kind.${s.kind}`)}</Tag>
      {/* The summary's label is its kind; say it once. */}
      {s.kind !== 'summary' && <Typography.Text type="secondary">{s.label}：</Typography.Text>}
      {h ? (
        <span>
          {s.quote.slice(0, h.start)}
          <mark>{s.quote.slice(h.start, h.end)}</mark>
          {s.quote.slice(h.end)}
        </span>
      ) : (
        <span>{s.quote}</span>
      )}
    </div>
  );
}

/** What a selected factor rests on: its value, weight, the spans and the documented basis. */
export function FactorDetail({ factor }: { factor: Factor | null }) {
  const { t } = useTranslation();
  const text = useFactorText();
  if (!factor) return <Typography.Text type="secondary">{t('mediation.factors.selectHint')}</Typography.Text>;
  return (
    <div data-testid="factor-detail">
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>{text.label(factor)}</Typography.Text>
        <Tag color={factor.direction === 'easier' ? 'green' : factor.direction === 'harder' ? 'red' : 'default'}>
          {t(`mediation.factors.${factor.direction}`)}
        </Tag>
        <Tag color={factor.judgment ? 'gold' : 'blue'}>{factor.judgment ? t('mediation.factors.judgment') : t('mediation.factors.published')}</Tag>
      </Space>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 3 }}
        items={[
          { key: 'value', label: t('mediation.factors.value'), children: text.value(factor) },
          { key: 'weight', label: t('mediation.factors.weight'), children: `${signed(factor.weight)} × ${factor.x}` },
          { key: 'contribution', label: t('mediation.factors.contribution'), children: signed(factor.contribution) },
        ]}
      />
      <div style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">{t('mediation.factors.sources')}：</Typography.Text>
        {factor.sources.length === 0 ? t('mediation.factors.noSource') : factor.sources.map((s, i) => <SourceQuote key={i} s={s} />)}
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        {t('mediation.factors.basis')}：{text.english ? factor.basis : factor.basisZh}
      </Typography.Paragraph>
    </div>
  );
}
