import { MessageOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Collapse, Drawer, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  CHAT_QUESTION_MAX,
  ChatAnswer,
  chatAnswerPreview,
  type ChatAskResult,
  type ChatCitation,
  type ChatPassage,
  type ChatTurn,
  type LlmDone,
} from '../../../../shared/contract/llm';
import { useApi } from '../../api/context';
import { errorText } from '../../ui/errors';
import { modelProblemText } from '../models/format';
import { useLlmStatus, useStream } from '../models/hooks';
import { CitationStatusTag, CitationViewer } from './CitationViewer';
import { PassageCard } from './Passage';

interface Turn {
  readonly id: number;
  readonly question: string;
  readonly result: ChatAskResult | null;
  readonly done: LlmDone | null;
  readonly answer: ChatAnswer | null;
  readonly error: string | null;
}

/** The answer text with its [n] markers as buttons that open the first citation of passage n. */
function AnswerText({ text, citations, onOpen }: { text: string; citations: readonly ChatCitation[]; onOpen: (c: ChatCitation) => void }) {
  const parts: ReactNode[] = [];
  const re = /\[(\d+)\]/g;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > at) parts.push(text.slice(at, m.index));
    const n = Number(m[1]);
    const c = citations.find((x) => x.passage === n);
    parts.push(
      c ? (
        <a key={m.index} onClick={() => onOpen(c)} role="button" style={{ color: c.verified ? undefined : '#d46b08' }}>
          [{n}]
        </a>
      ) : (
        <span key={m.index}>[{n}]</span>
      ),
    );
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

function Citations({ answer, onOpen }: { answer: ChatAnswer; onOpen: (c: ChatCitation) => void }) {
  const { t } = useTranslation();
  if (answer.citations.length === 0) return null;
  return (
    <div style={{ marginTop: 8 }} data-testid="chat-citations">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('chat.sources')}
      </Typography.Text>
      <Space orientation="vertical" size={4} style={{ display: 'flex', marginTop: 4 }}>
        {answer.citations.map((c, i) => (
          <Button
            key={i}
            size="small"
            onClick={() => onOpen(c)}
            style={{ height: 'auto', whiteSpace: 'normal', textAlign: 'left', justifyContent: 'flex-start', padding: '2px 8px' }}
            data-testid={`chat-citation-${i}`}
          >
            <span>
              <Typography.Text strong>[{c.passage}]</Typography.Text> <CitationStatusTag citation={c} />
              <Typography.Text type="secondary">{c.documentTitle ?? answer.passages.find((p) => p.n === c.passage)?.documentTitle ?? ''}</Typography.Text>
              {c.quote && <span style={{ marginLeft: 6 }}>“{c.quote.length > 40 ? `${c.quote.slice(0, 40)}…` : c.quote}”</span>}
            </span>
          </Button>
        ))}
      </Space>
    </div>
  );
}

function SearchFallback({ result }: { result: ChatAskResult }) {
  const { t } = useTranslation();
  return (
    <div data-testid="chat-fallback">
      {result.passages.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('chat.noPassages')}</Typography.Paragraph>
      ) : (
        result.passages.map((p) => <PassageCard key={`${p.documentId}:${p.start}`} passage={p} />)
      )}
      {result.documentsWithoutText > 0 && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('chat.withoutText', { count: result.documentsWithoutText })}
        </Typography.Paragraph>
      )}
    </div>
  );
}

function PassagesGiven({ passages }: { passages: readonly ChatPassage[] }) {
  const { t } = useTranslation();
  if (passages.length === 0) return null;
  return (
    <Collapse
      size="small"
      ghost
      style={{ marginTop: 4 }}
      items={[
        {
          key: 'p',
          label: <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('chat.passagesGiven', { count: passages.length })}</Typography.Text>,
          children: passages.map((p) => <PassageCard key={`${p.documentId}:${p.start}`} passage={p} />),
        },
      ]}
    />
  );
}

