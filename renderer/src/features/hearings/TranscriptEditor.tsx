import { DeleteOutlined, FileWordOutlined, LinkOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Empty, Popover, Select, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/contract/cases';
import { MAX_TURN_CHARS, MAX_TURNS, type Hearing, type Transcript } from '../../../../shared/contract/hearings';
import type { DisputedPoint, EvidenceItem } from '../../../../shared/contract/review';
import { AppError } from '../../../../shared/contract/result';
import { useApi } from '../../api/context';
import { ErrorAlert, errorText } from '../../ui/errors';
import { useSaveFile } from '../../ui/saveFile';
import { useLinkTargets } from './hooks';
import { answerer, COURT_ROLES, cycleSpeaker, speakerKey, speakersOf, type Speaker } from './speakers';
import { clearLocal, mergeTurns, newTurnId, readLocal, sameTurns, writeLocal, type EditorTurn, type LocalCopy } from './transcriptModel';

/** How often unsaved turns go to the server. */
export const AUTOSAVE_MS = 3_000;
/** How soon after a keystroke the local safety copy is written. */
const LOCAL_COPY_MS = 300;

const PHRASE_KEYS = ['identity', 'discipline', 'rights', 'recusal', 'investigation', 'evidence', 'debate', 'final', 'mediation', 'close'] as const;

type Notice =
  | { kind: 'restored'; count: number }
  | { kind: 'merged'; version: number; added: number; edited: number };

type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'error'; message: string };

function turnSpeaker(turn: EditorTurn): Speaker {
  return { role: turn.role, name: turn.speakerName };
}

function turnDomId(id: string): string {
  return `turn-text-${id}`;
}

function focusTurn(id: string, where: 'start' | 'end' = 'end'): void {
  const focus = (): boolean => {
    const el = document.getElementById(turnDomId(id));
    if (!(el instanceof HTMLTextAreaElement)) return false;
    el.focus();
    const pos = where === 'end' ? el.value.length : 0;
    el.setSelectionRange(pos, pos);
    return true;
  };
  // At once when the row is in the page, so the very next keystroke lands in it; a row React has
  // not rendered yet gets the focus after the next frame.
  if (!focus()) requestAnimationFrame(() => void focus());
}

interface LinkTargets {
  readonly evidence: readonly EvidenceItem[];
  readonly points: readonly DisputedPoint[];
}

interface RowActions {
  change(id: string, patch: Partial<EditorTurn>): void;
  keyDown(id: string, e: KeyboardEvent<HTMLTextAreaElement>): void;
  focus(id: string): void;
  remove(id: string): void;
  insertPhrase(id: string, text: string): void;
  closePhrases(): void;
}

interface RowProps {
  readonly turn: EditorTurn;
  readonly index: number;
  readonly speakers: readonly Speaker[];
  readonly phrasesOpen: boolean;
  readonly targets: LinkTargets;
  readonly broken: ReadonlySet<string>;
  readonly actions: RowActions;
}

