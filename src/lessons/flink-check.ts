/**
 * What the Flink differential suite (`npm run test:flink`) last found for each
 * lesson: the same rows as Apache Flink, or a difference with its cause. The
 * suite writes flink/checked.json and fails when the committed file is not current.
 */
import checked from '../../flink/checked.json';

export interface FlinkCheck {
  readonly same: boolean;
  /** "same rows as Flink 2.3.0", or "differs from Flink 2.3.0: why". */
  readonly result: string;
  /** ISO date of the check. */
  readonly checked: string;
  readonly flink: string;
}

const lessons: Readonly<Record<string, { same: boolean; result: string; checked: string }>> = checked.lessons;

export function flinkCheckOf(lessonId: string): FlinkCheck | null {
  const c = lessons[lessonId];
  return c ? { same: c.same, result: c.result, checked: c.checked, flink: checked.flink } : null;
}
