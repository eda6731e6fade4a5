import { describe, expect, it } from 'vitest';
import { MAX_ROUNDS_PER_RUN, RoundSchedule } from './round-schedule';

/** Plays the schedule with each cell taking a fixed time (or failing in a round): the runs each cell got, per round. */
function play(
  s: RoundSchedule,
  msOf: readonly number[],
  failsAt: readonly number[] = [],
): { runs: number[]; rounds: number } {
  const runs = msOf.map(() => 0);
  let round = 0;
  for (; s.anyRuns(round); round++)
    msOf.forEach((ms, k) => {
      if (!s.includes(round, k)) return;
      runs[k]!++;
      s.ran(round, k, ms, failsAt[k] === round);
    });
  return { runs, rounds: round };
}

describe('RoundSchedule', () => {
  it('gives every cell the warm-up and --runs, and slow cells no more', () => {
    // A share of 1 ms a cell, which one timed run already spends: each gets 1 warm-up + 3 timed runs.
    const { runs } = play(new RoundSchedule(3, 1, 3, 0.003), [100, 200, 50]);
    expect(runs).toEqual([4, 4, 4]);
  });

  it('keeps short cells running until their share of the time is spent', () => {
    // Share 10 ms a cell: the 1 ms cell needs 10 timed runs, the 4 ms cell 3, the 20 ms cell the minimum 2.
    const { runs, rounds } = play(new RoundSchedule(3, 2, 2, 0.03), [1, 4, 20]);
    expect(runs).toEqual([2 + 10, 2 + 3, 2 + 2]);
    expect(rounds).toBe(12);
  });

  it('stops at MAX_ROUNDS_PER_RUN × runs timed rounds', () => {
    const { runs } = play(new RoundSchedule(2, 1, 3, 100), [0.001, 0.001]);
    expect(runs).toEqual([1 + 3 * MAX_ROUNDS_PER_RUN, 1 + 3 * MAX_ROUNDS_PER_RUN]);
  });

  it('runs a failed cell no more, and warm-up time counts for nothing', () => {
    // Cell 0 fails in round 1; cell 1's 500 ms warm-up does not use up its 1 s share.
    const s = new RoundSchedule(2, 1, 2, 2);
    expect(s.includes(0, 1)).toBe(true);
    s.ran(0, 1, 500, false);
    s.ran(0, 0, 1, false);
    s.ran(1, 0, 1, true);
    expect(s.includes(2, 0)).toBe(false);
    s.ran(1, 1, 400, false);
    s.ran(2, 1, 400, false);
    expect(s.includes(3, 1)).toBe(true);
    s.ran(3, 1, 400, false);
    expect(s.includes(4, 1)).toBe(false);
    expect(s.anyRuns(4)).toBe(false);
  });
});
