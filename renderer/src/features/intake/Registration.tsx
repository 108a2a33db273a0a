import { AuditOutlined, FieldTimeOutlined, SendOutlined, SettingOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Empty, Input, Popconfirm, Radio, Row, Select, Skeleton, Space, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseDetail, Procedure } from '../../../../shared/contract/cases';
import type { Registration } from '../../../../shared/contract/intake';
import { FEE_KINDS, type FeeKind, type Procedure as FeeProcedure } from '../../../../shared/rules/fees';
import { useSettings } from '../../api/hooks';
import { ErrorAlert, issuesOf } from '../../ui/errors';
import { formatDateTime, testId } from '../../ui/format';
import { AmountText } from './ExtractionReview';
import { DeadlineTable, FeeDetail } from './FeeDeadlineViews';
import { todayIso, useLang } from './format';
import { ConvertProcedureModal, ExtendTrialLimitModal, RecordServiceModal, ServiceRecordsCard } from './ServiceAndExtension';
import { useCompleteness, useFeePreview, useRegister, useRegistration } from './hooks';

export const FEE_PROCEDURE: Readonly<Record<Procedure, FeeProcedure>> = {
  ordinary: 'ordinary',
  simplified: 'simplified',
  small_claims: 'small-claims',
};

const PROCEDURES: readonly Procedure[] = ['simplified', 'small_claims', 'ordinary'];

function isCourtProfileError(err: unknown): boolean {
  return issuesOf(err).some((i) => i.path.startsWith('settings.court'));
}

/** The court profile must exist before a number can be assigned: say so with a way to fix it. */
function CourtProfileMissing({ invalid }: { invalid?: boolean }) {
  const { t } = useTranslation();
  return (
    <div data-testid="court-profile-missing">
      <Alert
        type="error"
        showIcon
        title={invalid ? t('intake.register.courtInvalid') : t('intake.register.courtMissing')}
        action={
          <Link to="/settings">
            <Button size="small" icon={<SettingOutlined />} data-testid="go-settings">
              {t('intake.register.goSettings')}
            </Button>
          </Link>
        }
      />
    </div>
  );
}

