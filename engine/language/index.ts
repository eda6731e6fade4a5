/** Editor language services over the SQL front end: diagnostics, completions, hovers, formatting. */
export { diagnose } from './diagnose';
export { completionsAt, type Completion } from './completions';
export { hoverAt, type Hover } from './hover';
export { formatScript } from '../sql/printer';
export { VOCABULARY, type Vocabulary } from './vocabulary';