const TurnRow = memo(function TurnRow({ turn, index, speakers, phrasesOpen, targets, broken, actions }: RowProps) {
  const { t } = useTranslation();
  const key = speakerKey(turnSpeaker(turn));
  const options = [...speakers, ...(speakers.some((s) => speakerKey(s) === key) ? [] : [{ role: turn.role, name: turn.speakerName }])].map((s) => ({
    value: speakerKey(s),
    label: `${t(`hearings.roles.${s.role}`)}${s.name ? ` ${s.name}` : ''}`,
  }));
  const linkValue = turn.links.map((l) => `${l.kind}:${l.id}`);
  const linkOptions = [
    {
      label: t('hearings.transcript.linkEvidence'),
      options: targets.evidence.map((e) => ({ value: `evidence:${e.id}`, label: `${e.seq}. ${e.name}` })),
    },
    {
      label: t('hearings.transcript.linkPoint'),
      options: targets.points.filter((p) => p.status !== 'rejected').map((p) => ({ value: `point:${p.id}`, label: `${p.seq}. ${p.text}` })),
    },
  ];
  const label = (kind: 'evidence' | 'point', id: string) => {
    if (kind === 'evidence') {
      const e = targets.evidence.find((x) => x.id === id);
      return e ? `${t('hearings.transcript.linkEvidence')} ${e.seq}. ${e.name}` : null;
    }
    const p = targets.points.find((x) => x.id === id);
    return p ? `${t('hearings.transcript.linkPoint')} ${p.seq}` : null;
  };
  const court = COURT_ROLES.has(turn.role);
  return (
    <div
      data-testid="transcript-turn"
      data-role={turn.role}
      data-index={index}
      style={{
        display: 'grid',
        gridTemplateColumns: '64px 170px minmax(0, 1fr) 64px',
        gap: 8,
        alignItems: 'start',
        padding: '4px 0',
        borderBottom: '1px solid #f5f5f5',
        position: 'relative',
      }}
    >
      <Tooltip title={t('hearings.transcript.stamp')}>
        <Typography.Text type="secondary" style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums', paddingTop: 6 }} data-testid="turn-time">
          {turn.at === null ? '—' : dayjs(turn.at).format('HH:mm:ss')}
        </Typography.Text>
      </Tooltip>
      <Select
        size="small"
        variant="borderless"
        value={key}
        options={options}
        popupMatchSelectWidth={false}
        onChange={(v: string) => {
          const s = speakers.find((x) => speakerKey(x) === v);
          if (s) actions.change(turn.id, { role: s.role, speakerName: s.name });
          actions.focus(turn.id);
        }}
        style={{ fontWeight: 600, color: court ? '#a61d24' : undefined, marginTop: 2 }}
        data-testid="turn-speaker"
        tabIndex={-1}
      />
      <div style={{ minWidth: 0 }}>
        <textarea
          id={turnDomId(turn.id)}
          data-testid="turn-text"
          aria-label={t('hearings.transcript.placeholder')}
          value={turn.text}
          placeholder={t('hearings.transcript.placeholder')}
          maxLength={MAX_TURN_CHARS}
          rows={1}
          onChange={(e) => actions.change(turn.id, { text: e.target.value })}
          onKeyDown={(e) => actions.keyDown(turn.id, e)}
          onFocus={() => actions.focus(turn.id)}
          ref={(el) => {
            // Grow with the text; a turn never scrolls inside itself.
            if (el) {
              el.style.height = 'auto';
              el.style.height = `${el.scrollHeight}px`;
            }
          }}
          style={{
            width: '100%',
            resize: 'none',
            border: 'none',
            outline: 'none',
            padding: '4px 6px',
            fontSize: 15,
            lineHeight: 1.7,
            fontFamily: 'inherit',
            background: 'transparent',
            overflow: 'hidden',
          }}
        />
        {turn.text.length >= MAX_TURN_CHARS && (
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            {t('hearings.transcript.turnTooLong', { max: MAX_TURN_CHARS })}
          </Typography.Text>
        )}
        {turn.links.length > 0 && (
          <Space size={4} wrap style={{ padding: '0 6px 4px' }}>
            {turn.links.map((l) => {
              const text = label(l.kind, l.id);
              const isBroken = broken.has(`${l.kind}:${l.id}`) || text === null;
              return (
                <Tag key={`${l.kind}:${l.id}`} color={isBroken ? 'red' : l.kind === 'evidence' ? 'blue' : 'purple'} data-testid="turn-link">
                  {isBroken ? t('hearings.transcript.linkBroken') : text}
                </Tag>
              );
            })}
          </Space>
        )}
        {phrasesOpen && (
          <div
            data-testid="phrase-palette"
            style={{
              position: 'absolute',
              zIndex: 10,
              left: 242,
              right: 64,
              top: '100%',
              background: '#fff',
              border: '1px solid #d9d9d9',
              borderRadius: 6,
              boxShadow: '0 6px 16px rgba(0,0,0,0.12)',
              padding: 8,
            }}
          >
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('hearings.transcript.phrasesTitle')}
            </Typography.Text>
            {PHRASE_KEYS.map((k, i) => (
              <div
                key={k}
                role="button"
                tabIndex={-1}
                data-testid={`phrase-${k}`}
                onMouseDown={(e) => {
                  e.preventDefault();
                  actions.insertPhrase(turn.id, t(`hearings.transcript.phraseList.${k}`));
                }}
                style={{ padding: '2px 4px', cursor: 'pointer', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
              >
                <Tag style={{ marginInlineEnd: 6 }}>{(i + 1) % 10}</Tag>
                {t(`hearings.transcript.phraseList.${k}`)}
              </div>
            ))}
          </div>
        )}
      </div>
      <Space size={0}>
        <Popover
          trigger="click"
          title={t('hearings.transcript.link')}
          content={
            targets.evidence.length + targets.points.length === 0 ? (
              <Typography.Text type="secondary">{t('hearings.transcript.noLinkTargets')}</Typography.Text>
            ) : (
              <Select
                mode="multiple"
                style={{ width: 420 }}
                value={linkValue}
                options={linkOptions}
                placeholder={t('hearings.transcript.linkPlaceholder')}
                optionFilterProp="label"
                onChange={(v: string[]) =>
                  actions.change(turn.id, {
                    links: v.slice(0, 20).map((x) => {
                      const [kind, id = ''] = x.split(':') as ['evidence' | 'point', string];
                      return { kind, id };
                    }),
                  })
                }
                data-testid="turn-link-select"
              />
            )
          }
        >
          <Button type="text" size="small" icon={<LinkOutlined />} aria-label={t('hearings.transcript.link')} tabIndex={-1} data-testid="turn-link-button" />
        </Popover>
        <Button
          type="text"
          size="small"
          icon={<DeleteOutlined />}
          aria-label={t('hearings.transcript.remove')}
          tabIndex={-1}
          onClick={() => actions.remove(turn.id)}
        />
      </Space>
    </div>
  );
});

/** The keyboard-first 庭审笔录 editor: turns, speakers, phrases, links; autosaved with a local safety copy. */
export function TranscriptEditor({ hearing, detail }: { hearing: Hearing; detail: CaseDetail }) {
  const { t } = useTranslation();
  const api = useApi();
  const saveFile = useSaveFile();
  const { message } = AntApp.useApp();
  const linkTargets = useLinkTargets(detail.id);
  const targets = useMemo<LinkTargets>(() => ({ evidence: linkTargets.evidence, points: linkTargets.points }), [linkTargets.evidence, linkTargets.points]);
  const speakers = useMemo(() => speakersOf(hearing, detail), [hearing, detail]);
  const hearingId = hearing.id;

  const [loadError, setLoadError] = useState<unknown>(null);
  const [loaded, setLoaded] = useState(false);
  const [turns, setTurnsState] = useState<EditorTurn[]>([]);
  const [broken, setBroken] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [dirty, setDirty] = useState(false);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [offer, setOffer] = useState<{ copy: LocalCopy; version: number } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [phrasesFor, setPhrasesFor] = useState<string | null>(null);

  const turnsRef = useRef<EditorTurn[]>([]);
  const baseVersion = useRef(0);
  const baseTurns = useRef<EditorTurn[]>([]);
  const rev = useRef(0);
  const savedRev = useRef(0);
  const saving = useRef(false);
  const active = useRef<string | null>(null);
  const localTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const speakersRef = useRef(speakers);
  const phrasesRef = useRef(phrasesFor);
  useEffect(() => {
    speakersRef.current = speakers;
  });
  // The key handler reads the palette state from the ref: update it in the same tick as the
  // state, or a digit typed right after "/" lands in the text instead of picking a phrase.
  const showPhrases = useCallback((id: string | null) => {
    phrasesRef.current = id;
    setPhrasesFor(id);
  }, []);

  const flushLocal = useCallback(() => {
    if (localTimer.current) clearTimeout(localTimer.current);
    localTimer.current = null;
    if (rev.current !== savedRev.current) writeLocal(hearingId, { baseVersion: baseVersion.current, turns: turnsRef.current, at: Date.now() });
  }, [hearingId]);

  const setTurns = useCallback(
    (next: EditorTurn[]) => {
      turnsRef.current = next;
      rev.current += 1;
      setTurnsState(next);
      setDirty(true);
      if (localTimer.current) clearTimeout(localTimer.current);
      localTimer.current = setTimeout(flushLocal, LOCAL_COPY_MS);
    },
    [flushLocal],
  );

  const accept = useCallback((server: Transcript) => {
    baseVersion.current = server.version;
    baseTurns.current = server.turns;
    setBroken(new Set(server.brokenLinks.map((l) => `${l.kind}:${l.id}`)));
    if (server.updatedAt !== null) setSavedAt(server.updatedAt);
  }, []);

  // Load: the server's transcript, and any unsaved local copy left by a crash or reload.
  useEffect(() => {
    let live = true;
    api['hearings.transcript.get']({ hearingId })
      .then((server) => {
        if (!live) return;
        accept(server);
        const local = readLocal(hearingId);
        savedRev.current = rev.current;
        if (local && !sameTurns(local.turns, server.turns)) {
          if (local.baseVersion === server.version) {
            // Unsaved work on top of what the server has: take it back and let autosave send it.
            const fresh = local.turns.filter((x) => !server.turns.some((s) => s.id === x.id && sameTurns([s], [x]))).length;
            setTurns(local.turns);
            setNotice({ kind: 'restored', count: fresh });
          } else {
            turnsRef.current = server.turns;
            setTurnsState(server.turns);
            setOffer({ copy: local, version: server.version });
          }
        } else {
          if (local) clearLocal(hearingId);
          turnsRef.current = server.turns;
          setTurnsState(server.turns);
        }
        setLoaded(true);
      })
      .catch((err: unknown) => {
        if (live) setLoadError(err);
      });
    return () => {
      live = false;
    };
  }, [api, hearingId, accept, setTurns]);

  const save = useCallback(async () => {
    if (saving.current || rev.current === savedRev.current) return;
    saving.current = true;
    const at = rev.current;
    const sent = turnsRef.current;
    setStatus({ kind: 'saving' });
    try {
      const res = await api['hearings.transcript.save']({ hearingId, baseVersion: baseVersion.current, turns: sent });
      accept(res);
      savedRev.current = at;
      setSavedAt(res.updatedAt ?? Date.now());
      setStatus({ kind: 'idle' });
      if (rev.current === at) {
        setDirty(false);
        clearLocal(hearingId);
      } else flushLocal();
    } catch (err) {
      const current = err instanceof AppError && err.code === 'CONFLICT' ? (err.details?.['current'] as Transcript | undefined) : undefined;
      if (current) {
        // Saved elsewhere meanwhile: keep everything on the server and add our work to it.
        const merged = mergeTurns(current.turns, turnsRef.current, baseTurns.current);
        accept(current);
        setTurns(merged.turns);
        if (sameTurns(merged.turns, current.turns)) {
          savedRev.current = rev.current;
          setDirty(false);
          clearLocal(hearingId);
        }
        setNotice({ kind: 'merged', version: current.version, added: merged.added, edited: merged.edited });
        setStatus({ kind: 'idle' });
      } else {
        setStatus({ kind: 'error', message: errorText(t, err) });
      }
    } finally {
      saving.current = false;
    }
  }, [api, hearingId, accept, flushLocal, setTurns, t]);

  const [exporting, setExporting] = useState(false);
  const exportDocx = async () => {
    setExporting(true);
    try {
      // The export reads the stored transcript, so unsaved turns go to the server first.
      if (rev.current !== savedRev.current) await save();
      if (rev.current !== savedRev.current) {
        void message.error(t('hearings.transcript.exportUnsaved'));
        return;
      }
      const r = await api['drafting.exportTranscript']({ hearingId });
      await saveFile(r, (name) => t('hearings.transcript.exported', { name }));
    } catch (err) {
      void message.error(errorText(t, err));
    } finally {
      setExporting(false);
    }
  };

  // Autosave every few seconds while there are unsaved turns.
  useEffect(() => {
    if (!loaded) return;
    const timer = setInterval(() => void save(), AUTOSAVE_MS);
    return () => clearInterval(timer);
  }, [loaded, save]);

  // Leaving the page or the tab: the local copy first (synchronous), then a last save attempt.
  useEffect(() => {
    const onHide = () => flushLocal();
    window.addEventListener('pagehide', onHide);
    window.addEventListener('beforeunload', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('beforeunload', onHide);
      flushLocal();
      void save();
    };
  }, [flushLocal, save]);

  const addAfter = useCallback(
    (afterId: string | null, speaker?: Speaker) => {
      const list = turnsRef.current;
      if (list.length >= MAX_TURNS) {
        void message.error(t('hearings.transcript.tooManyTurns', { max: MAX_TURNS }));
        return;
      }
      const at = afterId === null ? list.length - 1 : list.findIndex((x) => x.id === afterId);
      const cur = at >= 0 ? list[at] : undefined;
      const prev = at >= 1 ? list[at - 1] : undefined;
      // Questions and answers alternate: the new turn goes back to whoever spoke before this one.
      const next: Speaker =
        speaker ??
        (prev && cur && speakerKey(turnSpeaker(prev)) !== speakerKey(turnSpeaker(cur))
          ? { role: prev.role, name: prev.speakerName }
          : cur
            ? answerer(speakersRef.current, turnSpeaker(cur))
            : speakersRef.current[0]!);
      const turn: EditorTurn = { id: newTurnId(), role: next.role, speakerName: next.name, text: '', at: Date.now(), links: [] };
      // Rendered before this handler returns, so the caret is in the new turn before the clerk's
      // next keystroke (Tab for the speaker, or the words) arrives; a frame later would be too late
      // for a fast typist and the keys would land in the previous turn.
      flushSync(() => setTurns([...list.slice(0, at + 1), turn, ...list.slice(at + 1)]));
      focusTurn(turn.id);
    },
    [setTurns, message, t],
  );

  const actions = useMemo<RowActions>(() => {
    const patch = (id: string, p: Partial<EditorTurn>) => setTurns(turnsRef.current.map((x) => (x.id === id ? { ...x, ...p } : x)));
    const setSpeaker = (id: string, s: Speaker) => patch(id, { role: s.role, speakerName: s.name });
    const remove = (id: string) => {
      const list = turnsRef.current;
      const at = list.findIndex((x) => x.id === id);
      setTurns(list.filter((x) => x.id !== id));
      const prev = list[at - 1] ?? list[at + 1];
      if (prev) focusTurn(prev.id);
    };
    const insertPhrase = (id: string, text: string) => {
      const turn = turnsRef.current.find((x) => x.id === id);
      showPhrases(null);
      if (!turn) return;
      const court = speakersRef.current.find((s) => COURT_ROLES.has(s.role) && s.role !== 'clerk');
      // Phrases are the bench's words: an empty turn by someone else becomes the judge's.
      const who = turn.text === '' && !COURT_ROLES.has(turn.role) && court ? { role: court.role, speakerName: court.name } : {};
      patch(id, { ...who, text: turn.text ? `${turn.text}${text}` : text });
      focusTurn(id);
    };
    return {
      change: patch,
      focus: (id) => {
        active.current = id;
      },
      remove,
      insertPhrase,
      closePhrases: () => showPhrases(null),
      keyDown: (id, e) => {
        // Keys pressed while an input method is composing belong to it (pinyin candidates).
        if (e.nativeEvent.isComposing || e.keyCode === 229) return;
        const turn = turnsRef.current.find((x) => x.id === id);
        if (!turn) return;
        if (phrasesRef.current === id) {
          if (e.key === 'Escape') {
            e.preventDefault();
            showPhrases(null);
            return;
          }
          if (/^[0-9]$/.test(e.key)) {
            e.preventDefault();
            const k = PHRASE_KEYS[(Number(e.key) + 9) % 10];
            if (k) insertPhrase(id, t(`hearings.transcript.phraseList.${k}`));
            return;
          }
          showPhrases(null);
        }
        if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
          e.preventDefault();
          if (turn.text.trim() !== '') addAfter(id);
          return;
        }
        if (e.key === 'Tab' && !e.ctrlKey && !e.altKey) {
          e.preventDefault();
          setSpeaker(id, cycleSpeaker(speakersRef.current, { role: turn.role, name: turn.speakerName }, e.shiftKey ? -1 : 1));
          return;
        }
        if (e.altKey && /^Digit[1-9]$/.test(e.code)) {
          const s = speakersRef.current[Number(e.code.slice(5)) - 1];
          if (s) {
            e.preventDefault();
            setSpeaker(id, s);
          }
          return;
        }
        if ((e.ctrlKey || e.metaKey) && e.key === '.') {
          e.preventDefault();
          showPhrases(id);
          return;
        }
        if (e.key === '/' && turn.text === '' && !e.ctrlKey && !e.altKey) {
          e.preventDefault();
          showPhrases(id);
          return;
        }
        if (e.key === 'Backspace' && turn.text === '' && turnsRef.current.length > 1) {
          e.preventDefault();
          remove(id);
          return;
        }
        if ((e.ctrlKey || e.metaKey) && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
          const list = turnsRef.current;
          const at = list.findIndex((x) => x.id === id);
          const to = list[e.key === 'ArrowUp' ? at - 1 : at + 1];
          if (to) {
            e.preventDefault();
            focusTurn(to.id);
          }
        }
      },
    };
  }, [setTurns, addAfter, t, showPhrases]);

  const pickSpeaker = (s: Speaker) => {
    const id = active.current && turnsRef.current.some((x) => x.id === active.current) ? active.current : turnsRef.current.at(-1)?.id;
    if (!id) {
      addAfter(null, s);
      return;
    }
    actions.change(id, { role: s.role, speakerName: s.name });
    focusTurn(id);
  };

  const mergeOffer = () => {
    if (!offer) return;
    const merged = mergeTurns(turnsRef.current, offer.copy.turns);
    setTurns(merged.turns);
    setNotice({ kind: 'merged', version: offer.version, added: merged.added, edited: merged.edited });
    setOffer(null);
  };

  if (loadError !== null) return <ErrorAlert error={loadError} />;
  if (!loaded) return <Skeleton active />;

  const chars = turns.reduce((n, x) => n + x.text.length, 0);
  const statusText =
    status.kind === 'saving'
      ? t('hearings.transcript.saving')
      : dirty
        ? t('hearings.transcript.unsaved')
        : savedAt !== null
          ? t('hearings.transcript.saved', { time: dayjs(savedAt).format('HH:mm:ss') })
          : t('hearings.transcript.savedNever');

  return (
    <div
      data-testid="transcript-editor"
      onBlur={(e) => {
        // Focus leaving the editor (not moving between its turns) saves at once.
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) void save();
      }}
    >
      <div
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 5,
          background: '#fff',
          padding: '8px 0',
          borderBottom: '1px solid #f0f0f0',
          display: 'grid',
          gap: 8,
        }}
      >
        <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap', justifyContent: 'space-between' }}>
          <Space wrap size={4}>
            <Typography.Text type="secondary">{t('hearings.transcript.speakers')}</Typography.Text>
            {speakers.slice(0, 9).map((s, i) => (
              <Button
                key={speakerKey(s)}
                size="small"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pickSpeaker(s)}
                data-testid={`speaker-${i + 1}`}
              >
                <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                  {i + 1}
                </Typography.Text>
                {t(`hearings.roles.${s.role}`)}
                {s.name ? ` ${s.name}` : ''}
              </Button>
            ))}
          </Space>
          <Space size={12}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('hearings.transcript.turns', { count: turns.length })} · {t('hearings.transcript.chars', { count: chars })}
            </Typography.Text>
            <Typography.Text
              data-testid="transcript-status"
              data-dirty={dirty ? 'true' : 'false'}
              type={status.kind === 'error' ? 'danger' : dirty ? 'warning' : 'success'}
              style={{ fontVariantNumeric: 'tabular-nums' }}
            >
              {statusText}
            </Typography.Text>
            <Button size="small" icon={<SaveOutlined />} onClick={() => void save()} disabled={!dirty} data-testid="transcript-save">
              {t('hearings.transcript.saveNow')}
            </Button>
            <Button size="small" icon={<FileWordOutlined />} loading={exporting} onClick={() => void exportDocx()} data-testid="transcript-export">
              {t('hearings.transcript.export')}
            </Button>
          </Space>
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="transcript-help">
          {t('hearings.transcript.help')}
        </Typography.Text>
      </div>

      {status.kind === 'error' && (
        <Alert type="warning" showIcon style={{ margin: '8px 0' }} title={t('hearings.transcript.saveFailed', { message: status.message })} />
      )}
      {offer && (
        <Alert
          type="warning"
          showIcon
          style={{ margin: '8px 0' }}
          data-testid="transcript-offer"
          title={t('hearings.transcript.offerTitle')}
          description={t('hearings.transcript.offerBody', {
            at: dayjs(offer.copy.at).format('YYYY-MM-DD HH:mm:ss'),
            base: offer.copy.baseVersion,
            version: offer.version,
          })}
          action={
            <Space orientation="vertical">
              <Button size="small" type="primary" onClick={mergeOffer} data-testid="transcript-offer-merge">
                {t('hearings.transcript.offerMerge')}
              </Button>
              <Button
                size="small"
                danger
                onClick={() => {
                  clearLocal(hearingId);
                  setOffer(null);
                }}
              >
                {t('hearings.transcript.offerDiscard')}
              </Button>
            </Space>
          }
        />
      )}
      {notice && (
        <Alert
          type="info"
          showIcon
          closable
          onClose={() => setNotice(null)}
          style={{ margin: '8px 0' }}
          data-testid="transcript-notice"
          title={notice.kind === 'restored' ? t('hearings.transcript.restoredTitle') : t('hearings.transcript.mergedTitle')}
          description={
            notice.kind === 'restored'
              ? t('hearings.transcript.restoredBody', { count: notice.count })
              : `${t('hearings.transcript.mergedBody', { version: notice.version, added: notice.added })}${notice.edited > 0 ? ` ${t('hearings.transcript.mergedEdited', { count: notice.edited })}` : ''}`
          }
        />
      )}

      <div data-testid="transcript-turns" style={{ marginTop: 8 }}>
        {turns.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hearings.transcript.empty')} />
        ) : (
          turns.map((turn, i) => (
            <TurnRow
              key={turn.id}
              turn={turn}
              index={i}
              speakers={speakers}
              phrasesOpen={phrasesFor === turn.id}
              targets={targets}
              broken={broken}
              actions={actions}
            />
          ))
        )}
      </div>
      <Button type="dashed" block icon={<PlusOutlined />} style={{ marginTop: 12 }} onClick={() => addAfter(null)} data-testid="transcript-add">
        {t('hearings.transcript.addTurn')}
      </Button>
    </div>
  );
}
