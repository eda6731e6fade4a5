/** SQL type names and the type rules shared by the binder. */
import type { DataType } from '../core/types';

const TYPE_NAMES: Readonly<Record<string, DataType>> = {
  bigint: 'BIGINT',
  int: 'BIGINT',
  integer: 'BIGINT',
  smallint: 'BIGINT',
  tinyint: 'BIGINT',
  double: 'DOUBLE',
  float: 'DOUBLE',
  real: 'DOUBLE',
  decimal: 'DOUBLE',
  numeric: 'DOUBLE',
  varchar: 'VARCHAR',
  string: 'VARCHAR',
  text: 'VARCHAR',
  char: 'VARCHAR',
  boolean: 'BOOLEAN',
  bool: 'BOOLEAN',
  timestamp: 'TIMESTAMP',
  timestamp_ltz: 'TIMESTAMP',
};

export const TYPE_NAME_LIST: readonly string[] = [
  'BIGINT',
  'INT',
  'INTEGER',
  'DOUBLE',
  'FLOAT',
  'REAL',
  'DECIMAL',
  'SMALLINT',
  'TINYINT',
  'VARCHAR',
  'STRING',
  'TEXT',
  'BOOLEAN',
  'TIMESTAMP',
  'TIMESTAMP_LTZ',
];

export function dataTypeOf(name: string): DataType | undefined {
  return TYPE_NAMES[name.toLowerCase()];
}

export const isNumeric = (t: DataType): boolean => t === 'BIGINT' || t === 'DOUBLE' || t === 'NULL';

/** Numeric result of arithmetic: BIGINT only if both sides are integers (NULL adapts). */
export function numericResult(a: DataType, b: DataType): DataType {
  if (a === 'DOUBLE' || b === 'DOUBLE') return 'DOUBLE';
  if (a === 'NULL' && b === 'NULL') return 'NULL';
  return 'BIGINT';
}

/** Can values of these types be compared with = and <? */
export function comparable(a: DataType, b: DataType): boolean {
  if (a === 'NULL' || b === 'NULL' || a === b) return true;
  const num = (t: DataType): boolean => t === 'BIGINT' || t === 'DOUBLE' || t === 'TIMESTAMP';
  return num(a) && num(b);
}

/** The common type of CASE branches / COALESCE arguments, or undefined if there is none. */
export function commonType(types: readonly DataType[]): DataType | undefined {
  let out: DataType = 'NULL';
  for (const t of types) {
    if (t === 'NULL' || t === out) continue;
    if (out === 'NULL') out = t;
    else if ((out === 'BIGINT' || out === 'DOUBLE') && (t === 'BIGINT' || t === 'DOUBLE')) out = 'DOUBLE';
    else return undefined;
  }
  return out;
}
