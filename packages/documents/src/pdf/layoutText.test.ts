import { describe, expect, it } from 'vitest';
import { layoutText, type MeasureText } from './layoutText.js';

// Full-width characters are one em wide, everything else half an em.
const measure: MeasureText = (text, size) => Array.from(text).reduce((width, character) => width + (character.charCodeAt(0) < 0x100 ? size / 2 : size), 0);

describe('layoutText', () => {
  it('breaks Chinese text anywhere and keeps Latin words whole', () => {
    const layout = layoutText('申请材料齐全符合法定形式 ABC123 予以受理', { width: 95, height: 200, fontSize: 10, wrap: true, measure });
    expect(layout.lines).toEqual(['申请材料齐全符合法', '定形式 ABC123 予以', '受理']);
    expect(layoutText('ABCDEFGHIJKLMNOPQRSTUVWXYZ', { width: 50, height: 200, fontSize: 10, wrap: true, measure }).lines).toEqual([
      'ABCDEFGHIJ',
      'KLMNOPQRST',
      'UVWXYZ',
    ]);
    expect(layout.fontSize).toBe(10);
  });

  it('never starts a line with closing punctuation nor ends one with an opening bracket', () => {
    const layout = layoutText('一二三四五六七八九，十（甲乙）', { width: 90, height: 200, fontSize: 10, wrap: true, measure });
    expect(layout.lines).toEqual(['一二三四五六七八九，', '十（甲乙）']);
    const bracket = layoutText('一二三四五六七八（甲乙）', { width: 90, height: 200, fontSize: 10, wrap: true, measure });
    expect(bracket.lines).toEqual(['一二三四五六七八', '（甲乙）']);
  });

  it('honours explicit line breaks', () => {
    expect(layoutText('第一行\n第二行', { width: 500, height: 200, fontSize: 10, wrap: true, measure }).lines).toEqual(['第一行', '第二行']);
  });

  it('shrinks the font until the text fits the box', () => {
    const layout = layoutText('一二三四五六七八九十一二三四五六七八九十', { width: 100, height: 15, fontSize: 10, wrap: true, measure });
    expect(layout.lines).toHaveLength(1);
    expect(layout.fontSize).toBe(5);
    const single = layoutText('一二三四五六七八九十一二', { width: 100, height: 15, fontSize: 10, wrap: false, measure });
    expect(single.lines).toEqual(['一二三四五六七八九十一二']);
    expect(single.fontSize).toBe(8);
  });
});

describe('layoutText line height', () => {
  it('spaces lines by the given multiple of the font size and shrinks by it', () => {
    expect(layoutText('甲\n乙', { width: 100, height: 100, fontSize: 10, wrap: true, measure }).lineHeight).toBe(15);
    expect(layoutText('甲\n乙', { width: 100, height: 100, fontSize: 10, wrap: true, measure, lineHeight: 2.5 }).lineHeight).toBe(25);
    // Two lines of 10 pt × 3 need 60 pt; a 40 pt box holds them at 6.5 pt (2 × 19.5 = 39).
    const tight = layoutText('甲\n乙', { width: 100, height: 40, fontSize: 10, wrap: true, measure, lineHeight: 3 });
    expect(tight.fontSize).toBe(6.5);
    expect(tight.lineHeight).toBeCloseTo(19.5);
  });
});
