/**
 * For the tests that pin each kernel's committed bytes: a .wat's text
 * assembled as `npm run build:wasm` (scripts/build-wasm.mjs) assembles it,
 * as base64.
 */
import wabt from 'wabt';

export async function assembledWat(name: string, text: string): Promise<string> {
  const m = (await wabt()).parseWat(name, text, { simd: true, mutable_globals: true });
  try {
    m.validate();
    return Buffer.from(m.toBinary({}).buffer).toString('base64');
  } finally {
    m.destroy();
  }
}