function TurnView({
  turn,
  live,
  onOpen,
  onStop,
}: {
  turn: Turn;
  live: { text: string; running: boolean; started: boolean } | null;
  onOpen: (c: ChatCitation, passages: readonly ChatPassage[]) => void;
  onStop: () => void;
}) {
  const { t } = useTranslation();
  const r = turn.result;
  let body: ReactNode;
  if (turn.error) {
    body = <Alert type="error" showIcon title={turn.error} />;
  } else if (!r) {
    body = <Typography.Text type="secondary">{t('chat.searching')}</Typography.Text>;
  } else if (r.status === 'no-model') {
    body = (
      <>
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('chat.noModelAnswer')} data-testid="chat-no-model" />
        <SearchFallback result={r} />
      </>
    );
  } else if (r.status === 'no-documents') {
    body = <Alert type="info" showIcon title={t('chat.noDocuments')} data-testid="chat-no-documents" />;
  } else if (live && !turn.done) {
    const preview = chatAnswerPreview(live.text);
    body = (
      <>
        {preview ? (
          <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8 }} data-testid="chat-streaming">
            {preview}▍
          </div>
        ) : (
          <Typography.Text type="secondary" data-testid="chat-waiting">
            {live.started ? t('chat.writing') : t('chat.thinking')}
          </Typography.Text>
        )}
        <div style={{ marginTop: 6 }}>
          <Button size="small" icon={<StopOutlined />} onClick={onStop} data-testid="chat-stop">
            {t('chat.stop')}
          </Button>
        </div>
      </>
    );
  } else if (turn.answer) {
    const a = turn.answer;
    body = (
      <>
        <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8 }} data-testid="chat-answer">
          <AnswerText text={a.answer} citations={a.citations} onOpen={(c) => onOpen(c, a.passages)} />
        </div>
        {!a.grounded && (
          <Tag color="default" style={{ marginTop: 6 }}>
            {t('chat.notGrounded')}
          </Tag>
        )}
        {a.citations.length > 0 && !a.allVerified && (
          <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('chat.someUnverified')} />
        )}
        <Citations answer={a} onOpen={(c) => onOpen(c, a.passages)} />
        <PassagesGiven passages={a.passages} />
      </>
    );
  } else if (turn.done) {
    // Cancelled, failed or unparsable: show what was written and why it stopped.
    const preview = chatAnswerPreview(turn.done.text);
    body = (
      <>
        {preview && (
          <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8 }} data-testid="chat-answer">
            {preview}
          </div>
        )}
        <Alert
          type={turn.done.reason === 'cancelled' ? 'info' : 'error'}
          showIcon
          style={{ marginTop: 8 }}
          title={
            turn.done.reason === 'cancelled'
              ? t('chat.stopped')
              : turn.done.error
                ? t('chat.failedWith', { reason: modelProblemText(t, turn.done.error.message) })
                : t('chat.unparsed')
          }
        />
        <PassagesGiven passages={r.passages} />
      </>
    );
  }
  return (
    <div style={{ marginBottom: 16 }} data-testid="chat-turn">
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 6 }}>
        <div
          style={{ background: '#e6f4ff', borderRadius: 8, padding: '6px 10px', maxWidth: '85%', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
          data-testid="chat-question"
        >
          {turn.question}
        </div>
      </div>
      <div style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 8, padding: '8px 12px' }}>{body}</div>
    </div>
  );
}

function historyOf(turns: readonly Turn[]): ChatTurn[] {
  const out: ChatTurn[] = [];
  for (const turn of turns) {
    if (!turn.answer) continue;
    out.push({ role: 'user', text: turn.question.slice(0, 2000) });
    out.push({ role: 'assistant', text: turn.answer.answer.slice(0, 2000) });
  }
  return out.slice(-20);
}

function ChatPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const api = useApi();
  const status = useLlmStatus();
  const [question, setQuestion] = useState('');
  const [turns, setTurns] = useState<readonly Turn[]>([]);
  const [viewing, setViewing] = useState<{ citation: ChatCitation; passages: readonly ChatPassage[] } | null>(null);
  const seq = useRef(0);
  const liveTurn = useRef<number | null>(null);
  const bottom = useRef<HTMLDivElement>(null);

  const { state, start } = useStream((done) => {
    const id = liveTurn.current;
    liveTurn.current = null;
    const parsed = ChatAnswer.safeParse(done.json);
    setTurns((all) => all.map((x) => (x.id === id ? { ...x, done, answer: parsed.success ? parsed.data : null } : x)));
  });

  const lastLen = turns.length;
  const liveLen = state.text.length;
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [lastLen, liveLen]);

  const ask = async () => {
    const q = question.trim();
    if (!q || state.running) return;
    seq.current += 1;
    const id = seq.current;
    const history = historyOf(turns);
    setTurns((all) => [...all, { id, question: q, result: null, done: null, answer: null, error: null }]);
    setQuestion('');
    liveTurn.current = id;
    try {
      await start(async () => {
        const result = await api['llm.chat.ask']({ caseId, question: q, history });
        setTurns((all) => all.map((x) => (x.id === id ? { ...x, result } : x)));
        return result.requestId;
      });
    } catch (err) {
      liveTurn.current = null;
      setTurns((all) => all.map((x) => (x.id === id ? { ...x, error: errorText(t, err) } : x)));
    }
  };

  const stop = async () => {
    if (!state.requestId) return;
    try {
      await api['llm.cancel']({ requestId: state.requestId });
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  const s = status.data;
  const noModel = s !== undefined && !s.model && !s.savedModel;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }} data-testid="chat-panel">
      <div style={{ marginBottom: 12 }}>
        {noModel ? (
          <Alert
            type="info"
            showIcon
            data-testid="chat-no-model-banner"
            title={t('chat.noModelBanner')}
            description={<Link to="/models">{t('chat.goToModels')}</Link>}
          />
        ) : s ? (
          <Space size={6} wrap>
            <Typography.Text type="secondary">{t('chat.modelLabel')}</Typography.Text>
            <Tag color={s.model ? 'green' : 'default'} data-testid="chat-model">
              {s.model ? s.model.name : t('chat.modelOnDemand', { name: s.savedModel?.split(/[\\/]/).pop() ?? '' })}
            </Tag>
            {s.queued > 0 && <Tag color="processing">{t('chat.queued', { count: s.queued })}</Tag>}
          </Space>
        ) : null}
      </div>
      <div style={{ flex: 1, overflow: 'auto', paddingRight: 4 }} data-testid="chat-turns">
        {turns.length === 0 && (
          <Typography.Paragraph type="secondary" data-testid="chat-empty">
            {t('chat.intro')}
          </Typography.Paragraph>
        )}
        {turns.map((turn) => (
          <TurnView
            key={turn.id}
            turn={turn}
            live={turn.result?.requestId && turn.result.requestId === state.requestId ? state : null}
            onOpen={(citation, passages) => setViewing({ citation, passages })}
            onStop={() => void stop()}
          />
        ))}
        <div ref={bottom} />
      </div>
      <div style={{ borderTop: '1px solid #f0f0f0', paddingTop: 12, marginTop: 8 }}>
        <Input.TextArea
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          onPressEnter={(e) => {
            if (!e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void ask();
            }
          }}
          maxLength={CHAT_QUESTION_MAX}
          showCount
          autoSize={{ minRows: 2, maxRows: 5 }}
          placeholder={t('chat.placeholder')}
          aria-label={t('chat.question')}
          data-testid="chat-input"
        />
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 24, gap: 8 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('chat.privacy')}
          </Typography.Text>
          <Button type="primary" icon={<SendOutlined />} onClick={() => void ask()} disabled={!question.trim() || state.running} data-testid="chat-ask">
            {noModel ? t('chat.search') : t('chat.ask')}
          </Button>
        </div>
      </div>
      <CitationViewer citation={viewing?.citation ?? null} passages={viewing?.passages ?? []} onClose={() => setViewing(null)} />
    </div>
  );
}

/** The 问答 button of the case workspace and the side panel it opens. */
export function CaseChat({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<MessageOutlined />} onClick={() => setOpen(true)} data-testid="case-chat-open">
        {t('chat.button')}
      </Button>
      <Drawer open={open} onClose={() => setOpen(false)} size={600} title={t('chat.title')}>
        {/* Kept mounted while closed, so the conversation survives closing and reopening the panel. */}
        <ChatPanel caseId={caseId} />
      </Drawer>
    </>
  );
}
