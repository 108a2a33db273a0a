import { App as AntApp, Alert, AutoComplete, Button, Checkbox, DatePicker, Drawer, Form, Input, Segmented, Select, Space, Spin, Switch, TimePicker, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/contract/cases';
import { HEARING_TYPES, type Conflict, type Hearing, type HearingDraft, type HearingType, type ParticipantInput } from '../../../../shared/contract/hearings';
import { AppError } from '../../../../shared/contract/result';
import { errorText } from '../../ui/errors';
import { ConflictList } from './ConflictList';
import { useCreateHearing, useDebounced, useHearingCheck, useRooms, useUpdateHearing } from './hooks';

interface FormState {
  type: HearingType;
  date: string | null;
  start: string | null;
  end: string | null;
  room: string;
  presidingJudge: string;
  panel: string[];
  clerk: string;
  /** 'party:<id>' / 'agent:<id>' of the case's parties and agents who take part. */
  selected: string[];
  witnesses: string[];
  /** Participants the form does not edit (experts, interpreters, others): kept as they were. */
  others: ParticipantInput[];
  noticeServedOn: string | null;
  publicHearing: boolean;
  notes: string;
}

function initialState(detail: CaseDetail, hearing: Hearing | null, defaultRoom: string): FormState {
  if (hearing) {
    return {
      type: hearing.type,
      date: hearing.date,
      start: hearing.start,
      end: hearing.end,
      room: hearing.room,
      presidingJudge: hearing.presidingJudge,
      panel: hearing.panel,
      clerk: hearing.clerk,
      selected: hearing.participants.flatMap((p) => (p.kind === 'party' ? [`party:${p.partyId ?? ''}`] : p.kind === 'agent' ? [`agent:${p.agentId ?? ''}`] : [])),
      witnesses: hearing.participants.filter((p) => p.kind === 'witness').map((p) => p.name),
      others: hearing.participants
        .filter((p) => p.kind !== 'party' && p.kind !== 'agent' && p.kind !== 'witness')
        .map((p) => ({ kind: p.kind, partyId: null, agentId: null, name: p.name, note: p.note })),
      noticeServedOn: hearing.noticeServedOn,
      publicHearing: hearing.publicHearing,
      notes: hearing.notes,
    };
  }
  return {
    type: 'trial',
    date: null,
    start: '09:00',
    end: '11:00',
    room: defaultRoom,
    presidingJudge: detail.judge,
    panel: [],
    clerk: detail.clerk,
    selected: detail.parties.flatMap((p) => [`party:${p.id}`, ...p.agents.map((a) => `agent:${a.id}`)]),
    witnesses: [],
    others: [],
    noticeServedOn: null,
    publicHearing: true,
    notes: '',
  };
}

/** The draft the backend checks, or null while the date or times are incomplete or inverted. */
function toDraft(detail: CaseDetail, s: FormState): HearingDraft | null {
  if (!s.date || !s.start || !s.end || s.end <= s.start) return null;
  const participants: ParticipantInput[] = [
    ...s.selected.map((key): ParticipantInput => {
      const [kind, id = ''] = key.split(':') as ['party' | 'agent', string];
      return kind === 'party' ? { kind, partyId: id } : { kind, agentId: id };
    }),
    ...s.witnesses.map((name): ParticipantInput => ({ kind: 'witness', name })),
    ...s.others,
  ];
  return {
    caseId: detail.id,
    type: s.type,
    date: s.date,
    start: s.start,
    end: s.end,
    room: s.room.trim(),
    presidingJudge: s.presidingJudge.trim(),
    panel: s.panel.map((p) => p.trim()).filter((p) => p !== ''),
    clerk: s.clerk.trim(),
    participants,
    publicHearing: s.publicHearing,
    noticeServedOn: s.noticeServedOn,
    notes: s.notes,
  };
}

function conflictsOf(err: unknown): Conflict[] | null {
  if (!(err instanceof AppError) || err.code !== 'CONFLICT') return null;
  const list = err.details?.['conflicts'];
  return Array.isArray(list) ? (list as Conflict[]) : null;
}

export interface ScheduleFormProps {
  readonly detail: CaseDetail;
  /** Editing this hearing; null schedules a new one. */
  readonly hearing: Hearing | null;
  readonly open: boolean;
  readonly onClose: () => void;
  readonly onSaved: (hearing: Hearing) => void;
}

export function ScheduleDrawer(props: ScheduleFormProps) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={props.open}
      onClose={props.onClose}
      size={1040}
      destroyOnHidden
      title={props.hearing ? t('hearings.form.editTitle') : t('hearings.form.createTitle')}
    >
      {props.open && <ScheduleForm {...props} />}
    </Drawer>
  );
}

