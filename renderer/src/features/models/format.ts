import type { TFunction } from 'i18next';
import { errorCode, errorText } from '../../ui/errors';

/** File sizes and RAM in binary units, with GB for model-sized numbers. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** Parameter counts as model cards write them: 1.5B, 494M, 4.6M. */
export function formatParameters(n: number): string {
  if (n <= 0) return '—';
  if (n >= 1e9) return `${(n / 1e9).toFixed(n >= 1e10 ? 0 : 1)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e8 ? 0 : 1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}K`;
  return String(n);
}

export function formatPercent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export function formatNumber(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return '—';
  return x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** Density spans orders of magnitude (a random model scores 0, a real one perhaps 0.05): keep 3 significant digits. */
export function formatDensity(x: number): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return '—';
  return x >= 100 ? x.toFixed(0) : x.toPrecision(3);
}

/**
 * The backend explains unusable model files in English (registry.ts). Recognise the known
 * cases so the user reads them in their language; anything else is shown as it came.
 */
export function modelProblemText(t: TFunction, message: string): string {
  const arch = /uses the architecture "([^"]*)"/.exec(message);
  if (arch) return t('models.problems.architecture', { arch: arch[1] || '?' });
  const version = /has GGUF version (\d+)/.exec(message);
  if (version) return t('models.problems.version', { version: version[1] });
  if (/is truncated/.test(message)) return t('models.problems.truncated');
  if (/damaged/.test(message)) return t('models.problems.damaged');
  if (/too short to be a GGUF/.test(message)) return t('models.problems.tooSmall');
  if (/not a GGUF model file/.test(message)) return t('models.problems.notGguf');
  if (/^Model file not found/.test(message)) return t('models.problems.notFound');
  if (/^Not a file/.test(message)) return t('models.problems.notFile');
  if (/could not be loaded/.test(message)) return t('models.problems.loadFailed');
  if (/No model is loaded|model is not loaded/i.test(message)) return t('models.problems.noModel');
  if (/already loading/.test(message)) return t('models.problems.busyLoading');
  return message;
}

/** An error from a model operation: the file problem in the user's language, with the original kept as detail. */
export function modelErrorText(t: TFunction, err: unknown): string {
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  const known = message ? modelProblemText(t, message) : '';
  if (known && known !== message) return `${known} ${t('errors.detail', { message })}`;
  return errorCode(err) || !message ? errorText(t, err) : message;
}
