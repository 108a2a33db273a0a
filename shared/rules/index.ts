/** Pure court rules shared by the backend, CLI and renderer. No I/O, no Node or DOM APIs. */
export * from './errors';
export * from './dates';
export * from './numerals';
export * from './money';
export * from './caseNumber';
export * from './fees';
export * from './holidays';
export * from './defaultCalendar';
export * from './deadlines';
export * from './causes';
export * from './completeness';
export * from './lifecycle';
export * from './service';
export * from './extensions';
export * from './conversion';
