// A .wat's text as the base64 of its bytes: what `npm run build:wasm` commits for each kernel,
// and what the tests that pin the committed bytes compare against.
import wabt from 'wabt';

/** The assembled bytes of `text` (named `name` in errors), base64. */
export async function assembleWat(name, text) {
  const w = await wabt();
  const m = w.parseWat(name, text, { simd: true, mutable_globals: true });
  try {
    m.validate();
    return Buffer.from(m.toBinary({}).buffer).toString('base64');
  } finally {
    m.destroy();
  }
}
