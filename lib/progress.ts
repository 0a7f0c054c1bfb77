/*
 * How far each start-up task has got, for /api/health/ and the "still indexing"
 * notices. Kept on globalThis because Next bundles the routes and instrumentation.ts
 * separately, each with its own copy of this module.
 */

/** The tasks a server runs before it serves everything. */
export type Task = 'corpus' | 'search' | 'similarity' | 'topics';

export interface TaskProgress {
  /** Done and total units (files, documents) of the task. */
  readonly done: number;
  readonly total: number;
  readonly ready: boolean;
}

const SLOT = Symbol.for('trellis.progress');
const table = ((globalThis as { [SLOT]?: Map<Task, TaskProgress> })[SLOT] ??= new Map());

export function reportProgress(task: Task, done: number, total: number, ready = false): void {
  table.set(task, { done, total, ready });
}

/** A task's progress, or undefined when it has not started in this process. */
export function progressOf(task: Task): TaskProgress | undefined {
  return table.get(task);
}

/** Progress as a whole percentage, 0–100. */
export function percent(progress: TaskProgress | undefined): number {
  if (!progress) return 0;
  if (progress.ready) return 100;
  return progress.total ? Math.min(99, Math.floor((100 * progress.done) / progress.total)) : 0;
}

/** A build's steps, with its task marked started before them and ready after them. */
export function* reportedSteps<T>(task: Task, steps: Generator<void, T>): Generator<void, T> {
  reportProgress(task, 0, 0);
  const value = yield* steps;
  reportProgress(task, 1, 1, true);
  return value;
}
