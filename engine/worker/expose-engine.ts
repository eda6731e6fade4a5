/**
 * The one file that exposes the engine API over the worker boundary. Runs
 * inside a worker (Web Worker or Node worker thread): import nothing from src/.
 */
import * as Comlink from 'comlink';
import { EngineService } from './engine-service';
import type { Clock } from './worker-run';

/** `endpoint` defaults to the worker's global scope; Node passes its parentPort wrapped by comlink's node adapter. */
export function exposeEngine(clock: Clock, endpoint?: Comlink.Endpoint): void {
  Comlink.expose(new EngineService({ clock, transfer: Comlink.transfer }), endpoint);
}
