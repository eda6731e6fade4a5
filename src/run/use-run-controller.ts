/**
 * Runs plans in real Web Workers through the engine's runtime and feeds the
 * results store and the charts. The main thread only merges and draws: all
 * generation and computation happens in workers.
 */
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { PhysicalPlan } from '../../engine/index';
import { startRun, type RunHandle, type RunSummary, type TimeBreakdown } from '../../engine/worker/index';
import { appendSample, type ChartSample } from '../charts/metrics-history';
import { inputsOf, type UploadedFiles } from '../sources/uploaded-files';
import { rowsReadPerCall, type ResultsStore } from '../state/results-store';
import { timelineShape } from '../timeline/timeline-shape';
import type { TimelineStore } from '../timeline/timeline-store';
import type { Settings } from '../state/settings';
import type { RunPhase } from './RunControls';
import { clock, createEngine } from './create-engine';
import { metricsToSample } from './metrics-to-sample';

export function summaryText(s: RunSummary): string {
  const head = s.error ? `Failed: ${s.error}` : s.stopped ? 'Stopped' : 'Finished';
  const secs = (s.elapsedMs / 1000).toFixed(2);
  const late =
    s.late + s.invalid > 0 ? `, ${s.late.toLocaleString()} late, ${s.invalid.toLocaleString()} invalid` : '';
  return `${head} — ${s.rowsIn.toLocaleString()} rows in, ${s.rowsOut.toLocaleString()} rows out${late} in ${secs} s · checksum ${s.checksum}`;
}

export interface PlanFlow {
  readonly plan: PhysicalPlan;
  readonly rowsIn: number;
  readonly sourceRowsIn: readonly number[];
  readonly nodeRowsOut: readonly number[];
  /** Live state rows of each plan node, summed over the workers. */
  readonly nodeState: readonly number[];
  /** Per source: the most of its rows a join has held at once (each worker's peak, summed). */
  readonly sourcePeakState: readonly number[];
  readonly inputRowsPerSec: number;
  readonly running: boolean;
}

export interface RunController {
  readonly phase: RunPhase;
  readonly status: string | null;
  readonly failed: boolean;
  readonly samples: readonly ChartSample[];
  /** Live rows through each stage of the running plan (null before the first sample). */
  readonly flow: PlanFlow | null;
  readonly start: (plan: PhysicalPlan, settings: Settings, files: UploadedFiles) => void;
  readonly pause: () => void;
  readonly resume: () => void;
  readonly stop: () => void;
}

export function useRunController(store: ResultsStore, timeline: TimelineStore): RunController {
  const [phase, setPhase] = useState<RunPhase>('idle');
  const [status, setStatus] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [samples, setSamples] = useState<readonly ChartSample[]>([]);
  const [flow, setFlow] = useState<PlanFlow | null>(null);
  const handle = useRef<RunHandle | null>(null);

  useEffect(() => () => void handle.current?.stop(), []);

  const launch = useCallback(
    (plan: PhysicalPlan, settings: Settings, files: UploadedFiles): void => {
      store.reset(
        plan.output.map((f) => f.name),
        plan.outputKey,
        settings.keepRows,
      );
      setSamples([]);
      setFlow({
        plan,
        rowsIn: 0,
        sourceRowsIn: plan.sources.map(() => 0),
        nodeRowsOut: plan.nodes.map(() => 0),
        nodeState: plan.nodes.map(() => 0),
        sourcePeakState: plan.sources.map(() => 0),
        inputRowsPerSec: 0,
        running: true,
      });
      timeline.reset(timelineShape(plan));
      setFailed(false);
      let run: RunHandle;
      try {
        run = startRun(
          plan,
          {
            variant: settings.variant,
            batchSize: settings.batchSize,
            partitions: settings.partitions,
            source: settings.source,
            inputs: inputsOf(plan, files),
            // Charts promise at least 4 updates a second; 8 leaves room on a busy machine.
            metricsEveryMs: 150,
            // The timeline is always on: sampled in the workers, it costs little even at full speed.
            timeline: {},
            // The results views read the newest rows of each report; copying the rest cost the
            // workers more than the query at full speed.
            deliverNewest: rowsReadPerCall(settings.keepRows),
          },
          { createEngine, clock },
        );
      } catch (e) {
        setFailed(true);
        setStatus(`Cannot run: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
      handle.current = run;
      setPhase('running');
      const notes = run.layout.notes.length ? ` (${run.layout.notes.join('; ')})` : '';
      setStatus(
        `Running ${run.layout.variant} on ${run.layout.workers} worker${run.layout.workers > 1 ? 's' : ''}${notes}…`,
      );
      let previous: TimeBreakdown | null = null;
      run.metrics$.subscribe((m) => {
        const sample = metricsToSample(m, previous);
        previous = m.breakdown;
        startTransition(() => {
          setSamples((h) => appendSample(h, sample));
          setFlow({
            plan,
            rowsIn: m.rowsIn,
            sourceRowsIn: m.sourceRowsIn,
            nodeRowsOut: m.nodeRowsOut,
            nodeState: m.nodeState,
            sourcePeakState: m.sourcePeakState,
            inputRowsPerSec: m.inputRowsPerSec,
            running: true,
          });
        });
      });
      run.timeline.subscribe((d) => timeline.add(d));
      run.outputs.subscribe((ev) => {
        store.appendBatches(ev.batches, ev.skipped);
        if (ev.rejected.length)
          store.appendRejected(
            ev.rejected.map((r) => ({
              seq: r.seq,
              reason: r.reason,
              detail: r.detail,
              row: JSON.stringify(r.row),
            })),
          );
      });
      void run.done.then((summary) => {
        handle.current = null;
        setPhase('idle');
        setFlow((f) => (f && f.plan === plan ? { ...f, running: false } : f));
        setFailed(summary.error !== undefined);
        setStatus(summaryText(summary));
      });
    },
    [store, timeline],
  );

  // Run while a run is going restarts: the old run's workers are terminated first, so two runs
  // never share the cores (a lesson opened mid-run, or Run pressed again after an edit).
  const start = useCallback(
    (plan: PhysicalPlan, settings: Settings, files: UploadedFiles): void => {
      const current = handle.current;
      if (!current) return launch(plan, settings, files);
      void current.stop();
      void current.done.then(() => launch(plan, settings, files));
    },
    [launch],
  );

  const pause = useCallback(() => {
    handle.current?.pause();
    setPhase('paused');
  }, []);
  const resume = useCallback(() => {
    handle.current?.resume();
    setPhase('running');
  }, []);
  const stop = useCallback(() => {
    if (!handle.current) return;
    setPhase('stopping');
    void handle.current.stop();
  }, []);

  return { phase, status, failed, samples, flow, start, pause, resume, stop };
}
