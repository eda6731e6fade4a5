/**
 * Browser worker entry: runs inside a Web Worker, imports nothing from src/.
 * The app starts it with `new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' })`.
 * The clock is absolute (timeOrigin + now) so stamps compare across threads.
 */
import { exposeEngine } from './expose-engine';

exposeEngine(() => performance.timeOrigin + performance.now());