export function RegisterStep({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const settings = useSettings();
  const check = useCompleteness(detail.id);
  const register = useRegister();
  const [procedure, setProcedure] = useState<Procedure>(detail.procedure ?? 'simplified');
  const [filedOn, setFiledOn] = useState<Dayjs>(() => dayjs(todayIso()));
  const [typeCode, setTypeCode] = useState('民初');
  const [feeKind, setFeeKind] = useState<FeeKind | 'auto'>('auto');

  const total = detail.claims.reduce((s, c) => s + (c.amountFen ?? 0), 0);
  const kind: FeeKind = feeKind === 'auto' ? (total > 0 ? 'property' : 'other-non-property') : feeKind;
  const fee = useFeePreview({ kind, amountFen: total > 0 ? total : null, procedure: FEE_PROCEDURE[procedure] });

  const court = settings.data?.court;
  const courtMissing = court !== undefined && court.code.trim() === '';
  const hasPlaintiff = detail.parties.some((p) => p.role === 'plaintiff');
  const hasDefendant = detail.parties.some((p) => p.role === 'defendant');
  const requiredMissing = check.data?.requiredCount ?? 0;
  const year = filedOn.year();
  const validType = /^[\u4e00-\u9fa5]{1,4}$/.test(typeCode);
  const canRegister = !courtMissing && hasPlaintiff && hasDefendant && validType && detail.status === 'active';

  const submit = async () => {
    try {
      await register.mutateAsync({
        caseId: detail.id,
        version: detail.version,
        procedure,
        typeCode,
        filedOn: filedOn.format('YYYY-MM-DD'),
        ...(feeKind !== 'auto' ? { feeKind } : {}),
      });
    } catch {
      // Shown below from register.error.
    }
  };

  return (
    <Row gutter={[16, 16]} data-testid="register-step">
      <Col xs={24} xl={14}>
        <Card size="small" title={t('intake.register.title')}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {courtMissing && <CourtProfileMissing />}
            {(!hasPlaintiff || !hasDefendant) && (
              <div data-testid="register-need-parties">
                <Alert type="warning" showIcon title={t('intake.register.needParties')} />
              </div>
            )}
            {requiredMissing > 0 && <Alert type="warning" showIcon title={t('intake.register.defectsOpen', { count: requiredMissing })} />}
            <div>
              <Typography.Text strong>{t('intake.register.procedure')}</Typography.Text>
              <Radio.Group
                value={procedure}
                onChange={(e) => setProcedure(e.target.value as Procedure)}
                style={{ display: 'grid', gap: 8, marginTop: 8, width: '100%' }}
                data-testid="register-procedure"
              >
                {PROCEDURES.map((p) => (
                  <Radio
                    key={p}
                    value={p}
                    data-testid={`register-procedure-${p}`}
                    style={{
                      alignItems: 'flex-start',
                      border: `1px solid ${procedure === p ? '#a61d24' : '#f0f0f0'}`,
                      borderRadius: 6,
                      padding: '8px 12px',
                      marginInlineEnd: 0,
                      background: procedure === p ? '#fff1f0' : undefined,
                    }}
                  >
                    <div>
                      <Typography.Text strong>{t(`enums.procedure.${p}`)}</Typography.Text>
                      <div style={{ color: '#595959', fontSize: 13 }}>{t(`intake.register.guidance.${p}`)}</div>
                    </div>
                  </Radio>
                ))}
              </Radio.Group>
            </div>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Typography.Text strong>{t('intake.register.filedOn')}</Typography.Text>
                <DatePicker
                  style={{ width: '100%', marginTop: 6 }}
                  value={filedOn}
                  allowClear={false}
                  onChange={(d) => d && setFiledOn(d)}
                  data-testid="register-filedOn"
                />
              </Col>
              <Col xs={24} md={6}>
                <Typography.Text strong>{t('intake.register.typeCode')}</Typography.Text>
                <Input
                  style={{ marginTop: 6 }}
                  value={typeCode}
                  maxLength={4}
                  status={validType ? undefined : 'error'}
                  onChange={(e) => setTypeCode(e.target.value.trim())}
                  data-testid="register-typeCode"
                />
              </Col>
              <Col xs={24} md={10}>
                <Typography.Text strong>{t('intake.register.feeKind')}</Typography.Text>
                <Select<FeeKind | 'auto'>
                  style={{ width: '100%', marginTop: 6 }}
                  value={feeKind}
                  onChange={setFeeKind}
                  options={[
                    { value: 'auto', label: t('intake.register.feeKindAuto', { kind: t(`intake.feeKinds.${kind}`) }) },
                    ...FEE_KINDS.map((k) => ({ value: k, label: t(`intake.feeKinds.${k}`) })),
                  ]}
                  data-testid="register-feeKind"
                />
              </Col>
            </Row>
            <Typography.Text type="secondary" data-testid="register-number-preview">
              {court && court.code.trim() !== ''
                ? t('intake.register.numberPreview', { number: `（${year}）${court.code.trim()}${typeCode}N号` })
                : t('intake.register.numberPreviewNoCourt')}
            </Typography.Text>
            {register.isError &&
              (isCourtProfileError(register.error) ? (
                <CourtProfileMissing invalid={!courtMissing} />
              ) : (
                <ErrorAlert error={register.error} />
              ))}
            <Popconfirm
              title={t('intake.register.confirm')}
              okText={t('intake.register.submit')}
              cancelText={t('common.cancel')}
              okButtonProps={testId('register-confirm')}
              onConfirm={() => submit()}
              disabled={!canRegister}
            >
              <Button type="primary" size="large" icon={<AuditOutlined />} disabled={!canRegister} loading={register.isPending} data-testid="register-submit">
                {t('intake.register.submit')}
              </Button>
            </Popconfirm>
          </Space>
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={t('intake.register.feePreview')} data-testid="register-fee-preview">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <div>
              <Typography.Text type="secondary">{t('intake.register.basis')}</Typography.Text>
              {total > 0 ? <AmountText fen={total} /> : <Typography.Text>{t('intake.register.noAmount')}</Typography.Text>}
            </div>
            {fee.isError && <ErrorAlert error={fee.error} />}
            {fee.data && <FeeDetail fee={fee.data} testid="fee-preview" />}
          </Space>
        </Card>
      </Col>
    </Row>
  );
}

/** What registration produced: the number, the fee and the deadlines, each with how it was computed. */
export function RegistrationView({ registration }: { registration: Registration }) {
  const { t } = useTranslation();
  const lang = useLang();
  const c = registration.case;
  const open = registration.deadlines.filter((d) => d.status === 'open');
  const readOnly = c.status === 'archived';
  const [dialog, setDialog] = useState<'service' | 'extend' | 'convert' | null>(null);
  // Simplified → ordinary (CPL art. 170); small claims → simplified or ordinary (CPL art. 169).
  const convertible = !readOnly && (c.procedure === 'simplified' || c.procedure === 'small_claims');
  const convertButton = (testid: string) => (
    <Button size="small" icon={<SwapOutlined />} onClick={() => setDialog('convert')} data-testid={testid}>
      {c.procedure === 'simplified' ? t('intake.convert.action') : t('intake.convert.actionSimplified')}
    </Button>
  );
  return (
    <Row gutter={[16, 16]} data-testid="registration-result">
      <Col span={24}>
        <Card size="small">
          <Space align="baseline" wrap size={16}>
            <Typography.Text type="secondary">{t('intake.result.number')}</Typography.Text>
            <Typography.Title level={3} style={{ margin: 0 }} copyable data-testid="registration-number">
              {c.caseNumber}
            </Typography.Title>
          </Space>
          <Descriptions
            size="small"
            style={{ marginTop: 8 }}
            column={{ xs: 1, md: 4 }}
            items={[
              { key: 'filedOn', label: t('workspace.filedOn'), children: c.filedOn ?? t('common.none') },
              {
                key: 'procedure',
                label: t('workspace.procedure'),
                children: (
                  <Space size={8} wrap>
                    <span data-testid="registration-procedure">{c.procedure ? t(`enums.procedure.${c.procedure}`) : t('common.none')}</span>
                    {convertible && convertButton('procedure-convert')}
                  </Space>
                ),
              },
              { key: 'cause', label: t('cases.columns.cause'), children: c.causeOfAction || t('common.none') },
              {
                key: 'open',
                label: t('intake.result.openDeadlines'),
                children: lang === 'en' ? `${open.length}` : `${open.length} 项`,
              },
            ]}
          />
        </Card>
      </Col>
      <Col span={24}>
        <Card size="small" title={t('intake.result.deadlines')} extra={<Typography.Text type="secondary">{t('intake.result.expandHint')}</Typography.Text>}>
          <DeadlineTable
            items={registration.deadlines}
            readOnly={readOnly}
            rowActions={(d) =>
              d.status === 'done' ? null : d.kind === 'answer' || d.kind === 'evidence' ? (
                <Button size="small" icon={<SendOutlined />} onClick={() => setDialog('service')} data-testid={`deadline-service-${d.kind}`}>
                  {t('intake.service.record')}
                </Button>
              ) : d.kind === 'trial-limit' ? (
                <Space size={6} wrap>
                  <Button size="small" icon={<FieldTimeOutlined />} onClick={() => setDialog('extend')} data-testid="deadline-extend">
                    {t('intake.extend.action')}
                  </Button>
                  {convertible && convertButton('deadline-convert')}
                </Space>
              ) : null
            }
          />
        </Card>
      </Col>
      <Col span={24}>
        <ServiceRecordsCard registration={registration} readOnly={readOnly} onRecordService={() => setDialog('service')} onExtend={() => setDialog('extend')} />
      </Col>
      <RecordServiceModal registration={registration} open={dialog === 'service'} onClose={() => setDialog(null)} />
      <ExtendTrialLimitModal registration={registration} open={dialog === 'extend'} onClose={() => setDialog(null)} />
      <ConvertProcedureModal registration={registration} open={dialog === 'convert'} onClose={() => setDialog(null)} />
      <Col xs={24} xl={14}>
        <Card size="small" title={t('intake.result.fee')} style={{ height: '100%' }}>
          {registration.fee ? <FeeDetail fee={registration.fee} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.result.noFee')} />}
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={t('intake.result.stages')} style={{ height: '100%' }} data-testid="stage-history">
          {registration.stages.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.result.noStages')} />
          ) : (
            <Timeline
              items={[...registration.stages].reverse().map((st) => ({
                key: `${st.at}-${st.to}`,
                content: (
                  <div>
                    <Typography.Text strong>
                      {st.from ? t('intake.result.stageLine', { from: t(`enums.stage.${st.from}`), to: t(`enums.stage.${st.to}`) }) : t(`enums.stage.${st.to}`)}
                    </Typography.Text>
                    <div style={{ color: '#8c8c8c', fontSize: 12 }}>
                      {formatDateTime(st.at)} · {st.actor}
                      {st.note ? ` · ${st.note}` : ''}
                    </div>
                  </div>
                ),
              }))}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}

export function RegistrationPanel({ caseId }: { caseId: string }) {
  const reg = useRegistration(caseId);
  if (reg.isPending) return <Skeleton active />;
  if (reg.isError) return <ErrorAlert error={reg.error} onRetry={() => void reg.refetch()} />;
  return <RegistrationView registration={reg.data} />;
}
