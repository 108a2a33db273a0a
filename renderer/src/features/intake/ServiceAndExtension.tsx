import { ClockCircleOutlined, FieldTimeOutlined, SendOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Checkbox, DatePicker, Empty, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Procedure } from '../../../../shared/contract/cases';
import type { Registration } from '../../../../shared/contract/intake';
import { addDays } from '../../../../shared/rules/dates';
import { computeDeadline } from '../../../../shared/rules/deadlines';
import { DEFAULT_CALENDAR } from '../../../../shared/rules/defaultCalendar';
import { RuleInputError } from '../../../../shared/rules/errors';
import { activeExtensions, checkConversion, CONVERSION_TARGETS, conversionArticle, procedureAt } from '../../../../shared/rules/conversion';
import { checkExtension, EXTENSION_RULES, type ExtensionAuthority, type TrialProcedure } from '../../../../shared/rules/extensions';
import { SERVICE_METHODS, SERVICE_METHOD_RULES, serviceEffect, type ServiceMethod } from '../../../../shared/rules/service';
import { ErrorAlert, issuesOf, refusalText, withoutFieldName } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { dayWithWeekday } from './FeeDeadlineViews';
import { formatArticle, todayIso, useLang, type Lang } from './format';
import { useConvertProcedure, useExtendTrialLimit, useRecordService } from './hooks';

const RULE_PROCEDURE: Readonly<Record<Procedure, TrialProcedure>> = {
  ordinary: 'ordinary',
  simplified: 'simplified',
  small_claims: 'small-claims',
};

const RULE_OPTS = { calendar: DEFAULT_CALENDAR } as const;

const CASE_PROCEDURE: Readonly<Record<TrialProcedure, Procedure>> = {
  ordinary: 'ordinary',
  simplified: 'simplified',
  'small-claims': 'small_claims',
};

/** The conversions in the rules' spelling. */
function ruleConversions(registration: Registration) {
  return registration.conversions.map((c) => ({ from: RULE_PROCEDURE[c.from], to: RULE_PROCEDURE[c.to], ruledOn: c.ruledOn }));
}

/**
 * The message of a refused input in the UI language: the rules and the backend put the field name
 * first ("servedOn: …", "months：…") for machines; the clerk only needs the sentence.
 */
function ruleText(err: unknown, lang: Lang): string | null {
  if (err instanceof RuleInputError) return withoutFieldName(lang === 'en' ? err.message : err.zh);
  return refusalText(err, lang);
}

/** The form field a refused input belongs to, with the sentence to show under it; null when no field shows it. */
function fieldError<K extends string>(fields: readonly K[], err: unknown, lang: Lang): { name: K; errors: string[] } | null {
  const issue = issuesOf(err)[0];
  const text = ruleText(err, lang);
  const name = fields.find((f) => f === issue?.path);
  return name === undefined || text === null ? null : { name, errors: [text] };
}

type Preview<T extends string> = { text: string; type: T | 'error'; extra: string[] };

/**
 * A live preview by the same rules the backend applies; a refusal by those rules becomes the
 * preview itself (in red), so the clerk sees the objection before saving.
 */
function previewBy<T extends string>(lang: Lang, compute: () => Preview<T> | null): Preview<T> | null {
  try {
    return compute();
  } catch (err) {
    const text = ruleText(err, lang);
    return text === null ? null : { type: 'error', text, extra: [] };
  }
}

/**
 * Saving one of the record forms: success closes the dialog; a refusal that names one of the form's
 * fields is shown under it, anything else above the buttons.
 */
function useRecordSave<K extends string>(
  fields: readonly K[],
  // The caller's form.setFields: its field paths are typed per form, which a generic hook cannot name.
  showFieldError: (f: { name: K; errors: string[] }) => void,
  saved: string,
  onClose: () => void,
) {
  const { message } = AntApp.useApp();
  const lang = useLang();
  const [failure, setFailure] = useState<unknown>(null);
  const run = async (save: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await save();
      void message.success(saved);
      onClose();
    } catch (err) {
      const f = fieldError(fields, err, lang);
      if (f) showFieldError(f);
      else setFailure(err);
    }
  };
  return { failure, clearFailure: () => setFailure(null), run };
}

