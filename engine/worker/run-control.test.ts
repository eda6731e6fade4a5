import { inProcessConnection } from './engine-client';
import { runControlSuite } from './run-control.suite';

const clock = (): number => performance.timeOrigin + performance.now();

runControlSuite('in-process', () => ({ createEngine: () => inProcessConnection(clock), clock }), {
  canDie: false,
});
