/** State for one Compare or sweep: the jobs, each one's progress, and Start / Stop. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PhysicalPlan } from '../../engine/index';
import type { UploadedFiles } from '../sources/uploaded-files';
import type { CompareContext } from './compare-markdown';
import type { Job } from './compare-plan';
import { RunSequence, type JobState } from './run-sequence';

export interface SequenceView {
  readonly jobs: readonly Job[];
  readonly states: readonly JobState[];
  readonly running: boolean;
  /** Why nothing could run (no plan…), as a sentence. */
  readonly error: string | null;
  readonly context: CompareContext | null;
}

const EMPTY: SequenceView = { jobs: [], states: [], running: false, error: null, context: null };

export interface RunSequenceControl {
  readonly view: SequenceView;
  readonly start: (
    plan: PhysicalPlan,
    files: UploadedFiles,
    jobs: readonly Job[],
    context: CompareContext,
  ) => void;
  readonly stop: () => void;
  readonly fail: (message: string) => void;
}

export function useRunSequence(onRunning: (running: boolean) => void): RunSequenceControl {
  const [view, setView] = useState<SequenceView>(EMPTY);
  const current = useRef<RunSequence | null>(null);

  useEffect(() => () => void current.current?.stop(), []);

  const start = useCallback(
    (plan: PhysicalPlan, files: UploadedFiles, jobs: readonly Job[], context: CompareContext): void => {
      if (current.current) return;
      const seq = new RunSequence(
        plan,
        files,
        jobs,
        (index, state) =>
          setView((v) =>
            v.jobs === jobs ? { ...v, states: v.states.map((s, k) => (k === index ? state : s)) } : v,
          ),
        context.repeat,
      );
      current.current = seq;
      setView({ jobs, states: jobs.map(() => ({ status: 'pending' })), running: true, error: null, context });
      onRunning(true);
      void seq.run().finally(() => {
        current.current = null;
        setView((v) => ({ ...v, running: false }));
        onRunning(false);
      });
    },
    [onRunning],
  );

  const stop = useCallback(() => void current.current?.stop(), []);
  const fail = useCallback((message: string) => setView({ ...EMPTY, error: message }), []);

  return { view, start, stop, fail };
}
