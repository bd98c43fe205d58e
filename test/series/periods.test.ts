// Windows, periods, expectations and cells: the parsing and wording a claim check rests on.
import { describe, expect, it } from 'vitest';
import { parseExpectation, parseTolerance, signedPercent, toleranceFor } from '../../src/analysis/series/expectation.js';
import { parseWindow, periodRuns, windowLabel } from '../../src/analysis/series/periods.js';
import { parseNumber, parsePeriod } from '../../src/ingest/series-rows.js';
import { periodContaining, periodsWithin } from '../../src/model/series.js';

describe('expectations', () => {
  it('reads changes, levels and ratios as people write them', () => {
    expect(parseExpectation('-22%')).toEqual({ kind: 'change', value: -22, text: '−22%' });
    expect(parseExpectation('−22 %')).toMatchObject({ kind: 'change', value: -22 });
    expect(parseExpectation('+5.5%')).toEqual({ kind: 'change', value: 5.5, text: '+5.5%' });
    expect(parseExpectation('152000')).toEqual({ kind: 'level', value: 152000, text: '152,000' });
    expect(parseExpectation('152,000')).toMatchObject({ kind: 'level', value: 152000 });
    expect(parseExpectation('152k')).toMatchObject({ kind: 'level', value: 152000 });
    expect(parseExpectation('1.2 million')).toMatchObject({ kind: 'level', value: 1200000 });
    expect(parseExpectation('2x')).toEqual({ kind: 'ratio', value: 2, text: '2×' });
    expect(parseExpectation('×0.5')).toMatchObject({ kind: 'ratio', value: 0.5 });
    for (const bad of ['about a fifth', '22%%', '1,52,000', '0x', '']) expect(() => parseExpectation(bad)).toThrow(/--expect/);
  });

  it('states a default tolerance in the unit of the claim, and takes one given', () => {
    expect(toleranceFor(parseExpectation('-22%'))).toEqual({ value: 1, unit: 'points', default: true, text: '1 point' });
    expect(toleranceFor(parseExpectation('-22%'), 1.5)).toEqual({ value: 1.5, unit: 'points', default: false, text: '1.5 points' });
    expect(toleranceFor(parseExpectation('152000'))).toMatchObject({ unit: 'percent', text: '2%' });
    expect(toleranceFor(parseExpectation('2x'))).toMatchObject({ unit: 'percent', text: '5%' });
    expect(parseTolerance('1.5pt')).toBe(1.5);
    expect(parseTolerance('3 %')).toBe(3);
    expect(() => parseTolerance('a lot')).toThrow(/--tolerance/);
    expect(() => toleranceFor(parseExpectation('1x'), -1)).toThrow(/zero or more/);
  });

  it('prints changes with a typographic minus and one decimal', () => {
    expect(signedPercent(-21.3990610)).toBe('−21.4%');
    expect(signedPercent(0.04)).toBe('0.0%');
    expect(signedPercent(2)).toBe('+2.0%');
  });
});

describe('windows and periods', () => {
  it('reads A..B and single periods as whole days', () => {
    expect(parseWindow('2025-01..2025-10')).toEqual({ start: '2025-01-01', end: '2025-10-31' });
    expect(parseWindow('2024')).toEqual({ start: '2024-01-01', end: '2024-12-31' });
    expect(parseWindow('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(parseWindow('2025-01-15..2025-02-03')).toEqual({ start: '2025-01-15', end: '2025-02-03' });
    expect(() => parseWindow('2025-10..2025-01')).toThrow(/ends before it starts/);
    expect(() => parseWindow('2025-13')).toThrow(/no month 13/);
    expect(() => parseWindow('2025-01..', 'baseline')).toThrow(/--baseline/);
  });

  it('labels windows as a newsroom writes them', () => {
    expect(windowLabel(parseWindow('2025-01..2025-10'))).toBe('January–October 2025');
    expect(windowLabel(parseWindow('2024'))).toBe('2024');
    expect(windowLabel(parseWindow('2023..2024'))).toBe('2023–2024');
    expect(windowLabel(parseWindow('2024-11..2025-02'))).toBe('November 2024–February 2025');
    expect(windowLabel(parseWindow('2025-05'))).toBe('May 2025');
    expect(windowLabel(parseWindow('2025-06-03..2025-06-09'))).toBe('3–9 June 2025');
  });

  it('lists the periods wholly inside a window and names runs of them', () => {
    const months = periodsWithin('2025-01-01', '2025-10-31', 'month');
    expect(months).toHaveLength(10);
    expect(months[1]).toEqual({ start: '2025-02-01', end: '2025-02-28' });
    expect(periodsWithin('2025-01-15', '2025-03-31', 'month').map((p) => p.start)).toEqual(['2025-02-01', '2025-03-01']);
    expect(periodContaining('2025-05-14', 'quarter')).toEqual({ start: '2025-04-01', end: '2025-06-30' });
    expect(periodContaining('2025-06-04', 'week')).toEqual({ start: '2025-06-02', end: '2025-06-08' });
    const missing = [...periodsWithin('2025-05-01', '2025-10-31', 'month'), ...periodsWithin('2026-01-01', '2026-01-31', 'month')];
    expect(periodRuns(missing, 'month')).toBe('May–October 2025 and January 2026');
  });
});

describe('series cells', () => {
  it('reads periods in the forms publishers use, at the series precision', () => {
    expect(parsePeriod('2024-03', 'month', 'month', 'auto')).toEqual({ start: '2024-03-01', end: '2024-03-31' });
    expect(parsePeriod('Mar 2024', 'month', 'month', 'MMM YYYY')).toEqual({ start: '2024-03-01', end: '2024-03-31' });
    expect(parsePeriod('2024-Q2', 'quarter', 'quarter', 'auto')).toEqual({ start: '2024-04-01', end: '2024-06-30' });
    expect(parsePeriod('2024', 'year', 'year', 'auto')).toEqual({ start: '2024-01-01', end: '2024-12-31' });
    expect(parsePeriod('26 August 2021', 'date', 'day', 'auto')).toEqual({ start: '2021-08-26', end: '2021-08-26' });
    expect(() => parsePeriod('2024-03', 'month', 'month', 'YYYY-MM-DD')).toThrow(/expected a month as YYYY-MM-DD/);
    expect(() => parsePeriod('2024-13', 'month', 'month', 'auto')).toThrow(/not a month/);
    expect(() => parsePeriod('2024', 'month', 'month', 'auto')).toThrow(/is a year/);
    expect(() => parsePeriod('', 'month', 'month', 'auto')).toThrow(/blank/);
  });

  it('reads numbers with thousands separators and refuses fractions where counts are whole', () => {
    expect(parseNumber('1,491', 'n', 'int')).toBe(1491);
    expect(parseNumber('12.5', 'rate', 'number')).toBe(12.5);
    expect(() => parseNumber('12.5', 'n', 'int')).toThrow(/whole number/);
    expect(() => parseNumber('N/A', 'n', 'int')).toThrow(/blank/);
    expect(() => parseNumber('12 500', 'n', 'int')).toThrow(/expected a number/);
  });
});