function ScheduleForm({ detail, hearing, onClose, onSaved }: ScheduleFormProps) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const rooms = useRooms();
  const [state, setState] = useState<FormState>(() => initialState(detail, hearing, ''));
  const [overrideOn, setOverrideOn] = useState(false);
  const [reason, setReason] = useState('');
  const [saveError, setSaveError] = useState<unknown>(null);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setState((s) => ({ ...s, [key]: value }));

  const draft = useMemo(() => toDraft(detail, state), [detail, state]);
  const settled = useDebounced(draft, 350);
  const check = useHearingCheck(settled, hearing?.id);
  const create = useCreateHearing();
  const update = useUpdateHearing();
  const saving = create.isPending || update.isPending;
  const result = check.data;
  const pending = draft !== settled || check.isFetching;
  const hasHard = result?.hasHard ?? false;
  const canSave = draft !== null && !pending && (!hasHard || (overrideOn && reason.trim() !== ''));

  const roomOptions = (rooms.data?.rooms ?? []).map((r) => ({ value: r.name, label: r.note ? `${r.name}（${r.note}）` : r.name }));
  const partyOptions = detail.parties.flatMap((p) => [
    { value: `party:${p.id}`, label: `${t(`enums.role.${p.role}`)} ${p.name}` },
    ...p.agents.map((a) => ({ value: `agent:${a.id}`, label: `${a.name}（${t('hearings.form.agentOf', { party: p.name })}）` })),
  ]);
  // Participants of the hearing who have since been removed from the case stay listed (and selected).
  const removed = (hearing?.participants ?? [])
    .filter((p) => p.missing && (p.kind === 'party' || p.kind === 'agent'))
    .map((p) => ({ value: p.kind === 'party' ? `party:${p.partyId ?? ''}` : `agent:${p.agentId ?? ''}`, label: `${p.name}（${t('hearings.info.missing')}）` }));

  const submit = async () => {
    if (!draft) return;
    setSaveError(null);
    const override = hasHard && overrideOn && reason.trim() ? { reason: reason.trim() } : undefined;
    try {
      const res = hearing
        ? await update.mutateAsync({ id: hearing.id, version: hearing.version, draft, ...(override ? { override } : {}) })
        : await create.mutateAsync({ draft, ...(override ? { override } : {}) });
      const warnings = res.conflicts.filter((c) => c.severity === 'warning').length;
      void message.success(
        warnings > 0 ? t('hearings.form.savedWithWarnings', { count: warnings }) : hearing ? t('hearings.form.saved') : t('hearings.form.created'),
      );
      onSaved(res.hearing);
    } catch (err) {
      const conflicts = conflictsOf(err);
      if (conflicts) {
        // Someone booked the slot meanwhile: show the fresh list and ask for a reason.
        void check.refetch();
        setOverrideOn(true);
      }
      setSaveError(err);
    }
  };

  const timeValue = (v: string | null) => (v ? dayjs(`2000-01-01T${v}`) : null);

  return (
    <div data-testid="schedule-form" style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 380px', gap: 24, alignItems: 'start' }}>
      <Form layout="vertical" requiredMark={false} component="div">
        <Form.Item label={t('hearings.form.type')}>
          <Segmented<HearingType>
            value={state.type}
            onChange={(v) => set('type', v)}
            options={HEARING_TYPES.map((k) => ({ value: k, label: <span data-testid={`hearing-type-${k}`}>{t(`hearings.type.${k}`)}</span> }))}
          />
        </Form.Item>
        <Space size={12} wrap align="start">
          <Form.Item label={t('hearings.form.date')} required>
            <DatePicker
              id="hearing-date"
              value={state.date ? dayjs(state.date) : null}
              onChange={(d) => set('date', d ? d.format('YYYY-MM-DD') : null)}
              format="YYYY-MM-DD"
              style={{ width: 160 }}
            />
          </Form.Item>
          <Form.Item label={t('hearings.form.start')} required>
            <TimePicker
              id="hearing-start"
              value={timeValue(state.start)}
              onChange={(d) => set('start', d ? d.format('HH:mm') : null)}
              format="HH:mm"
              minuteStep={5}
              needConfirm={false}
              style={{ width: 110 }}
            />
          </Form.Item>
          <Form.Item
            label={t('hearings.form.end')}
            required
            validateStatus={state.start && state.end && state.end <= state.start ? 'error' : undefined}
            help={state.start && state.end && state.end <= state.start ? t('hearings.form.endBeforeStart') : undefined}
          >
            <TimePicker
              id="hearing-end"
              value={timeValue(state.end)}
              onChange={(d) => set('end', d ? d.format('HH:mm') : null)}
              format="HH:mm"
              minuteStep={5}
              needConfirm={false}
              style={{ width: 110 }}
            />
          </Form.Item>
          <Form.Item label={t('hearings.form.room')} extra={roomOptions.length === 0 ? t('hearings.form.roomsHint') : undefined}>
            <AutoComplete
              id="hearing-room"
              value={state.room}
              onChange={(v: string) => set('room', v)}
              options={roomOptions}
              placeholder={t('hearings.form.roomPlaceholder')}
              style={{ width: 240 }}
              allowClear
            />
          </Form.Item>
        </Space>
        <Space size={12} wrap align="start">
          <Form.Item label={t('hearings.form.presiding')}>
            <Input id="hearing-presiding" value={state.presidingJudge} onChange={(e) => set('presidingJudge', e.target.value)} style={{ width: 180 }} maxLength={100} />
          </Form.Item>
          <Form.Item label={t('hearings.form.panel')}>
            <Select
              mode="tags"
              value={state.panel}
              onChange={(v: string[]) => set('panel', v)}
              placeholder={t('hearings.form.panelPlaceholder')}
              style={{ width: 300 }}
              open={false}
              suffixIcon={null}
            />
          </Form.Item>
          <Form.Item label={t('hearings.form.clerk')}>
            <Input id="hearing-clerk" value={state.clerk} onChange={(e) => set('clerk', e.target.value)} style={{ width: 160 }} maxLength={100} />
          </Form.Item>
        </Space>
        <Form.Item label={t('hearings.form.participants')} extra={t('hearings.form.participantsHint')}>
          <Checkbox.Group
            value={state.selected}
            onChange={(v) => set('selected', v)}
            options={[...partyOptions, ...removed]}
            style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', gap: 4 }}
          />
        </Form.Item>
        <Form.Item label={t('hearings.form.witnesses')}>
          <Select
            mode="tags"
            value={state.witnesses}
            onChange={(v: string[]) => set('witnesses', v)}
            placeholder={t('hearings.form.witnessesPlaceholder')}
            open={false}
            suffixIcon={null}
            data-testid="hearing-witnesses"
          />
        </Form.Item>
        <Space size={24} wrap align="start">
          <Form.Item label={t('hearings.form.noticeServedOn')} extra={t('hearings.form.noticeServedOnHint')}>
            <DatePicker
              id="hearing-served"
              value={state.noticeServedOn ? dayjs(state.noticeServedOn) : null}
              onChange={(d) => set('noticeServedOn', d ? d.format('YYYY-MM-DD') : null)}
              format="YYYY-MM-DD"
              style={{ width: 160 }}
            />
          </Form.Item>
          <Form.Item label={t('hearings.form.publicHearing')}>
            <Switch checked={state.publicHearing} onChange={(v) => set('publicHearing', v)} />
          </Form.Item>
        </Space>
        <Form.Item label={t('hearings.form.notes')}>
          <Input.TextArea value={state.notes} onChange={(e) => set('notes', e.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </Form>

      <div style={{ position: 'sticky', top: 0, display: 'grid', gap: 12 }} data-testid="schedule-check">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('hearings.check.title')} {pending && draft !== null && <Spin size="small" style={{ marginLeft: 8 }} />}
        </Typography.Title>
        {draft === null ? (
          <Typography.Text type="secondary">{t('hearings.form.needDateTime')}</Typography.Text>
        ) : check.isError ? (
          <Alert type="warning" showIcon title={t('hearings.check.failed', { message: errorText(t, check.error) })} />
        ) : result ? (
          <>
            <ConflictList conflicts={result.conflicts} />
            {(result.noticeDeadline || result.trialLimitDue) && (
              <Space orientation="vertical" size={0} style={{ fontSize: 12 }}>
                {result.noticeDeadline && <Typography.Text type="secondary">{t('hearings.check.noticeDeadline', { date: result.noticeDeadline })}</Typography.Text>}
                {result.trialLimitDue && <Typography.Text type="secondary">{t('hearings.check.trialLimitDue', { date: result.trialLimitDue })}</Typography.Text>}
              </Space>
            )}
            {hasHard && (
              <div style={{ display: 'grid', gap: 8 }}>
                <Typography.Text type="danger" data-testid="conflicts-blocked">
                  {t('hearings.check.blocked', { count: result.conflicts.filter((c) => c.severity === 'hard').length })}
                </Typography.Text>
                <Checkbox checked={overrideOn} onChange={(e) => setOverrideOn(e.target.checked)} data-testid="override-toggle">
                  {t('hearings.check.override')}
                </Checkbox>
                {overrideOn && (
                  <Form.Item
                    label={t('hearings.check.overrideReason')}
                    layout="vertical"
                    style={{ marginBottom: 0 }}
                    validateStatus={reason.trim() ? undefined : 'warning'}
                    help={reason.trim() ? undefined : t('hearings.check.overrideRequired')}
                  >
                    <Input.TextArea
                      data-testid="override-reason"
                      value={reason}
                      onChange={(e) => setReason(e.target.value)}
                      placeholder={t('hearings.check.overrideReasonPlaceholder')}
                      autoSize={{ minRows: 2, maxRows: 4 }}
                      maxLength={500}
                    />
                  </Form.Item>
                )}
              </div>
            )}
          </>
        ) : (
          <Typography.Text type="secondary">{t('hearings.check.checking')}</Typography.Text>
        )}
        {saveError !== null && (
          <Alert
            type="error"
            showIcon
            data-testid="schedule-save-error"
            title={
              conflictsOf(saveError)
                ? t('hearings.form.conflictRace')
                : saveError instanceof AppError && saveError.code === 'CONFLICT'
                  ? t('hearings.form.staleVersion')
                  : errorText(t, saveError)
            }
          />
        )}
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            danger={hasHard}
            disabled={!canSave}
            loading={saving}
            onClick={() => void submit()}
            data-testid="schedule-save"
          >
            {hasHard ? t('hearings.form.saveOverride') : t('hearings.form.save')}
          </Button>
        </Space>
      </div>
    </div>
  );
}
