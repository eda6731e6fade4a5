import { describe, expect, it } from 'vitest';
import { formatTimestamp, formatValue } from './format-value';

describe('formatValue', () => {
  it('shows every TIMESTAMP as a UTC time with milliseconds, however small the number', () => {
    expect(formatValue(0, 'TIMESTAMP')).toBe('1970-01-01 00:00:00.000');
    expect(formatValue(60_000, 'TIMESTAMP')).toBe('1970-01-01 00:01:00.000');
    expect(formatValue(1_709_294_405_250, 'TIMESTAMP')).toBe('2024-03-01 12:00:05.250');
    expect(formatValue(-1, 'TIMESTAMP')).toBe('1969-12-31 23:59:59.999');
  });

  it('leaves big numbers in other columns alone, even when the name sounds like time', () => {
    expect(formatValue(1_709_294_405_250, 'BIGINT')).toBe('1709294405250');
    expect(formatValue(2.5, 'DOUBLE')).toBe('2.5');
    expect(formatValue(1 / 3, 'DOUBLE')).toBe('0.333333');
  });

  it('shows NULL, strings and booleans as they are', () => {
    expect(formatValue(null, 'TIMESTAMP')).toBe('NULL');
    expect(formatValue('AAPL', 'VARCHAR')).toBe('AAPL');
    expect(formatValue(true, 'BOOLEAN')).toBe('true');
  });

  it('does not throw on a time outside what Date can show', () => {
    expect(formatTimestamp(9e15)).toBe('9000000000000000');
  });
});
