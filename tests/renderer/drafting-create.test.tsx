/**
 * Creating a draft in a case under simplified procedure: templates written for another procedure
 * stay selectable (the case record may be what is wrong) but go last, say so, and warn when chosen.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { KindInfo } from '../../shared/contract/drafting';
import { FakeBackend } from './fakeApi';
import { renderApp } from './render';

function kind(over: Partial<KindInfo> & Pick<KindInfo, 'kind' | 'name'>): KindInfo {
  return {
    nameEn: over.name,
    group: 'judgment',
    description: `${over.name}的模板`,
    templateVersion: 1,
    sections: [],
    options: [],
    procedures: null,
    ...over,
  };
}

const KINDS: KindInfo[] = [
  kind({ kind: 'judgment', name: '民事判决书', procedures: ['ordinary'] }),
  kind({ kind: 'judgment_simplified', name: '民事判决书', procedures: ['simplified', 'small_claims'] }),
  kind({ kind: 'ruling_withdrawal', name: '民事裁定书', group: 'ruling' }),
];

async function openKinds(procedure: 'simplified' | 'ordinary') {
  const backend = new FakeBackend();
  const c = backend.create({
    caseNumber: '（2026）粤0305民初9001号',
    causeOfAction: '民间借贷纠纷',
    procedure,
    parties: [
      { role: 'plaintiff', name: '张明远' },
      { role: 'defendant', name: '李清河' },
    ],
  });
  backend.handle('drafting.kinds', () => ({ items: KINDS }));
  backend.handle('drafting.list', () => ({ items: [] }));
  renderApp(`/cases/${c.id}?tab=drafting`, backend);
  await userEvent.setup().click(await screen.findByTestId('draft-new', undefined, { timeout: 10_000 }));
  // antd's Select opens on mousedown of its selector.
  fireEvent.mouseDown(await screen.findByRole('combobox'));
  return waitFor(() => {
    const items = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')];
    if (items.length < 3) throw new Error('options not shown');
    return items;
  });
}

describe('new draft: templates and the case’s procedure', () => {
  it('puts the template for the case’s procedure first, marks the other, and warns when it is chosen', async () => {
    const items = await openKinds('simplified');
    expect(items.map((el) => el.textContent)).toEqual([
      '民事判决书（简易程序）',
      '民事判决书（普通程序）（不适用于本案程序）',
      '民事裁定书（准予撤诉）',
    ]);
    expect(screen.queryByTestId('draft-create-procedure-mismatch')).toBeNull();
    await userEvent.setup().click(items[1]!);
    const alert = await screen.findByTestId('draft-create-procedure-mismatch');
    expect(alert.textContent).toContain('本案适用简易程序，该模板用于其他程序');
  });

  it('marks nothing in an ordinary-procedure case except the simplified judgment', async () => {
    const items = await openKinds('ordinary');
    expect(items.map((el) => el.textContent)).toEqual([
      '民事判决书（普通程序）',
      '民事判决书（简易程序）（不适用于本案程序）',
      '民事裁定书（准予撤诉）',
    ]);
  });
});
