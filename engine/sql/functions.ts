/** The function catalog: names, arities, signatures and one-line docs (dialect §3.2). Type rules live in the analyzer. */

export type FunctionKind = 'scalar' | 'aggregate' | 'window';

export interface FunctionInfo {
  /** Upper-case name as the user writes it. */
  readonly name: string;
  readonly kind: FunctionKind;
  readonly minArgs: number;
  /** Infinity = variadic. */
  readonly maxArgs: number;
  readonly signature: string;
  readonly doc: string;
}

const fn = (
  name: string,
  kind: FunctionKind,
  minArgs: number,
  maxArgs: number,
  signature: string,
  doc: string,
): FunctionInfo => ({
  name,
  kind,
  minArgs,
  maxArgs,
  signature,
  doc,
});

export const FUNCTIONS: readonly FunctionInfo[] = [
  fn(
    'COALESCE',
    'scalar',
    1,
    Infinity,
    'COALESCE(value, …) → same type',
    'The first argument that is not NULL.',
  ),
  fn('ABS', 'scalar', 1, 1, 'ABS(number) → same type', 'Absolute value.'),
  fn(
    'ROUND',
    'scalar',
    1,
    2,
    'ROUND(number [, digits]) → same type',
    'Rounds half away from zero to `digits` decimals (default 0).',
  ),
  fn(
    'FLOOR',
    'scalar',
    1,
    1,
    'FLOOR(number) → same type',
    'Largest whole number not greater than the argument.',
  ),
  fn('CEIL', 'scalar', 1, 1, 'CEIL(number) → same type', 'Smallest whole number not less than the argument.'),
  fn('SQRT', 'scalar', 1, 1, 'SQRT(number) → DOUBLE', 'Square root.'),
  fn('POWER', 'scalar', 2, 2, 'POWER(base, exponent) → DOUBLE', 'base raised to the power exponent.'),
  fn('LN', 'scalar', 1, 1, 'LN(number) → DOUBLE', 'Natural logarithm.'),
  fn('EXP', 'scalar', 1, 1, 'EXP(number) → DOUBLE', 'e raised to the power of the argument.'),
  fn('UPPER', 'scalar', 1, 1, 'UPPER(string) → VARCHAR', 'Upper-cases a string.'),
  fn('LOWER', 'scalar', 1, 1, 'LOWER(string) → VARCHAR', 'Lower-cases a string.'),
  fn('LENGTH', 'scalar', 1, 1, 'LENGTH(string) → BIGINT', 'Number of characters.'),
  fn(
    'SUBSTRING',
    'scalar',
    2,
    3,
    'SUBSTRING(string, start [, length]) → VARCHAR',
    'Part of a string; `start` is 1-based.',
  ),
  fn('TRIM', 'scalar', 1, 1, 'TRIM(string) → VARCHAR', 'Removes leading and trailing spaces.'),
  fn(
    'CONCAT',
    'scalar',
    1,
    Infinity,
    'CONCAT(value, …) → VARCHAR',
    'Joins the arguments as strings (NULL if any is NULL).',
  ),
  fn(
    'COUNT',
    'aggregate',
    0,
    1,
    'COUNT(*) | COUNT([DISTINCT] value) → BIGINT',
    'Number of rows, or of non-NULL values.',
  ),
  fn(
    'SUM',
    'aggregate',
    1,
    1,
    'SUM(number) → BIGINT or DOUBLE',
    'Sum of the non-NULL values; NULL if there are none.',
  ),
  fn(
    'AVG',
    'aggregate',
    1,
    1,
    'AVG(number) → DOUBLE',
    'Mean of the non-NULL values; NULL if there are none.',
  ),
  fn('MIN', 'aggregate', 1, 1, 'MIN(value) → same type', 'Smallest non-NULL value.'),
  fn('MAX', 'aggregate', 1, 1, 'MAX(value) → same type', 'Largest non-NULL value.'),
  fn('STDDEV', 'aggregate', 1, 1, 'STDDEV(number) → DOUBLE', 'Sample standard deviation (= STDDEV_SAMP).'),
  fn('STDDEV_SAMP', 'aggregate', 1, 1, 'STDDEV_SAMP(number) → DOUBLE', 'Sample standard deviation.'),
  fn('STDDEV_POP', 'aggregate', 1, 1, 'STDDEV_POP(number) → DOUBLE', 'Population standard deviation.'),
  fn('VARIANCE', 'aggregate', 1, 1, 'VARIANCE(number) → DOUBLE', 'Sample variance (= VAR_SAMP).'),
  fn('VAR_SAMP', 'aggregate', 1, 1, 'VAR_SAMP(number) → DOUBLE', 'Sample variance.'),
  fn('VAR_POP', 'aggregate', 1, 1, 'VAR_POP(number) → DOUBLE', 'Population variance.'),
  fn(
    'FIRST_VALUE',
    'aggregate',
    1,
    1,
    'FIRST_VALUE(value) → same type',
    'The value of the earliest row by event time (ties by arrival).',
  ),
  fn(
    'LAST_VALUE',
    'aggregate',
    1,
    1,
    'LAST_VALUE(value) → same type',
    'The value of the latest row by event time (ties by arrival).',
  ),
  fn(
    'LAG',
    'window',
    1,
    3,
    'LAG(value [, offset [, default]]) OVER (…) → same type',
    'The value `offset` rows (default 1) before this one in its partition.',
  ),
  fn(
    'ROW_NUMBER',
    'window',
    0,
    0,
    'ROW_NUMBER() OVER (…) → BIGINT',
    'Position of the row in its partition, from 1.',
  ),
];

const BY_NAME = new Map(FUNCTIONS.map((f) => [f.name.toLowerCase(), f]));

export function findFunction(name: string): FunctionInfo | undefined {
  return BY_NAME.get(name.toLowerCase());
}

export function arityText(f: FunctionInfo): string {
  if (f.maxArgs === Infinity) return `at least ${f.minArgs} argument${f.minArgs === 1 ? '' : 's'}`;
  if (f.minArgs === f.maxArgs) return `${f.minArgs} argument${f.minArgs === 1 ? '' : 's'}`;
  return `${f.minArgs} to ${f.maxArgs} arguments`;
}
