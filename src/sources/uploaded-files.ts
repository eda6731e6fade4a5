import type { PhysicalPlan } from '../../engine/index';
import type { StreamInputs } from '../../engine/worker/index';
import type { UploadedFile } from './FileDrop';

/** The files the user gave, by the stream each feeds (a join reads several). */
export type UploadedFiles = Readonly<Record<string, UploadedFile>>;

export const NO_FILES: UploadedFiles = {};

/** The run's inputs: the files of the plan's streams (others are kept for when the script reads them again). */
export function inputsOf(plan: PhysicalPlan, files: UploadedFiles): StreamInputs | null {
  const inputs: Record<string, { file: { name: string; text: string } }> = {};
  for (const s of plan.sources) {
    const f = files[s.stream];
    if (f) inputs[s.stream] = { file: { name: f.name, text: f.text } };
  }
  return Object.keys(inputs).length ? inputs : null;
}

/** The files of the plan's streams, for the plan's own descriptions. */
export function fileNamesOf(plan: PhysicalPlan, files: UploadedFiles): Readonly<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const s of plan.sources) if (files[s.stream]) names[s.stream] = files[s.stream]!.name;
  return names;
}
