import { describe, expect, it } from 'vitest';
import { parseFlinkArgs } from './flink-args';

describe('parseFlinkArgs --cluster', () => {
  it('defaults to the embedded MiniCluster', () => {
    expect(parseFlinkArgs(['--sql', 'q.sql']).cluster).toBeNull();
  });

  it('takes a REST address as HOST:PORT, in either flag form', () => {
    expect(parseFlinkArgs(['--sql', 'q.sql', '--cluster', '127.0.0.1:8081']).cluster).toBe('127.0.0.1:8081');
    expect(parseFlinkArgs(['--sql', 'q.sql', '--cluster=flink-jm.internal:443']).cluster).toBe(
      'flink-jm.internal:443',
    );
  });

  it('says what it wants for a missing or bad port', () => {
    for (const bad of ['127.0.0.1', 'localhost:', ':8081', 'host:0', 'host:70000', 'host:80a'])
      expect(() => parseFlinkArgs(['--sql', 'q.sql', '--cluster', bad])).toThrow(/--cluster takes HOST:PORT/);
    expect(() => parseFlinkArgs(['--sql', 'q.sql', '--cluster'])).toThrow(/--cluster needs a value/);
  });
});
