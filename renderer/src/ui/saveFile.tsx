import { App as AntApp, Button } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../shared/contract/result';
import { SAVE_FAILURES, type SaveFailure, type SaveKind } from '../../../shared/contract/shell';
import { useShell } from '../api/context';

/** An export as the backend returns it (drafting.export and friends). */
export interface ExportFile {
  readonly filename: string;
  readonly mime: string;
  readonly contentBase64: string;
}

/**
 * Hands exported bytes to the browser as a download (a Blob and a temporary <a download>): the only
 * way to save a file in browser mode.
 */
export function downloadBase64(filename: string, mime: string, base64: string, doc: Document = document): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  // Chromium reads the blob asynchronously after click(); revoke a little later.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** UTF-8 text as base64, in slices so a large CSV does not overflow String.fromCharCode's arguments. */
export function textToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function kindOf(filename: string): SaveKind {
  return /\.csv$/i.test(filename) ? 'csv' : 'docx';
}

/** A failed write the shell explained (details.reason), or null for anything else. */
export function saveFailureOf(err: unknown): { reason: SaveFailure; file: string } | null {
  if (!(err instanceof AppError)) return null;
  const reason = err.details?.['reason'];
  const file = err.details?.['file'];
  if (typeof reason !== 'string' || typeof file !== 'string') return null;
  return (SAVE_FAILURES as readonly string[]).includes(reason) ? { reason: reason as SaveFailure, file } : null;
}

/**
 * Saves an export: the desktop app's native save dialog (main writes the file, and the success
 * message offers to show it in its folder), or a browser download. Resolves with the saved file's
 * name, or null when the user cancelled or the write failed; a failed write (a file open in Word, no
 * permission) is said here in the UI language. Other errors reject for the caller to show.
 */
export function useSaveFile(): (file: ExportFile, success: (name: string) => string) => Promise<string | null> {
  const shell = useShell();
  const { message } = AntApp.useApp();
  const { t } = useTranslation();
  return useCallback(
    async (file, success) => {
      if (!shell) {
        downloadBase64(file.filename, file.mime, file.contentBase64);
        void message.success(success(file.filename));
        return file.filename;
      }
      let r: { saved: boolean; fileName: string | null };
      try {
        r = await shell['shell.saveFile']({ suggestedName: file.filename, kind: kindOf(file.filename), contentBase64: file.contentBase64 });
      } catch (err) {
        const failed = saveFailureOf(err);
        if (!failed) throw err;
        void message.error(t(`common.saveFailed.${failed.reason}`, { file: failed.file }), 8);
        return null;
      }
      if (!r.saved || r.fileName === null) return null;
      void message.success({
        content: (
          <span>
            {success(r.fileName)}
            <Button type="link" size="small" onClick={() => void shell['shell.revealSaved']({})} data-testid="saved-reveal">
              {t('common.reveal')}
            </Button>
          </span>
        ),
        duration: 8,
      });
      return r.fileName;
    },
    [shell, message, t],
  );
}
