import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useCallback, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, Settings } from '../../../shared/contract/app';
import { keys, useSettings, useUpdateSettings } from '../api/hooks';

function applyGlobals(language: Language): void {
  // dayjs's locale is process-global; DatePicker and our own formatting read it.
  dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/**
 * Follows the language stored in settings (the backend is the source of truth, so every window and a
 * reload agree) and gives antd its matching locale.
 */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const settings = useSettings();
  const stored = settings.data?.language;

  useEffect(() => {
    if (stored && i18n.language !== stored) void i18n.changeLanguage(stored);
  }, [stored, i18n]);

  const language: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  applyGlobals(language);

  return (
    <ConfigProvider
      locale={language === 'en' ? enUS : zhCNAntd}
      theme={{ token: { colorPrimary: '#a61d24', borderRadius: 6 } }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** Switches at once (no round trip before the UI reacts) and persists; reverts if saving fails. */
export function useSwitchLanguage(): (language: Language) => Promise<void> {
  const { i18n } = useTranslation();
  const qc = useQueryClient();
  const update = useUpdateSettings();
  const { mutateAsync } = update;
  return useCallback(
    async (language: Language) => {
      const previous = i18n.language === 'en' ? 'en' : 'zh-CN';
      await i18n.changeLanguage(language);
      qc.setQueryData<Settings>(keys.settings, (old) => (old ? { ...old, language } : old));
      try {
        await mutateAsync({ language });
      } catch (err) {
        await i18n.changeLanguage(previous);
        qc.setQueryData<Settings>(keys.settings, (old) => (old ? { ...old, language: previous } : old));
        throw err;
      }
    },
    [i18n, qc, mutateAsync],
  );
}
