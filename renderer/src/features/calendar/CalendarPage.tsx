import { LeftOutlined, RightOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Calendar as AntCalendar, Card, Segmented, Select, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { Hearing } from '../../../../shared/contract/hearings';
import { PageTitle } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/errors';
import { useCalendar, useRooms } from '../hearings/hooks';
import { RoomsEditor } from './RoomsEditor';

type View = 'day' | 'week' | 'month';
const VIEWS: readonly View[] = ['day', 'week', 'month'];

interface DayInfo {
  date: string;
  weekday: string;
  rest: boolean;
  holiday: string | null;
  makeupWorkday: boolean;
}

const HOUR_PX = 52;
const TYPE_COLOR: Record<Hearing['type'], string> = { trial: '#a61d24', evidence_exchange: '#1677ff', mediation: '#389e0d', inquiry: '#d46b08' };

function mondayOf(d: Dayjs): Dayjs {
  return d.subtract((d.day() + 6) % 7, 'day').startOf('day');
}

/** The dates the view shows (for month: the whole 6-week grid antd draws). */
function rangeOf(view: View, anchor: Dayjs): { from: Dayjs; to: Dayjs } {
  if (view === 'day') return { from: anchor, to: anchor };
  if (view === 'week') {
    const from = mondayOf(anchor);
    return { from, to: from.add(6, 'day') };
  }
  const start = anchor.startOf('month');
  return { from: start.subtract(7, 'day'), to: start.endOf('month').add(14, 'day').startOf('day') };
}

function minutes(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** （2026）粤0305民初9001号 → 民初9001号: what fits in a month cell and still tells cases apart. */
function shortNumber(caseNumber: string): string {
  return /[\u4e00-\u9fa5]+\d+号$/.exec(caseNumber)?.[0] ?? caseNumber;
}

function hearingLink(h: Hearing): string {
  return `/cases/${h.caseId}?tab=hearing&hearing=${h.id}`;
}

function DayMarks({ day }: { day: DayInfo | undefined }) {
  const { t } = useTranslation();
  if (!day) return null;
  return (
    <Space size={2}>
      {day.rest && (
        <Tag color="red" style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', paddingInline: 4 }} data-testid="day-rest">
          {t('calendar.rest')}
        </Tag>
      )}
      {day.makeupWorkday && (
        <Tooltip title={t('calendar.makeupTitle', { holiday: day.holiday ?? '' })}>
          <Tag color="blue" style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', paddingInline: 4 }} data-testid="day-makeup">
            {t('calendar.makeup')}
          </Tag>
        </Tooltip>
      )}
      {day.holiday && !day.makeupWorkday && (
        <Typography.Text type="danger" style={{ fontSize: 11 }}>
          {day.holiday}
        </Typography.Text>
      )}
    </Space>
  );
}

function HearingChip({ h, compact }: { h: Hearing; compact?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const color = TYPE_COLOR[h.type];
  return (
    <div
      role="link"
      tabIndex={0}
      data-testid="calendar-hearing"
      data-case-number={h.caseNumber}
      onClick={(e) => {
        e.stopPropagation();
        void navigate(hearingLink(h));
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') void navigate(hearingLink(h));
      }}
      title={`${h.start}–${h.end} ${h.room} ${h.caseNumber || h.caseTitle} ${t(`hearings.type.${h.type}`)} ${h.presidingJudge}`}
      style={{
        borderLeft: `3px solid ${color}`,
        background: `color-mix(in srgb, ${color} 8%, white)`,
        borderRadius: 4,
        padding: compact ? '0 4px' : '2px 6px',
        marginBottom: 2,
        fontSize: 12,
        lineHeight: 1.5,
        cursor: 'pointer',
        overflow: 'hidden',
        whiteSpace: compact ? 'nowrap' : undefined,
        textOverflow: 'ellipsis',
      }}
    >
      <span style={{ fontVariantNumeric: 'tabular-nums', fontWeight: 600 }}>{h.start}</span>{' '}
      <span>{shortNumber(h.caseNumber) || t('calendar.untitled')}</span> <span style={{ color: '#8c8c8c' }}>{h.room}</span>
    </div>
  );
}

/** Day and week views: one column per day, hearings as blocks placed by time. */
function TimeGrid({ days, hearings }: { days: DayInfo[]; hearings: Hearing[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const today = dayjs().format('YYYY-MM-DD');
  const first = Math.min(8 * 60, ...hearings.map((h) => minutes(h.start)));
  const last = Math.max(18 * 60, ...hearings.map((h) => minutes(h.end)));
  const startHour = Math.floor(first / 60);
  const endHour = Math.ceil(last / 60);
  const hours = Array.from({ length: endHour - startHour }, (_, i) => startHour + i);
  const height = hours.length * HOUR_PX;

  return (
    <div data-testid="calendar-grid" style={{ display: 'grid', gridTemplateColumns: `56px repeat(${days.length}, minmax(0, 1fr))`, border: '1px solid #f0f0f0', borderRadius: 6 }}>
      <div />
      {days.map((d) => (
        <div
          key={d.date}
          data-testid={`calendar-day-${d.date}`}
          style={{
            padding: '6px 8px',
            borderLeft: '1px solid #f0f0f0',
            borderBottom: '1px solid #f0f0f0',
            background: d.rest ? '#fff1f0' : d.date === today ? '#e6f4ff' : '#fafafa',
          }}
        >
          <div style={{ fontWeight: 600 }}>
            {dayjs(d.date).format('M/D')} <Typography.Text type="secondary">{dayjs(d.date).format('ddd')}</Typography.Text>
          </div>
          <div style={{ minHeight: 18 }}>
            <DayMarks day={d} />
          </div>
        </div>
      ))}
      <div style={{ position: 'relative', height }}>
        {hours.map((h, i) => (
          <div key={h} style={{ position: 'absolute', top: i * HOUR_PX + 2, right: 6, fontSize: 11, color: '#8c8c8c' }}>
            {`${String(h).padStart(2, '0')}:00`}
          </div>
        ))}
      </div>
      {days.map((d) => {
        const list = hearings.filter((h) => h.date === d.date).sort((a, b) => a.start.localeCompare(b.start));
        // Overlapping hearings share the column side by side.
        const lanes: string[] = [];
        const lane = new Map<string, number>();
        for (const h of list) {
          let at = lanes.findIndex((end) => end <= h.start);
          if (at < 0) {
            at = lanes.length;
            lanes.push(h.end);
          } else lanes[at] = h.end;
          lane.set(h.id, at);
        }
        const n = Math.max(1, lanes.length);
        return (
          <div key={d.date} style={{ position: 'relative', height, borderLeft: '1px solid #f0f0f0', background: d.rest ? '#fffafa' : undefined }}>
            {hours.map((h, i) => (
              <div key={h} style={{ position: 'absolute', top: i * HOUR_PX, left: 0, right: 0, borderTop: i === 0 ? undefined : '1px solid #f5f5f5' }} />
            ))}
            {list.map((h) => {
              const top = ((minutes(h.start) - startHour * 60) / 60) * HOUR_PX;
              const blockHeight = Math.max(22, ((minutes(h.end) - minutes(h.start)) / 60) * HOUR_PX - 2);
              const l = lane.get(h.id) ?? 0;
              const color = TYPE_COLOR[h.type];
              return (
                <div
                  key={h.id}
                  role="link"
                  tabIndex={0}
                  data-testid="calendar-hearing"
                  data-case-number={h.caseNumber}
                  onClick={() => void navigate(hearingLink(h))}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') void navigate(hearingLink(h));
                  }}
                  style={{
                    position: 'absolute',
                    top,
                    height: blockHeight,
                    left: `calc(${(l / n) * 100}% + 2px)`,
                    width: `calc(${100 / n}% - 4px)`,
                    background: `color-mix(in srgb, ${color} 10%, white)`,
                    zIndex: 1,
                    borderLeft: `3px solid ${color}`,
                    borderRadius: 4,
                    padding: '2px 6px',
                    fontSize: 12,
                    lineHeight: 1.45,
                    overflow: 'hidden',
                    cursor: 'pointer',
                  }}
                >
                  <div style={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
                    {h.start}–{h.end} <span style={{ color }}>{t(`hearings.type.${h.type}`)}</span>
                  </div>
                  <div>{h.room || '—'}</div>
                  <div style={{ color: '#262626' }}>
                    {h.caseNumber || t('calendar.untitled')}
                    {days.length === 1 && h.caseTitle ? <span style={{ color: '#595959', marginLeft: 8 }}>{h.caseTitle}</span> : null}
                  </div>
                  <div style={{ color: '#8c8c8c' }}>{[h.presidingJudge, h.clerk].filter(Boolean).join(' · ')}</div>
                </div>
              );
            })}
          </div>
        );
      })}
    </div>
  );
}

export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const zhDates = i18n.language !== 'en';
  const [params, setParams] = useSearchParams();
  const [roomsOpen, setRoomsOpen] = useState(false);
  const viewParam = params.get('view');
  const view: View = (VIEWS as readonly string[]).includes(viewParam ?? '') ? (viewParam as View) : 'week';
  const dateParam = params.get('date');
  const anchor = dateParam && dayjs(dateParam, 'YYYY-MM-DD', true).isValid() ? dayjs(dateParam) : dayjs().startOf('day');
  const judge = params.get('judge') ?? '';
  const room = params.get('room') ?? '';
  const { from, to } = rangeOf(view, anchor);
  const range = { from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') };
  const cal = useCalendar({ ...range, ...(judge ? { judge } : {}), ...(room ? { room } : {}) });
  // Unfiltered, for the filter choices.
  const all = useCalendar(range);
  const rooms = useRooms();

  const update = (patch: Record<string, string>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  const go = (d: Dayjs) => update({ date: d.format('YYYY-MM-DD') });
  const step = (dir: 1 | -1) => go(anchor.add(dir, view === 'day' ? 'day' : view === 'week' ? 'week' : 'month'));

  const judgeOptions = (() => {
    const names = new Set<string>();
    for (const h of all.data?.hearings ?? []) for (const n of [h.presidingJudge, ...h.panel, h.clerk]) if (n) names.add(n);
    if (judge) names.add(judge);
    return [...names].sort().map((n) => ({ value: n, label: n }));
  })();
  const roomOptions = (() => {
    const names = new Set<string>((rooms.data?.rooms ?? []).map((r) => r.name));
    for (const h of all.data?.hearings ?? []) if (h.room) names.add(h.room);
    if (room) names.add(room);
    return [...names].map((n) => ({ value: n, label: n }));
  })();

  const days = cal.data?.days ?? [];
  const byDate = new Map(days.map((d) => [d.date, d]));
  const hearings = cal.data?.hearings ?? [];
  const title =
    view === 'day'
      ? anchor.format(zhDates ? 'YYYY年M月D日 dddd' : 'dddd, D MMM YYYY')
      : view === 'week'
        ? `${from.format('YYYY-MM-DD')} – ${to.format('MM-DD')}`
        : anchor.format(zhDates ? 'YYYY年M月' : 'MMMM YYYY');
  const inView = hearings.filter((h) => view === 'month' ? dayjs(h.date).isSame(anchor, 'month') : h.date >= range.from && h.date <= range.to);

  return (
    <div data-testid="calendar-page">
      <PageTitle
        extra={
          <Button icon={<SettingOutlined />} onClick={() => setRoomsOpen(true)} data-testid="rooms-open">
            {t('calendar.rooms')}
          </Button>
        }
      >
        {t('calendar.title')}
      </PageTitle>
      <Card>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap', marginBottom: 12 }}>
          <Space wrap>
            <Button onClick={() => go(dayjs().startOf('day'))} data-testid="calendar-today">
              {t('calendar.today')}
            </Button>
            <Button icon={<LeftOutlined />} onClick={() => step(-1)} aria-label={t('calendar.prev')} data-testid="calendar-prev" />
            <Button icon={<RightOutlined />} onClick={() => step(1)} aria-label={t('calendar.next')} data-testid="calendar-next" />
            <Typography.Title level={5} style={{ margin: 0 }} data-testid="calendar-title">
              {title}
            </Typography.Title>
          </Space>
          <Space wrap>
            <Select
              allowClear
              showSearch
              value={judge || undefined}
              placeholder={t('calendar.judgeAll')}
              options={judgeOptions}
              onChange={(v: string | undefined) => update({ judge: v ?? '' })}
              style={{ width: 160 }}
              aria-label={t('calendar.judge')}
              data-testid="calendar-judge"
            />
            <Select
              allowClear
              showSearch
              value={room || undefined}
              placeholder={t('calendar.roomAll')}
              options={roomOptions}
              onChange={(v: string | undefined) => update({ room: v ?? '' })}
              style={{ width: 160 }}
              aria-label={t('calendar.room')}
              data-testid="calendar-room"
            />
            <Segmented<View>
              value={view}
              onChange={(v) => update({ view: v })}
              options={VIEWS.map((v) => ({ value: v, label: <span data-testid={`calendar-view-${v}`}>{t(`calendar.views.${v}`)}</span> }))}
            />
          </Space>
        </div>
        {cal.isError && <ErrorAlert error={cal.error} onRetry={() => void cal.refetch()} />}
        {cal.isPending ? (
          <Skeleton active />
        ) : view === 'month' ? (
          <div data-testid="calendar-month">
            <AntCalendar
              value={anchor}
              onSelect={(d, info) => {
                if (info.source === 'date') update({ date: d.format('YYYY-MM-DD'), view: 'day' });
              }}
              headerRender={() => null}
              fullCellRender={(d, info) => {
                if (info.type !== 'date') return info.originNode;
                const key = d.format('YYYY-MM-DD');
                const day = byDate.get(key);
                const list = hearings.filter((h) => h.date === key);
                const other = !d.isSame(anchor, 'month');
                const isToday = d.isSame(dayjs(), 'day');
                return (
                  <div
                    data-testid={`calendar-cell-${key}`}
                    style={{
                      margin: '0 2px',
                      padding: '2px 6px',
                      borderTop: `2px solid ${isToday ? '#a61d24' : '#f0f0f0'}`,
                      height: 116,
                      textAlign: 'left',
                      background: day?.rest ? '#fff6f5' : undefined,
                      opacity: other ? 0.45 : 1,
                      overflow: 'hidden',
                    }}
                  >
                    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 4 }}>
                      <DayMarks day={day} />
                      <span style={{ fontWeight: isToday ? 700 : 400, color: day?.rest ? '#cf1322' : undefined }}>{d.date()}</span>
                    </div>
                    {list.slice(0, 3).map((h) => (
                      <HearingChip key={h.id} h={h} compact />
                    ))}
                    {list.length > 3 && (
                      <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                        {t('calendar.more', { count: list.length - 3 })}
                      </Typography.Text>
                    )}
                  </div>
                );
              }}
            />
          </div>
        ) : (
          <TimeGrid days={days} hearings={hearings} />
        )}
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap', marginTop: 12 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('calendar.legend')}
          </Typography.Text>
          <Space size={12} wrap>
            {(Object.keys(TYPE_COLOR) as Hearing['type'][]).map((k) => (
              <span key={k} style={{ fontSize: 12 }}>
                <span style={{ display: 'inline-block', width: 10, height: 10, background: TYPE_COLOR[k], borderRadius: 2, marginRight: 4 }} />
                {t(`hearings.type.${k}`)}
              </span>
            ))}
            <Typography.Text style={{ fontSize: 12 }} data-testid="calendar-count">
              {inView.length ? t('calendar.count', { count: inView.length }) : t('calendar.none')}
            </Typography.Text>
          </Space>
        </div>
      </Card>
      <RoomsEditor open={roomsOpen} onClose={() => setRoomsOpen(false)} />
    </div>
  );
}
