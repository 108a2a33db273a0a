/**
 * Citations as the rules write them ("CPL art. 128", "诉讼费用交纳办法 art. 13(1); art. 16") in the
 * reader's language: Chinese statute style for a Chinese clerk, English law names in the English UI.
 */
import { describe, expect, it } from 'vitest';
import { formatArticle } from '../../renderer/src/features/intake/format';

describe('formatArticle', () => {
  it('writes Chinese citations with the law named once per run of articles', () => {
    expect(formatArticle('诉讼费用交纳办法 art. 13(1); art. 16', 'zh')).toBe('《诉讼费用交纳办法》第十三条第（一）项；第十六条');
    expect(formatArticle('CPL art. 128; CPL-Interp arts. 266, 275', 'zh')).toBe('《民事诉讼法》第一百二十八条；《民诉法解释》第二百六十六条、第二百七十五条');
    expect(formatArticle('CC arts. 1062–1065', 'zh')).toBe('《民法典》第一千零六十二条至第一千零六十五条');
  });

  it('gives Chinese-titled laws their English names in the English UI and leaves the rest as written', () => {
    expect(formatArticle('CPL-Interp art. 199; 诉讼费用交纳办法 art. 22', 'en')).toBe('CPL-Interp art. 199; Fee Measures art. 22');
    expect(formatArticle('CPL art. 126; 登记立案规定 art. 8', 'en')).toBe('CPL art. 126; SPC Case-Registration Provisions art. 8');
    expect(formatArticle('CPL art. 152', 'en')).toBe('CPL art. 152');
    expect(formatArticle('', 'en')).toBe('');
  });
});
