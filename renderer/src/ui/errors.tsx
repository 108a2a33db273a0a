import { Alert } from 'antd';
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { AppError, ERROR_CODES, type ErrorCode, type ErrorIssue } from '../../../shared/contract/result';

function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

export function errorCode(err: unknown): ErrorCode | null {
  return err instanceof AppError && isErrorCode(err.code) ? err.code : null;
}

/** A sentence the user can act on; the backend's own message is kept as a detail for support. */
export function describeError(t: TFunction, err: unknown): { summary: string; detail: string | null } {
  const code = errorCode(err);
  if (code) return { summary: t(`errors.${code}`), detail: err instanceof Error ? err.message : null };
  return { summary: t('errors.unknown'), detail: err instanceof Error ? err.message : String(err) };
}

export function errorText(t: TFunction, err: unknown): string {
  const { summary, detail } = describeError(t, err);
  return detail ? `${summary} ${t('errors.detail', { message: detail })}` : summary;
}

export function useErrorText(): (err: unknown) => string {
  const { t } = useTranslation();
  return (err) => errorText(t, err);
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const { summary, detail } = describeError(t, error);
  return (
    <div data-testid="error-alert">
    <Alert
      type="error"
      showIcon
      title={summary}
      description={detail ? t('errors.detail', { message: detail }) : undefined}
      action={
        onRetry ? (
          <a onClick={onRetry} role="button">
            {t('common.retry')}
          </a>
        ) : undefined
      }
    />
    </div>
  );
}

/**
 * The backend's zod messages are English and fixed (shared/contract/common.ts); translate the known
 * ones so a clerk working in Chinese reads Chinese, and show anything else as it came.
 */
export function translateIssueMessage(t: TFunction, message: string): string {
  const tooLong = /^must be at most (\d+) characters$/.exec(message);
  if (tooLong) return t('validation.tooLong', { max: tooLong[1] });
  const known: Record<string, string> = {
    'is required': 'validation.required',
    'must be a date as YYYY-MM-DD': 'validation.dateFormat',
    'is not a real calendar date': 'validation.notRealDate',
    'must be whole fen': 'validation.wholeFen',
    'cannot be negative': 'validation.negative',
    'is absurdly large': 'validation.tooLarge',
    'must be an id (letters, digits, - or _)': 'validation.invalidId',
  };
  const key = known[message];
  return key ? t(key) : message;
}

export type FieldPath = (string | number)[];

/** The UI language as the refusal texts know it (i18n says 'zh-CN' or 'en'). */
export type RefusalLang = 'zh' | 'en';

/** Rule refusals name their field first ("case.filedOn: …", "months：…") for machines; the clerk needs only the sentence. */
export function withoutFieldName(s: string): string {
  return s.replace(/^[A-Za-z.]+[:：]\s*/, '');
}

/** The Chinese sentence a rule refusal carries beside its English message (the backend's `details.zh`). */
function zhOf(err: unknown): string | null {
  if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') return null;
  const zh = err.details?.['zh'];
  return typeof zh === 'string' ? zh : null;
}

/**
 * The sentence of a BAD_INPUT refusal in the UI language: the backend's rule refusals (deadlines,
 * service, a case edit the recorded facts contradict) say it in Chinese in `details.zh` and in English
 * in the message. Null for any other error.
 */
export function refusalText(err: unknown, lang: RefusalLang): string | null {
  if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') return null;
  const zh = lang === 'zh' ? zhOf(err) : null;
  return withoutFieldName(zh ?? err.message.replace(/^Invalid input:\s*/, ''));
}

export function issuesOf(err: unknown): readonly ErrorIssue[] {
  if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') return [];
  const issues = err.details?.issues;
  return Array.isArray(issues) ? issues : [];
}

/**
 * Puts BAD_INPUT issues onto the form fields they name. `mapPath` turns a backend path into a form
 * name path (or null when no field shows it); the issues no field can show are returned, so the caller
 * can list them instead of dropping them. A rule refusal (one issue with a Chinese sentence beside it)
 * is said in the UI language, under its field or in the returned list.
 */
export function applyIssuesToForm(
  t: TFunction,
  lang: RefusalLang,
  form: FormInstance,
  err: unknown,
  mapPath: (path: FieldPath) => FieldPath | null,
): { mapped: number; unmapped: ErrorIssue[] } {
  const unmapped: ErrorIssue[] = [];
  const fields = new Map<string, { name: FieldPath; errors: string[] }>();
  const issues = issuesOf(err);
  // The zh sentence belongs to the refusal as a whole, so it can stand for an issue only when there is one.
  const zh = issues.length === 1 ? zhOf(err) : null;
  for (const raw of issues) {
    const issue = zh === null ? raw : { path: raw.path, message: withoutFieldName(lang === 'zh' ? zh : raw.message) };
    const path: FieldPath = issue.path === '' ? [] : issue.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const name = path.length > 0 ? mapPath(path) : null;
    if (!name) {
      unmapped.push(issue);
      continue;
    }
    const key = name.join('.');
    const entry = fields.get(key) ?? { name, errors: [] };
    entry.errors.push(translateIssueMessage(t, issue.message));
    fields.set(key, entry);
  }
  form.setFields([...fields.values()]);
  return { mapped: fields.size, unmapped };
}