/** The dialog every record form sits in: same width, buttons and an optional rule summary on top. */
function RecordModal({
  open,
  title,
  okText,
  saving,
  okTestId,
  onClose,
  onOk,
  intro,
  children,
}: {
  open: boolean;
  title: string;
  okText: string;
  saving: boolean;
  okTestId: string;
  onClose: () => void;
  onOk: () => void;
  intro?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      destroyOnHidden
      width={560}
      okText={okText}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={onOk}
      okButtonProps={{ 'data-testid': okTestId } as Record<string, string>}
    >
      {intro ? (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {intro}
          {children}
        </Space>
      ) : (
        children
      )}
    </Modal>
  );
}

/** The preview and the save failure under a record form. */
function FormOutcome<T extends 'info' | 'warning' | 'error'>({ testId, preview, failure }: { testId: string; preview: Preview<T> | null; failure: unknown }) {
  return (
    <>
      {preview && (
        <div data-testid={testId}>
          <Alert type={preview.type} showIcon title={preview.text} description={preview.extra.length > 0 ? preview.extra.join(' ') : undefined} />
        </div>
      )}
      {failure !== null && (
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={failure} />
        </div>
      )}
    </>
  );
}

interface ServiceValues {
  partyId: string;
  method: ServiceMethod;
  servedOn: Dayjs | null;
  foreignDomicile: boolean;
  evidenceDays: number | null;
  note: string;
}

const SERVICE_FIELDS: ReadonlyArray<keyof ServiceValues> = ['partyId', 'method', 'servedOn', 'evidenceDays', 'note'];

/**
 * 登记送达: the actual service on a party. On a defendant its answer and evidence periods then run
 * from it (CPL art. 128); on a plaintiff or third party it is recorded and shown only.
 */
