import { ClockCircleOutlined } from '@ant-design/icons';
import { Result } from 'antd';
import type { ReactNode } from 'react';

/** For features that are not built yet: say plainly what will be here rather than showing fake data. */
export function ComingSoon({ title, body, testId }: { title: string; body: string; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Result
        icon={<ClockCircleOutlined style={{ color: '#8c8c8c' }} />}
        title={title}
        subTitle={<span style={{ display: 'inline-block', maxWidth: 640 }}>{body}</span>}
      />
    </div>
  );
}

export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 16, marginBottom: 16, flexWrap: 'wrap' }}>
      <h2 style={{ margin: 0, fontSize: 20, fontWeight: 600 }}>{children}</h2>
      {extra}
    </div>
  );
}
