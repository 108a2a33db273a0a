import { z } from 'zod';
import { Id, NonEmpty, Text } from './common';

export const Language = z.enum(['zh-CN', 'en']);
export type Language = z.infer<typeof Language>;

/** The court this installation serves: its name and 法院代字 (brief §1.3), used in case numbers and documents. */
export const CourtProfile = z.object({
  name: Text(100),
  code: Text(20),
});
export type CourtProfile = z.infer<typeof CourtProfile>;

const ExtensionReminderDays = z
  .number()
  .int('must be a whole number of days')
  .min(15, 'must be at least 15 days (the extension request is due 15 days before expiry)')
  .max(180, 'must be at most 180 days');

export const Settings = z.object({
  language: Language,
  /** Who is using this installation: written into every audit row. */
  userName: z.string(),
  court: CourtProfile,
  /** The first-run question about sample cases: not asked yet, loaded, or declined. */
  samplesChoice: z.enum(['pending', 'loaded', 'declined']),
  /**
   * 待办事项 lists a trial limit expiring within this many days. At least 15: the extension request
   * is due 15 days before expiry (SPC 2019 provisions art. 1), so a shorter window would only ever
   * show it too late.
   */
  extensionReminderDays: ExtensionReminderDays,
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z
  .object({
    language: Language,
    userName: NonEmpty(100),
    court: CourtProfile,
    samplesChoice: z.enum(['pending', 'loaded', 'declined']),
    extensionReminderDays: ExtensionReminderDays,
  })
  .partial();
export type SettingsPatch = z.input<typeof SettingsPatch>;

export const AppInfo = z.object({
  version: z.string(),
  mode: z.enum(['desktop', 'browser', 'test']),
  dataDir: z.string(),
  dbPath: z.string(),
  schemaVersion: z.number().int(),
  caseCount: z.number().int(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const OperationRef = z.object({ opId: Id });
export type OperationRef = z.infer<typeof OperationRef>;
