import { inProcessConnection } from './engine-client';
import { timelineSuite } from './timeline.suite';

const clock = (): number => performance.timeOrigin + performance.now();

timelineSuite('in-process', () => ({ createEngine: () => inProcessConnection(clock), clock }));
