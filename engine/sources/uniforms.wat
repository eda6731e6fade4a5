;; The block forms of prng.ts's uniform draws, four counters per instruction:
;; hashLow(key, i) · 2^−32 for counters below 2^32, the same bits as the
;; JavaScript loops (tested). Every generator column draws one or more
;; uniforms per row, so this is the one loop all of them share.
;;
;; Assembled by `npm run build:wasm` into uniforms-wasm.ts; a test checks
;; that the committed bytes are this file's.
;;
;; Memory (one page, see uniform-kernel.ts): the draws out (f64) at 0, 4096
;; of them; the counters in (i32) at 32768, 4096 of them. Counts are rounded
;; up to a multiple of 4: the lanes past n are written and never read.
(module
  (memory (export "memory") 1)

  ;; prng.ts hashLow(key, i) in each lane: two lowbias32 rounds.
  (func $hash (param $key v128) (param $i v128) (result v128)
    (local $x v128)
    (local.set $x (v128.xor (local.get $i) (local.get $key)))
    (local.set $x (v128.xor (local.get $x) (i32x4.shr_u (local.get $x) (i32.const 16))))
    (local.set $x (i32x4.mul (local.get $x) (v128.const i32x4 0x7feb352d 0x7feb352d 0x7feb352d 0x7feb352d)))
    (local.set $x (v128.xor (local.get $x) (i32x4.shr_u (local.get $x) (i32.const 15))))
    (local.set $x (i32x4.mul (local.get $x) (v128.const i32x4 0x846ca68b 0x846ca68b 0x846ca68b 0x846ca68b)))
    (local.set $x (v128.xor (local.get $x) (i32x4.shr_u (local.get $x) (i32.const 16))))
    ;; + Math.imul(0x5bd1e995, 0x27d4eb2f): the high word of a counter below 2^32.
    (local.set $x (i32x4.add (local.get $x) (v128.const i32x4 -1353078437 -1353078437 -1353078437 -1353078437)))
    (local.set $x (v128.xor (local.get $x) (i32x4.shr_u (local.get $x) (i32.const 16))))
    (local.set $x (i32x4.mul (local.get $x) (v128.const i32x4 0x7feb352d 0x7feb352d 0x7feb352d 0x7feb352d)))
    (local.set $x (v128.xor (local.get $x) (i32x4.shr_u (local.get $x) (i32.const 15))))
    (local.set $x (i32x4.mul (local.get $x) (v128.const i32x4 0x846ca68b 0x846ca68b 0x846ca68b 0x846ca68b)))
    (v128.xor (local.get $x) (i32x4.shr_u (local.get $x) (i32.const 16))))

  ;; Four hashes as four doubles h · 2^−32 at p (exact: a u32 converts exactly, 2^−32 is a power of two).
  (func $store (param $p i32) (param $h v128)
    (v128.store (local.get $p)
      (f64x2.mul (f64x2.convert_low_i32x4_u (local.get $h)) (v128.const f64x2 0x1p-32 0x1p-32)))
    (v128.store offset=16 (local.get $p)
      (f64x2.mul
        (f64x2.convert_low_i32x4_u
          (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $h) (local.get $h)))
        (v128.const f64x2 0x1p-32 0x1p-32))))

  ;; uniformsFrom: counters start … start + n − 1 (mod 2^32 in the lanes).
  (func (export "from") (param $key i32) (param $start i32) (param $n i32)
    (local $i v128) (local $k v128) (local $p i32) (local $end i32)
    (local.set $k (i32x4.splat (local.get $key)))
    (local.set $i (i32x4.add (i32x4.splat (local.get $start)) (v128.const i32x4 0 1 2 3)))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (call $store (local.get $p) (call $hash (local.get $k) (local.get $i)))
        (local.set $i (i32x4.add (local.get $i) (v128.const i32x4 4 4 4 4)))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (br $l))))

  ;; uniformsLow: counters (in[j] + offset) | 0.
  (func (export "low") (param $key i32) (param $offset i32) (param $n i32)
    (local $k v128) (local $o v128) (local $p i32) (local $q i32) (local $end i32)
    (local.set $k (i32x4.splat (local.get $key)))
    (local.set $o (i32x4.splat (local.get $offset)))
    (local.set $q (i32.const 32768))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (call $store (local.get $p)
          (call $hash (local.get $k) (i32x4.add (v128.load (local.get $q)) (local.get $o))))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (br $l)))))
