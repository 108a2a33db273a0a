/**
 * The built-in 2024–2026 calendar, embedded from resources/holidays/cn-2024-2026.json (bundlers
 * and TypeScript's resolveJsonModule inline it; no file I/O at runtime). Code that loads newer
 * calendars passes its own data to `buildCalendar` instead.
 */
import data from '../../resources/holidays/cn-2024-2026.json';
import { buildCalendar, type HolidayCalendar } from './holidays';

export const DEFAULT_HOLIDAY_DATA: unknown = data;
export const DEFAULT_CALENDAR: HolidayCalendar = buildCalendar(data);
