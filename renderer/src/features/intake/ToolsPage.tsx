import { CalculatorOutlined, FieldTimeOutlined } from '@ant-design/icons';
import { Alert, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Segmented, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { computeDeadline, DEADLINE_KINDS, DEADLINE_PROCEDURES, type DeadlineInput, type DeadlineKind, type DeadlineProcedure, type DeadlineResult } from '../../../../shared/rules/deadlines';
import { DEFAULT_CALENDAR } from '../../../../shared/rules/defaultCalendar';
import { RuleInputError } from '../../../../shared/rules/errors';
import { CLOSINGS, FEE_KINDS, PROCEDURES, type Closing, type FeeKind, type Procedure } from '../../../../shared/rules/fees';
import { formatYuan, toChineseCapital, tryParseAmount } from '../../../../shared/rules/money';
import { ErrorAlert } from '../../ui/errors';
import { PageTitle } from '../../ui/EmptyState';
import { DeadlineSteps, dayWithWeekday, FeeDetail } from './FeeDeadlineViews';
import { formatArticle, pick, todayIso, useLang } from './format';
import { useFeePreview } from './hooks';

/** Kinds that take an amount (the others are per case). */
const AMOUNT_KINDS: ReadonlySet<FeeKind> = new Set<FeeKind>(['property', 'divorce', 'personality', 'ip', 'enforcement', 'preservation', 'payment-order', 'bankruptcy']);

function FeeCalculator() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<FeeKind>('property');
  const [amount, setAmount] = useState('5万元');
  const [procedure, setProcedure] = useState<Procedure>('ordinary');
  const [closing, setClosing] = useState<Closing>('judgment');
  const [counterclaim, setCounterclaim] = useState(false);
  const [adminCategory, setAdminCategory] = useState<'trademark-patent-maritime' | 'other'>('other');

  const needsAmount = AMOUNT_KINDS.has(kind);
  const fen = amount.trim() === '' ? null : tryParseAmount(amount.trim());
  const amountBad = needsAmount && amount.trim() !== '' && fen === null;
  const fee = useFeePreview(
    amountBad
      ? null
      : {
          kind,
          amountFen: needsAmount ? fen : null,
          procedure,
          closing,
          joinedCounterclaim: counterclaim,
          ...(kind === 'administrative' ? { administrativeCategory: adminCategory } : {}),
        },
  );

  return (
    <Card
      title={
        <Space>
          <CalculatorOutlined />
          {t('intake.tools.feeTitle')}
        </Space>
      }
      data-testid="fee-calculator"
    >
      <Form layout="vertical">
        <Form.Item label={t('intake.tools.feeKind')}>
          <Select<FeeKind>
            value={kind}
            onChange={setKind}
            options={FEE_KINDS.map((k) => ({ value: k, label: t(`intake.feeKinds.${k}`) }))}
            data-testid="tool-fee-kind"
          />
        </Form.Item>
        {needsAmount && (
          <Form.Item
            label={t('intake.tools.amount')}
            validateStatus={amountBad ? 'error' : undefined}
            help={
              amountBad ? (
                t('intake.tools.amountBad')
              ) : fen !== null ? (
                <span data-testid="tool-amount-parsed">
                  = ¥{formatYuan(fen)} · {toChineseCapital(fen, { prefix: true })}
                </span>
              ) : (
                t('intake.tools.amountHelp')
              )
            }
          >
            <Input value={amount} onChange={(e) => setAmount(e.target.value)} placeholder={t('intake.tools.amountPlaceholder')} data-testid="tool-fee-amount" />
          </Form.Item>
        )}
        {kind === 'administrative' && (
          <Form.Item label={t('intake.tools.adminCategory')}>
            <Segmented
              value={adminCategory}
              onChange={(v) => setAdminCategory(v as 'trademark-patent-maritime' | 'other')}
              options={[
                { value: 'other', label: t('intake.tools.adminOther') },
                { value: 'trademark-patent-maritime', label: t('intake.tools.adminTpm') },
              ]}
            />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label={t('intake.tools.procedure')}>
              <Segmented<Procedure>
                value={procedure}
                onChange={setProcedure}
                options={PROCEDURES.map((p) => ({ value: p, label: t(`intake.feeProcedures.${p}`) }))}
                data-testid="tool-fee-procedure"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('intake.tools.closing')}>
              <Segmented<Closing> value={closing} onChange={setClosing} options={CLOSINGS.map((c) => ({ value: c, label: t(`intake.closings.${c}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Checkbox checked={counterclaim} onChange={(e) => setCounterclaim(e.target.checked)}>
          {t('intake.tools.counterclaim')}
        </Checkbox>
      </Form>
      <div style={{ marginTop: 16 }}>
        {fee.isError && <ErrorAlert error={fee.error} />}
        {fee.data && !amountBad && <FeeDetail fee={fee.data} testid="tool-fee-result" />}
      </div>
    </Card>
  );
}

const DAY_KINDS: ReadonlySet<DeadlineKind> = new Set<DeadlineKind>(['answer', 'evidence', 'custom']);

function startLabelKey(kind: DeadlineKind): string {
  switch (kind) {
    case 'trial-limit':
    case 'filing-decision':
      return 'intake.tools.start.filing';
    case 'hearing-notice':
      return 'intake.tools.start.hearing';
    case 'limitation':
      return 'intake.tools.start.knowledge';
    case 'publication':
      return 'intake.tools.start.publication';
    case 'preservation-suit':
      return 'intake.tools.start.preservation';
    case 'fee-payment':
      return 'intake.tools.start.notice';
    default:
      return 'intake.tools.start.service';
  }
}

function DeadlineCalculator() {
  const { t } = useTranslation();
  const lang = useLang();
  const [kind, setKind] = useState<DeadlineKind>('answer');
  const [start, setStart] = useState<Dayjs>(() => dayjs(todayIso()));
  const [procedure, setProcedure] = useState<DeadlineProcedure>('ordinary');
  const [days, setDays] = useState<number | null>(null);
  const [months, setMonths] = useState<number | null>(null);
  const [foreign, setForeign] = useState(false);
  const [extension, setExtension] = useState<number | null>(null);

  const result = useMemo((): { ok: DeadlineResult } | { error: string } => {
    const input: DeadlineInput = {
      kind,
      start: start.format('YYYY-MM-DD'),
      procedure,
      ...(days !== null && DAY_KINDS.has(kind) ? { days } : {}),
      ...(months !== null && kind === 'custom' && days === null ? { months } : {}),
      ...(foreign ? { foreignDomicile: true } : {}),
      ...(extension !== null && kind === 'trial-limit' ? { extensionMonths: extension } : {}),
      ...(kind === 'limitation' ? { asOf: todayIso() } : {}),
    };
    try {
      return { ok: computeDeadline(input, { calendar: DEFAULT_CALENDAR }) };
    } catch (err) {
      if (err instanceof RuleInputError) return { error: lang === 'en' ? err.message : err.zh };
      return { error: err instanceof Error ? err.message : String(err) };
    }
  }, [kind, start, procedure, days, months, foreign, extension, lang]);

  return (
    <Card
      title={
        <Space>
          <FieldTimeOutlined />
          {t('intake.tools.deadlineTitle')}
        </Space>
      }
      data-testid="deadline-calculator"
    >
      <Form layout="vertical">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label={t('intake.tools.deadlineKind')}>
              <Select<DeadlineKind>
                value={kind}
                onChange={(k) => {
                  setKind(k);
                  setDays(null);
                  setMonths(null);
                }}
                options={DEADLINE_KINDS.map((k) => ({ value: k, label: t(`intake.deadlineKinds.${k}`) }))}
                data-testid="tool-deadline-kind"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t(startLabelKey(kind))}>
              <DatePicker style={{ width: '100%' }} value={start} allowClear={false} onChange={(d) => d && setStart(d)} data-testid="tool-deadline-start" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('intake.tools.procedure')}>
              <Select<DeadlineProcedure>
                value={procedure}
                onChange={setProcedure}
                options={DEADLINE_PROCEDURES.map((p) => ({ value: p, label: t(`intake.deadlineProcedures.${p}`) }))}
                data-testid="tool-deadline-procedure"
              />
            </Form.Item>
          </Col>
          {DAY_KINDS.has(kind) && (
            <Col xs={12} md={6}>
              <Form.Item label={t('intake.tools.days')}>
                <InputNumber min={0} max={3660} value={days} onChange={setDays} style={{ width: '100%' }} placeholder={t('intake.tools.default')} />
              </Form.Item>
            </Col>
          )}
          {kind === 'custom' && (
            <Col xs={12} md={6}>
              <Form.Item label={t('intake.tools.months')}>
                <InputNumber min={0} max={360} value={months} onChange={setMonths} style={{ width: '100%' }} disabled={days !== null} />
              </Form.Item>
            </Col>
          )}
          {kind === 'trial-limit' && (
            <Col xs={12} md={6}>
              <Form.Item label={t('intake.tools.extension')}>
                <InputNumber min={0} max={120} value={extension} onChange={setExtension} style={{ width: '100%' }} placeholder="0" />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Checkbox checked={foreign} onChange={(e) => setForeign(e.target.checked)}>
          {t('intake.tools.foreign')}
        </Checkbox>
      </Form>
      <div style={{ marginTop: 16 }} data-testid="tool-deadline-result">
        {'error' in result ? (
          <Alert type="error" showIcon title={result.error} />
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space align="baseline" wrap>
              <Typography.Text type="secondary">{kind === 'hearing-notice' ? t('intake.tools.serveBy') : t('intake.tools.dueOn')}</Typography.Text>
              <Typography.Text strong style={{ fontSize: 22, color: '#a61d24' }} data-testid="tool-deadline-due">
                {dayWithWeekday(result.ok.due, lang)}
              </Typography.Text>
              {result.ok.rolledOver && <Typography.Text type="secondary">{t('intake.tools.rolled', { raw: result.ok.rawEnd })}</Typography.Text>}
            </Space>
            <DeadlineSteps steps={result.ok.steps} warnings={result.ok.warnings} />
            {result.ok.milestones.map((m) => (
              <div key={m.date}>
                <Typography.Text type="secondary">{pick(m.label, lang)}：</Typography.Text>
                {dayWithWeekday(m.date, lang)}
              </div>
            ))}
            <div>
              <Typography.Text type="secondary">{t('intake.fee.article')}</Typography.Text>
              {formatArticle(result.ok.article, lang)}
            </div>
          </Space>
        )}
      </div>
    </Card>
  );
}

/** 立案工具: fee and deadline calculators for the counter, with the working shown. */
export function ToolsPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="intake-tools">
      <PageTitle>{t('intake.tools.title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('intake.tools.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <FeeCalculator />
        </Col>
        <Col xs={24} xl={12}>
          <DeadlineCalculator />
        </Col>
      </Row>
    </div>
  );
}