export function RecordServiceModal({ registration, open, onClose }: { registration: Registration; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<ServiceValues>();
  const record = useRecordService();
  const save = useRecordSave(SERVICE_FIELDS, (f) => form.setFields([f]), t('intake.service.saved'), onClose);
  const c = registration.case;
  const filedOn = c.filedOn ?? todayIso();
  const procedure = RULE_PROCEDURE[c.procedure ?? 'ordinary'];
  const defendants = c.parties.filter((p) => p.role === 'defendant');
  const served = new Set(registration.services.map((s) => s.partyId));
  const firstUnserved = defendants.find((p) => !served.has(p.id)) ?? defendants[0] ?? c.parties[0];
  const publicationAllowed = procedure === 'ordinary';

  const values = Form.useWatch([], form) as Partial<ServiceValues> | undefined;
  const party = c.parties.find((p) => p.id === values?.partyId);
  const isDefendant = party === undefined || party.role === 'defendant';
  const preview = previewBy<'info'>(lang, () => {
    if (values?.method === undefined || !values.servedOn) return null;
    const servedOn = values.servedOn.format('YYYY-MM-DD');
    // A service before a conversion ruling was made under the former procedure.
    const under = procedureAt(procedure, ruleConversions(registration), servedOn);
    const effect = serviceEffect(
      { method: values.method, servedOn, filedOn, procedure: under, foreignDomicile: values.foreignDomicile === true, today: todayIso() },
      RULE_OPTS,
    );
    const deemed = effect.deemed ? `${t('intake.service.previewDeemed', { date: effect.effectiveOn })}; ` : '';
    if (isDefendant) {
      const answer = computeDeadline({ kind: 'answer', start: effect.effectiveOn, procedure: under, foreignDomicile: values.foreignDomicile === true }, RULE_OPTS);
      const evidence = computeDeadline(
        { kind: 'evidence', start: effect.effectiveOn, procedure: under, ...(values.evidenceDays != null ? { days: values.evidenceDays } : {}) },
        RULE_OPTS,
      );
      return {
        type: 'info',
        text: deemed + t('intake.service.preview', { name: party?.name ?? '', answer: dayWithWeekday(answer.due, lang), evidence: dayWithWeekday(evidence.due, lang) }),
        extra: [],
      };
    }
    return {
      type: 'info',
      text: deemed + t('intake.service.previewOther', { name: party.name, role: t(`intake.service.roles.${party.role}`), date: dayWithWeekday(servedOn, lang) }),
      extra: [],
    };
  });

  const submit = async (v: ServiceValues) => {
    const servedOn = v.servedOn;
    if (!servedOn) return;
    await save.run(() =>
      record.mutateAsync({
        caseId: c.id,
        partyId: v.partyId,
        method: v.method,
        servedOn: servedOn.format('YYYY-MM-DD'),
        foreignDomicile: v.foreignDomicile,
        ...(v.evidenceDays != null && isDefendant ? { evidenceDays: v.evidenceDays } : {}),
        note: v.note.trim(),
      }),
    );
  };

  return (
    <RecordModal
      open={open}
      title={t('intake.service.title')}
      okText={t('intake.service.save')}
      saving={record.isPending}
      okTestId="service-save"
      onClose={onClose}
      onOk={() => form.submit()}
    >
      <Form<ServiceValues>
        form={form}
        layout="vertical"
        preserve={false}
        requiredMark={false}
        initialValues={{ partyId: firstUnserved?.id, method: 'personal', servedOn: null, foreignDomicile: false, evidenceDays: null, note: '' }}
        onFinish={(v) => void submit(v)}
        data-testid="service-form"
      >
        <Form.Item
          name="partyId"
          label={t('intake.service.party')}
          rules={[{ required: true, message: t('intake.service.partyRequired') }]}
          extra={isDefendant ? undefined : <span data-testid="service-other-party">{t('intake.service.otherPartyNote')}</span>}
        >
          <Select
            data-testid="service-party"
            options={c.parties.map((p) => {
              const role = t(`intake.service.roles.${p.role}`);
              const note = served.has(p.id) ? (lang === 'en' ? `, ${t('intake.service.alreadyServed')}` : `，${t('intake.service.alreadyServed')}`) : '';
              return { value: p.id, label: lang === 'en' ? `${p.name} (${role}${note})` : `${p.name}（${role}${note}）` };
            })}
          />
        </Form.Item>
        <Form.Item name="method" label={t('intake.service.method')} rules={[{ required: true }]}>
          <Select
            data-testid="service-method"
            options={SERVICE_METHODS.map((m) => ({
              value: m,
              disabled: m === 'publication' && !publicationAllowed,
              label: (
                <span data-testid={`service-method-${m}`}>
                  {t(`intake.service.methods.${m}`)}
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                    {m === 'publication' && !publicationAllowed ? t('intake.service.publicationNotAllowed') : formatArticle(SERVICE_METHOD_RULES[m].article, lang)}
                  </Typography.Text>
                </span>
              ),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="servedOn"
          label={values?.method === 'publication' ? t('intake.service.publishedOn') : t('intake.service.servedOn')}
          extra={t('intake.service.servedOnHelp', { filedOn })}
          rules={[{ required: true, message: t('intake.service.dateRequired') }]}
        >
          <DatePicker
            style={{ width: '100%' }}
            id="service-servedOn"
            data-testid="service-servedOn"
            disabledDate={(d) => d.isBefore(dayjs(filedOn), 'day') || d.isAfter(dayjs(todayIso()), 'day')}
          />
        </Form.Item>
        <Form.Item name="foreignDomicile" valuePropName="checked" style={{ marginBottom: 12 }}>
          <Checkbox data-testid="service-foreign">{t('intake.service.foreignDomicile')}</Checkbox>
        </Form.Item>
        {isDefendant && (
          <Form.Item
            name="evidenceDays"
            label={t('intake.service.evidenceDays')}
            extra={t('intake.service.evidenceDaysHelp', { rule: t(`intake.service.evidenceRule.${c.procedure ?? 'ordinary'}`) })}
          >
            <InputNumber min={1} max={365} precision={0} style={{ width: 160 }} data-testid="service-evidenceDays" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('intake.service.note')}>
          <Input maxLength={200} data-testid="service-note" />
        </Form.Item>
        <FormOutcome testId="service-preview" preview={preview} failure={save.failure} />
      </Form>
    </RecordModal>
  );
}

interface ExtendValues {
  authority: ExtensionAuthority;
  months: number | null;
  days: number | null;
  approvedBy: string;
  approvedOn: Dayjs | null;
  reason: string;
}

const EXTEND_FIELDS: ReadonlyArray<keyof ExtendValues> = ['authority', 'months', 'days', 'approvedBy', 'approvedOn', 'reason'];

/**
 * The trial-limit inputs as the backend builds them: pauses and publication periods on any party
 * excluded (CPL-Interp art. 243); extensions before a conversion no longer count (CPL-Interp art. 258).
 */
function trialLimitInput(registration: Registration, procedure: TrialProcedure) {
  const parties = new Set(registration.case.parties.map((p) => p.id));
  const publication = registration.services
    .filter((s) => s.method === 'publication' && parties.has(s.partyId))
    .map((s) => ({ from: addDays(s.servedOn, 1), to: s.effectiveOn }));
  const { active } = activeExtensions(registration.extensions, ruleConversions(registration));
  return {
    filedOn: registration.case.filedOn ?? todayIso(),
    procedure,
    excluded: [...registration.pauses.map((p) => ({ from: p.from, to: p.to })), ...publication],
    extensions: active.map((e) => ({ months: e.months, days: e.days, authority: e.authority, approvedOn: e.approvedOn })),
  };
}

/** 延长审限: an approved extension (CPL arts. 152, 164, 168; CPL-Interp art. 258), refused when the law does not allow it. */
export function ExtendTrialLimitModal({ registration, open, onClose }: { registration: Registration; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<ExtendValues>();
  const extend = useExtendTrialLimit();
  const save = useRecordSave(EXTEND_FIELDS, (f) => form.setFields([f]), t('intake.extend.saved'), onClose);
  const c = registration.case;
  const procedure = RULE_PROCEDURE[c.procedure ?? 'ordinary'];
  const rule = EXTENSION_RULES[procedure];
  const current = registration.deadlines.find((d) => d.kind === 'trial-limit');

  const values = Form.useWatch([], form) as Partial<ExtendValues> | undefined;
  const months = values?.months ?? 0;
  const days = values?.days ?? 0;
  const preview = previewBy<'info' | 'warning'>(lang, () => {
    if (!values?.approvedOn || months + days === 0) return null;
    const check = checkExtension(
      {
        ...trialLimitInput(registration, procedure),
        next: { months, days, authority: values.authority ?? 'president', approvedOn: values.approvedOn.format('YYYY-MM-DD') },
        today: todayIso(),
      },
      RULE_OPTS,
    );
    return {
      type: check.warnings.length > 0 ? 'warning' : 'info',
      text: t('intake.extend.preview', { before: dayWithWeekday(check.before.due, lang), after: dayWithWeekday(check.after.due, lang) }),
      extra: check.warnings.map((w) => (lang === 'en' ? w.en : w.zh)),
    };
  });

  const submit = async (v: ExtendValues) => {
    save.clearFailure();
    const approvedOn = v.approvedOn;
    if (!approvedOn) return;
    if ((v.months ?? 0) + (v.days ?? 0) === 0) {
      form.setFields([{ name: 'months', errors: [t('intake.extend.lengthRequired')] }]);
      return;
    }
    await save.run(() =>
      extend.mutateAsync({
        caseId: c.id,
        kind: 'trial-limit',
        months: v.months ?? 0,
        days: v.days ?? 0,
        authority: v.authority,
        approvedBy: v.approvedBy.trim(),
        approvedOn: approvedOn.format('YYYY-MM-DD'),
        reason: v.reason.trim(),
      }),
    );
  };

  const required = [{ required: true, whitespace: true, message: t('intake.extend.required') }];
  return (
    <RecordModal
      open={open}
      title={t('intake.extend.title')}
      okText={t('intake.extend.save')}
      saving={extend.isPending}
      okTestId="extend-save"
      onClose={onClose}
      onOk={() => form.submit()}
      intro={
        <Alert
          type="info"
          showIcon
          title={t('intake.extend.rule', { rule: lang === 'en' ? rule.en : rule.zh, article: formatArticle(rule.article, lang) })}
          description={current ? t('intake.extend.current', { due: dayWithWeekday(current.due, lang) }) : undefined}
        />
      }
    >
      <Form<ExtendValues>
        form={form}
        layout="vertical"
        preserve={false}
        requiredMark={false}
        initialValues={{ authority: 'president', months: 1, days: null, approvedBy: '', approvedOn: null, reason: '' }}
        onFinish={(v) => void submit(v)}
        data-testid="extend-form"
      >
        <Form.Item name="authority" label={t('intake.extend.authority')} extra={rule.higherCourt ? undefined : t('intake.extend.higherCourtOnlyOrdinary')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'president', label: t('intake.extend.president') },
              { value: 'higher-court', label: t('intake.extend.higherCourt'), disabled: !rule.higherCourt },
            ]}
          />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item name="months" label={t('intake.extend.months')}>
            <InputNumber min={0} max={24} precision={0} style={{ width: 140 }} data-testid="extend-months" />
          </Form.Item>
          <Form.Item name="days" label={t('intake.extend.days')}>
            <InputNumber min={0} max={366} precision={0} style={{ width: 140 }} data-testid="extend-days" />
          </Form.Item>
        </Space>
        <Space size={16} wrap style={{ width: '100%' }}>
          <Form.Item name="approvedBy" label={t('intake.extend.approvedBy')} rules={required} style={{ minWidth: 220 }}>
            <Input maxLength={100} placeholder={t('intake.extend.approvedByPlaceholder')} data-testid="extend-approvedBy" />
          </Form.Item>
          <Form.Item name="approvedOn" label={t('intake.extend.approvedOn')} rules={[{ required: true, message: t('intake.extend.required') }]}>
            <DatePicker
              id="extend-approvedOn"
              data-testid="extend-approvedOn"
              disabledDate={(d) => d.isBefore(dayjs(c.filedOn ?? todayIso()), 'day') || d.isAfter(dayjs(todayIso()), 'day')}
            />
          </Form.Item>
        </Space>
        <Form.Item name="reason" label={t('intake.extend.reason')} rules={required}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} data-testid="extend-reason" />
        </Form.Item>
        <FormOutcome testId="extend-preview" preview={preview} failure={save.failure} />
      </Form>
    </RecordModal>
  );
}

interface ConvertValues {
  to: Procedure;
  ruledOn: Dayjs | null;
  reason: string;
}

const CONVERT_FIELDS: ReadonlyArray<keyof ConvertValues> = ['to', 'ruledOn', 'reason'];

/**
 * 转为普通程序 (or, from small claims, to simplified): the conversion ruling, with the new trial limit
 * previewed by the same rule the backend applies (CPL arts. 169, 170; CPL-Interp art. 258).
 */
export function ConvertProcedureModal({ registration, open, onClose }: { registration: Registration; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<ConvertValues>();
  const convert = useConvertProcedure();
  const save = useRecordSave(CONVERT_FIELDS, (f) => form.setFields([f]), t('intake.convert.saved'), onClose);
  const c = registration.case;
  const from = RULE_PROCEDURE[c.procedure ?? 'ordinary'];
  const targets = CONVERSION_TARGETS[from].map((p) => CASE_PROCEDURE[p]);
  const filedOn = c.filedOn ?? todayIso();
  const current = registration.deadlines.find((d) => d.kind === 'trial-limit');
  const limit = trialLimitInput(registration, from);

  const values = Form.useWatch([], form) as Partial<ConvertValues> | undefined;
  const preview = previewBy<'info'>(lang, () => {
    if (values?.to === undefined || !values.ruledOn) return null;
    const check = checkConversion(
      { filedOn, from, to: RULE_PROCEDURE[values.to], ruledOn: values.ruledOn.format('YYYY-MM-DD'), today: todayIso(), excluded: limit.excluded, extensions: limit.extensions },
      RULE_OPTS,
    );
    const extra: string[] = [];
    if (check.superseded.length > 0) extra.push(t('intake.convert.superseded'));
    if (from === 'simplified' && values.to === 'ordinary' && registration.fee !== null && registration.fee.feeFen > 0) extra.push(t('intake.convert.feeNote'));
    return {
      type: 'info',
      text: t('intake.convert.preview', {
        before: dayWithWeekday(check.before.due, lang),
        after: dayWithWeekday(check.after.due, lang),
        filedOn,
        to: t(`enums.procedure.${values.to}`),
      }),
      extra,
    };
  });

  const submit = async (v: ConvertValues) => {
    const ruledOn = v.ruledOn;
    if (!ruledOn) return;
    await save.run(() =>
      convert.mutateAsync({ caseId: c.id, version: c.version, to: v.to, ruledOn: ruledOn.format('YYYY-MM-DD'), reason: v.reason.trim() }),
    );
  };

  const art = conversionArticle(from);
  return (
    <RecordModal
      open={open}
      title={t('intake.convert.title')}
      okText={t('intake.convert.save')}
      saving={convert.isPending}
      okTestId="convert-save"
      onClose={onClose}
      onOk={() => form.submit()}
      intro={
        <Alert
          type="info"
          showIcon
          title={t('intake.convert.intro', { from: t(`enums.procedure.${c.procedure ?? 'ordinary'}`), article: lang === 'en' ? formatArticle(art.en, lang) : art.zh })}
          description={current ? t('intake.extend.current', { due: dayWithWeekday(current.due, lang) }) : undefined}
        />
      }
    >
      <Form<ConvertValues>
        form={form}
        layout="vertical"
        preserve={false}
        requiredMark={false}
        initialValues={{ to: targets.includes('ordinary') ? 'ordinary' : targets[0], ruledOn: null, reason: '' }}
        onFinish={(v) => void submit(v)}
        data-testid="convert-form"
      >
        <Form.Item name="to" label={t('intake.convert.to')} rules={[{ required: true, message: t('intake.convert.required') }]}>
          <Radio.Group
            optionType="button"
            data-testid="convert-to"
            options={targets.map((p) => ({ value: p, label: <span data-testid={`convert-to-${p}`}>{t(`enums.procedure.${p}`)}</span> }))}
          />
        </Form.Item>
        <Form.Item
          name="ruledOn"
          label={t('intake.convert.ruledOn')}
          extra={t('intake.convert.ruledOnHelp', { filedOn, due: current?.due ?? '—' })}
          rules={[{ required: true, message: t('intake.convert.required') }]}
        >
          <DatePicker
            id="convert-ruledOn"
            data-testid="convert-ruledOn"
            disabledDate={(d) => d.isBefore(dayjs(filedOn), 'day') || d.isAfter(dayjs(todayIso()), 'day')}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('intake.convert.reason')} rules={[{ required: true, whitespace: true, message: t('intake.convert.required') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} placeholder={t('intake.convert.reasonPlaceholder')} data-testid="convert-reason" />
        </Form.Item>
        <FormOutcome testId="convert-preview" preview={preview} failure={save.failure} />
      </Form>
    </RecordModal>
  );
}

/** What was served on whom, which extensions were approved and how the procedure changed, with the actions. */
export function ServiceRecordsCard({ registration, readOnly, onRecordService, onExtend }: {
  registration: Registration;
  readOnly: boolean;
  onRecordService: () => void;
  onExtend: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { services, extensions, conversions } = registration;
  const roleOf = (partyId: string) => registration.case.parties.find((p) => p.id === partyId)?.role ?? null;
  const yuan = (fen: number | null) => (fen === null ? '—' : (fen / 100).toFixed(2));
  const span = (months: number, days: number) =>
    [months > 0 ? t('intake.extend.spanMonths', { count: months }) : '', days > 0 ? t('intake.extend.spanDays', { count: days }) : ''].filter(Boolean).join(lang === 'en' ? ' ' : '');
  return (
    <Card
      size="small"
      title={t('intake.service.records')}
      data-testid="service-records"
      style={{ height: '100%' }}
      extra={
        readOnly ? undefined : (
          <Space size={8}>
            <Button size="small" icon={<SendOutlined />} onClick={onRecordService} data-testid="service-record">
              {t('intake.service.record')}
            </Button>
            <Button size="small" icon={<FieldTimeOutlined />} onClick={onExtend} data-testid="extend-open">
              {t('intake.extend.action')}
            </Button>
          </Space>
        )
      }
    >
      {services.length === 0 && extensions.length === 0 && conversions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.service.noRecords')} />
      ) : (
        <Space orientation="vertical" size={10} style={{ width: '100%' }}>
          {services.map((s) => (
            <div key={s.id} data-testid={`service-row-${s.partyId}`}>
              <Space size={6} wrap>
                <SendOutlined style={{ color: '#8c8c8c' }} />
                <Typography.Text strong>{s.partyName}</Typography.Text>
                {roleOf(s.partyId) !== 'defendant' && roleOf(s.partyId) !== null && (
                  <Typography.Text type="secondary">{t(`intake.service.roles.${roleOf(s.partyId) ?? 'defendant'}`)}</Typography.Text>
                )}
                <Typography.Text>
                  {s.method === 'publication'
                    ? t('intake.service.deemedLine', { date: s.servedOn, effective: s.effectiveOn })
                    : t('intake.service.servedLine', { date: s.servedOn, method: t(`intake.service.methods.${s.method}`) })}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatArticle(s.article, lang)}
                </Typography.Text>
              </Space>
              <div style={{ color: '#8c8c8c', fontSize: 12, marginInlineStart: 20 }}>
                {formatDateTime(s.createdAt)} · {t('intake.service.by', { actor: s.createdBy })}
                {s.note ? ` · ${s.note}` : ''}
              </div>
            </div>
          ))}
          {conversions.map((cv) => (
            <div key={cv.id} data-testid="conversion-row">
              <Space size={6} wrap>
                <SwapOutlined style={{ color: '#8c8c8c' }} />
                <Typography.Text>
                  {t('intake.convert.line', {
                    date: cv.ruledOn,
                    from: t(`enums.procedure.${cv.from}`),
                    to: t(`enums.procedure.${cv.to}`),
                    before: cv.dueBefore,
                    after: cv.dueAfter,
                  })}
                </Typography.Text>
              </Space>
              <div style={{ color: '#8c8c8c', fontSize: 12, marginInlineStart: 20 }}>
                {t('intake.extend.reasonLine', { reason: cv.reason })}
                {cv.feeBeforeFen !== cv.feeAfterFen ? ` · ${t('intake.convert.feeLine', { before: yuan(cv.feeBeforeFen), after: yuan(cv.feeAfterFen) })}` : ''}
              </div>
              <div style={{ color: '#8c8c8c', fontSize: 12, marginInlineStart: 20 }}>
                {formatArticle(cv.article, lang)} · {formatDateTime(cv.createdAt)} · {t('intake.service.by', { actor: cv.createdBy })}
              </div>
            </div>
          ))}
          {extensions.map((e) => (
            <div key={e.id} data-testid="extension-row">
              <Space size={6} wrap>
                <ClockCircleOutlined style={{ color: '#8c8c8c' }} />
                <Typography.Text>
                  {t('intake.extend.line', {
                    date: e.approvedOn,
                    who: e.authority === 'president' ? t('intake.extend.whoPresident') : t('intake.extend.whoHigherCourt'),
                    approvedBy: e.approvedBy,
                    span: span(e.months, e.days),
                    before: e.dueBefore,
                    after: e.dueAfter,
                  })}
                </Typography.Text>
              </Space>
              <div style={{ color: '#8c8c8c', fontSize: 12, marginInlineStart: 20 }}>
                {t('intake.extend.reasonLine', { reason: e.reason })}
              </div>
              <div style={{ color: '#8c8c8c', fontSize: 12, marginInlineStart: 20 }}>
                {formatArticle(e.article, lang)} · {formatDateTime(e.createdAt)} · {t('intake.service.by', { actor: e.createdBy })}
              </div>
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}
