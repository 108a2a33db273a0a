import { StarFilled } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Authority } from '../../../../shared/contract/precedents';
import { AUTHORITY_COLORS } from './format';

/** The authority badge: filled and coloured by level, a star on guiding cases, the ranking explained on hover. */
export function AuthorityTag({ level }: { level: Authority }) {
  const { t } = useTranslation();
  const color = AUTHORITY_COLORS[level];
  const strong = level !== 'ordinary';
  return (
    <Tooltip title={t('precedents.authorityHint')}>
      <Tag
        data-testid="prec-authority"
        data-authority={level}
        icon={level === 'guiding' ? <StarFilled /> : undefined}
        style={{
          color: strong ? '#fff' : color,
          background: strong ? color : '#fafafa',
          borderColor: color,
          fontWeight: strong ? 600 : 400,
          marginInlineEnd: 0,
        }}
      >
        {t(`precedents.authority.${level}`)}
      </Tag>
    </Tooltip>
  );
}
