import { z } from 'zod';

/**
 * Calls the desktop shell (Electron main) answers itself, not the backend: native open and save
 * dialogs. They travel through the same `window.courtdesk.call` as backend calls (the preload routes
 * the `shell.` names to main over IPC), so the page's surface stays one call and one on.
 *
 * Browser mode has no shell: the renderer then shows path inputs and saves through a download.
 *
 * Why a picked path comes back to the renderer: GGUF models and precedent corpora are gigabytes and
 * are read where they lie, so the path-taking methods (llm.models.add, precedents.import.start,
 * statutes.import.start) take a path in both modes; the dialog only fills the field a browser-mode
 * user types into, and only with a path the user chose in an OS dialog (architecture.md §2, the bulk
 * import exception). Everything else (filings, exports) crosses as bytes.
 */

/** What a picker is for; main chooses file vs folder, filters and the remembered start folder. */
export const PickPurpose = z.enum(['model', 'modelsFolder', 'precedentTable', 'precedentFolder', 'statutesFolder']);
export type PickPurpose = z.infer<typeof PickPurpose>;

/** A dialog title the renderer localises (main does not know the UI language). */
const DialogTitle = z.string().trim().min(1).max(100);

/**
 * A bare file name: no folder part, nothing Windows refuses, not `.`/`..`. The user may still pick any
 * folder and name in the dialog; this is only the suggestion.
 */
export const SuggestedFileName = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(200, 'is too long')
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
  .refine((s) => !/[\\/:*?"<>|\u0000-\u001f]/.test(s), 'must be a file name without a folder or any of \\ / : * ? " < > |')
  .refine((s) => s !== '.' && s !== '..', 'must be a file name');

/** Kinds of export the app saves, each with its extension and dialog filter. */
export const SaveKind = z.enum(['docx', 'csv']);
export type SaveKind = z.infer<typeof SaveKind>;

/** 48 MB of file: far above any judgment or catalogue, low enough that IPC stays quick. */
export const MAX_SAVE_BYTES = 48 * 1024 * 1024;
const MAX_SAVE_BASE64 = Math.ceil(MAX_SAVE_BYTES / 3) * 4;

export const SaveFileInput = z.object({
  suggestedName: SuggestedFileName,
  kind: SaveKind,
  contentBase64: z
    .string()
    .max(MAX_SAVE_BASE64, `is larger than ${MAX_SAVE_BYTES / 1024 / 1024} MB`)
    .refine((s) => s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s), 'is not base64'),
  title: DialogTitle.optional(),
});
export type SaveFileInput = z.input<typeof SaveFileInput>;

/** Why a save failed (error details.reason, with details.file), for the renderer to say in the UI language. */
export const SAVE_FAILURES = ['permission', 'busy', 'diskFull', 'readOnly', 'other'] as const;
export type SaveFailure = (typeof SAVE_FAILURES)[number];

export const shellMethods = {
  /** Native open dialog; `path` null when the user cancelled. */
  'shell.pickPath': {
    input: z.object({ purpose: PickPurpose, title: DialogTitle.optional() }),
    output: z.object({ path: z.string().nullable() }),
  },
  /** Native save dialog, then main writes the bytes. Only the chosen file's name comes back. */
  'shell.saveFile': {
    input: SaveFileInput,
    output: z.object({ saved: z.boolean(), fileName: z.string().nullable() }),
  },
  /** Shows the file saved last in the system file manager (so no path ever needs to come back). */
  'shell.revealSaved': { input: z.object({}), output: z.object({ revealed: z.boolean() }) },
} as const;

type ShellSpec = typeof shellMethods;
export type ShellMethod = keyof ShellSpec;
export type ShellInput<M extends ShellMethod> = z.input<ShellSpec[M]['input']>;
export type ShellParsed<M extends ShellMethod> = z.output<ShellSpec[M]['input']>;
export type ShellOutput<M extends ShellMethod> = z.output<ShellSpec[M]['output']>;

/** Renderer side. */
export type ShellApi = { [M in ShellMethod]: (input: ShellInput<M>) => Promise<ShellOutput<M>> };
/** Main side. */
export type ShellHandlers = { [M in ShellMethod]: (input: ShellParsed<M>) => Promise<ShellOutput<M>> };

export function isShellMethod(name: string): name is ShellMethod {
  return Object.hasOwn(shellMethods, name);
}
