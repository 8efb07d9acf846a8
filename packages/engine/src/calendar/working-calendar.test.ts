import { describe, expect, it } from 'vitest';
import { CalendarDataMissingError, createWorkingCalendar } from './working-calendar.js';
import { computeDeadlines, timeStatusOn } from './thresholds.js';
import { addCalendarDays } from '../time.js';

const calendar = createWorkingCalendar();

describe('working-day calendar', () => {
  it('counts 3 working days after 2026-09-30 as 2026-10-10 (National Day + 调休 Saturday)', () => {
    expect(calendar.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
  });

  it.each([
    ['2026-10-01', false, '国庆节'],
    ['2026-10-10', true, '调休上班的星期六'],
    ['2026-10-11', false, '星期日'],
    ['2026-09-29', true, '普通星期二'],
    ['2026-02-16', false, '春节'],
  ])('%s working day = %s (%s)', (date, expected) => {
    expect(calendar.isWorkingDay(date)).toBe(expected);
  });

  it('adds zero days as the same day and counts days between', () => {
    expect(calendar.addWorkingDays('2026-06-01', 0)).toBe('2026-06-01');
    expect(calendar.workingDaysBetween('2026-09-30', '2026-10-10')).toBe(3);
    expect(calendar.workingDaysBetween('2026-10-10', '2026-09-30')).toBe(-3);
    expect(calendar.workingDaysBetween('2026-06-01', '2026-06-01')).toBe(0);
  });

  it('throws a Chinese error for a year without data, never falling back to weekends', () => {
    expect(() => calendar.isWorkingDay('2027-03-03')).toThrow(CalendarDataMissingError);
    expect(() => calendar.addWorkingDays('2026-12-30', 5)).toThrowErrorMatchingInlineSnapshot(
      `[CalendarDataMissingError: 缺少2027年的节假日安排数据，无法计算工作日。请系统管理员在“工作日历”中录入2027年的节假日和调休安排后再试。]`,
    );
  });

  it('applies administrators overrides and declared years', () => {
    const custom = createWorkingCalendar({
      overrides: [
        { date: '2026-06-02', kind: 'holiday', note: '地方节日' },
        { date: '2027-01-01', kind: 'holiday' },
      ],
      publishedYears: [2027],
    });
    expect(custom.isWorkingDay('2026-06-02')).toBe(false);
    expect(custom.addWorkingDays('2026-06-01', 1)).toBe('2026-06-03');
    expect(custom.isWorkingDay('2027-01-01')).toBe(false);
    expect(custom.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
  });

  it('skips paused days (补正) and refuses an open pause', () => {
    // Monday 2026-06-01; pause from Tue 06-02 to Thu 06-04 → 06-03 and 06-04 do not count.
    expect(calendar.addWorkingDays('2026-06-01', 3, { pauses: [{ from: '2026-06-02', to: '2026-06-04' }] })).toBe('2026-06-08');
    expect(calendar.workingDaysBetween('2026-06-01', '2026-06-08', { pauses: [{ from: '2026-06-02', to: '2026-06-04' }] })).toBe(3);
    expect(() => calendar.addWorkingDays('2026-06-01', 3, { pauses: [{ from: '2026-06-02' }] })).toThrow('暂停计时');
  });
});

describe('warning thresholds', () => {
  it('defaults: yellow at 90 % or one working day before, red the day after the deadline', () => {
    const deadlines = computeDeadlines(calendar, { start: '2026-06-01', limitDays: 20 });
    // 端午节 2026-06-19 is a holiday: 20 working days from Monday 06-01 end on 06-30.
    expect(deadlines).toEqual({ dueDate: '2026-06-30', yellowDate: '2026-06-26', redDate: '2026-07-01' });
    expect(timeStatusOn(deadlines, '2026-06-25')).toBe('green');
    expect(timeStatusOn(deadlines, '2026-06-26')).toBe('yellow');
    expect(timeStatusOn(deadlines, '2026-07-01')).toBe('red');
  });

  it('short limits turn yellow one working day before', () => {
    expect(computeDeadlines(calendar, { start: '2026-06-01', limitDays: 3 })).toEqual({
      dueDate: '2026-06-04',
      yellowDate: '2026-06-03',
      redDate: '2026-06-05',
    });
  });

  it('is configurable', () => {
    const deadlines = computeDeadlines(calendar, { start: '2026-06-01', limitDays: 10, thresholds: { yellowRatio: 0.5, yellowDaysBefore: 0 } });
    expect(deadlines.yellowDate).toBe('2026-06-08');
    expect(() => computeDeadlines(calendar, { start: '2026-06-01', limitDays: 10, thresholds: { yellowRatio: 1.5, yellowDaysBefore: 0 } })).toThrow('黄牌比例');
  });
});

describe('remembered answers', () => {
  /** `days` working days after `start` counted one date at a time on a calendar that has answered nothing yet. */
  const counted = (start: string, days: number, pauses: Array<{ from: string; to: string }> = []) => {
    const fresh = createWorkingCalendar();
    let date = start;
    for (let remaining = days; remaining > 0; ) {
      date = addCalendarDays(date, 1);
      if (!pauses.some((pause) => date > pause.from && date <= pause.to) && fresh.isWorkingDay(date)) remaining -= 1;
    }
    return date;
  };

  it('answers every start and limit as counting day by day does, also past the memo size', () => {
    const memoised = createWorkingCalendar();
    // 6,000 distinct (start, days) pairs, asked twice: more than a calendar keeps, so the memo is cleared on the way.
    for (let round = 0; round < 2; round += 1) {
      for (let offset = 0; offset < 600; offset += 1) {
        const start = addCalendarDays('2025-01-01', offset);
        for (let days = 0; days < 10; days += 1) {
          if (offset % 37 === 0 || round === 1) expect(memoised.addWorkingDays(start, days), `${start} + ${days}`).toBe(counted(start, days));
          else memoised.addWorkingDays(start, days);
        }
      }
    }
  });

  it('keeps answers per calendar: an override changes the answer of a new calendar only', () => {
    const plain = createWorkingCalendar();
    const local = createWorkingCalendar({ overrides: [{ date: '2026-06-02', kind: 'holiday' }] });
    expect(plain.addWorkingDays('2026-06-01', 1)).toBe('2026-06-02');
    expect(local.addWorkingDays('2026-06-01', 1)).toBe('2026-06-03');
    expect(plain.addWorkingDays('2026-06-01', 1)).toBe('2026-06-02');
    expect(plain.isWorkingDay('2026-06-02')).toBe(true);
    expect(local.isWorkingDay('2026-06-02')).toBe(false);
    expect(local.addWorkingDays('2026-06-01', 1)).toBe('2026-06-03');
  });

  it('keys an answer by start, days and pauses', () => {
    const memoised = createWorkingCalendar();
    const first = [{ from: '2026-06-02', to: '2026-06-04' }];
    const second = [{ from: '2026-06-02', to: '2026-06-05' }];
    for (let round = 0; round < 2; round += 1) {
      expect(memoised.addWorkingDays('2026-06-01', 3)).toBe('2026-06-04');
      expect(memoised.addWorkingDays('2026-06-01', 4)).toBe('2026-06-05');
      expect(memoised.addWorkingDays('2026-06-02', 3)).toBe('2026-06-05');
      expect(memoised.addWorkingDays('2026-06-01', 3, { pauses: first })).toBe(counted('2026-06-01', 3, first));
      expect(memoised.addWorkingDays('2026-06-01', 3, { pauses: first })).toBe('2026-06-08');
      expect(memoised.addWorkingDays('2026-06-01', 3, { pauses: second })).toBe('2026-06-09');
      expect(memoised.addWorkingDays('2026-06-01', 3, { pauses: [] })).toBe('2026-06-04');
    }
  });

  it('still refuses what it refused before an answer was remembered', () => {
    const memoised = createWorkingCalendar();
    expect(memoised.addWorkingDays('2026-06-01', 1, { pauses: [{ from: '2026-06-02', to: '2026-06-04' }] })).toBe('2026-06-02');
    expect(() => memoised.addWorkingDays('2026-06-01', 1, { pauses: [{ from: '2026-06-02' }] })).toThrow('暂停计时');
    expect(memoised.addWorkingDays('2026-06-01', 1)).toBe('2026-06-02');
    expect(() => memoised.addWorkingDays('2026-06-01', 1.5)).toThrow('非负整数');
    expect(() => memoised.addWorkingDays('2026-06-01', -1)).toThrow('非负整数');
    expect(() => memoised.addWorkingDays('2026-02-30', 1)).toThrow('不存在的日期');
    expect(() => memoised.isWorkingDay('2026-02-30')).toThrow('不存在的日期');
    expect(() => memoised.isWorkingDay('2026-02-30')).toThrow('不存在的日期');
    for (let round = 0; round < 2; round += 1) {
      expect(() => memoised.addWorkingDays('2026-12-30', 5)).toThrow(CalendarDataMissingError);
      expect(() => memoised.isWorkingDay('2027-01-05')).toThrow(CalendarDataMissingError);
    }
  });
});
