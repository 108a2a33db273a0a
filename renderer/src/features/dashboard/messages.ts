/** 待办事项 (dashboard to-do list) strings, mounted under `tasks` in i18n/zh-CN.ts and i18n/en.ts. */
export const zh = {
  title: '待办事项',
  total: '共 {{count}} 项',
  overdue: '逾期 {{count}} 项',
  soon: '3日内 {{count}} 项',
  empty: '暂无待办事项：送达、审限延长报批和开庭通知均已按期处理。',
  overdueBy: '逾期 {{count}} 日',
  dueToday: '今日到期',
  dueIn: '剩 {{count}} 日',
  dueOn: '最迟 {{date}}',
  openIntake: '去登记',
  openHearing: '去庭审',
  scope: '审限届满前 {{days}} 日内提示延长报批（可在“设置”中修改）',
  basis: '依据',
  days: '日',
  reminderDays: '审限延长报批提前提示天数',
  reminderDaysHelp: '审限届满前多少日起在“待办事项”中提示报批延长（15–180 日）。延长申请应在审限届满15日前提出（《关于严格规范民商事案件延长审限和延期开庭问题的规定》第一条）。',
};

export const en: typeof zh = {
  title: 'To-do',
  total: '{{count}} in all',
  overdue: '{{count}} overdue',
  soon: '{{count}} within 3 days',
  empty: 'Nothing to do: service, trial-limit extension requests and hearing notices are all on time.',
  overdueBy: 'Overdue by {{count}} day(s)',
  dueToday: 'Due today',
  dueIn: '{{count}} day(s) left',
  dueOn: 'By {{date}}',
  openIntake: 'Open filing',
  openHearing: 'Open hearings',
  scope: 'Trial limits expiring within {{days}} days are listed for an extension request (change it in Settings)',
  basis: 'Basis',
  days: 'days',
  reminderDays: 'Days ahead to flag a trial-limit extension',
  reminderDaysHelp:
    'How many days before the trial limit expires the to-do list starts asking for an extension request (15–180). The request is due 15 days before expiry (SPC 2019 provisions art. 1).',
};
