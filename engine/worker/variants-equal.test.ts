import { inProcessConnection } from './engine-client';
import { variantsEqualSuite } from './variants-equal.suite';

const clock = (): number => performance.timeOrigin + performance.now();

variantsEqualSuite('in-process', () => ({ createEngine: () => inProcessConnection(clock), clock }), {
  rows: 6000,
});
