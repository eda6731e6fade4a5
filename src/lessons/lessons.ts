import type { Settings } from '../state/settings';

export interface Lesson {
  readonly id: string;
  readonly title: string;
  /** Two or three sentences on what to watch. */
  readonly watch: string;
  readonly script: string;
  readonly settings?: Partial<Settings>;
  /** Where the app scrolls when the lesson opens. */
  readonly focus: 'timeline' | 'results' | 'compare';
}

export const LESSONS: readonly Lesson[] = [];
