;; The block forms of prng.ts's uniform draws, four counters per instruction:
;; hashLow(key, i) · 2^−32 for counters below 2^32, the same bits as the
;; JavaScript loops (tested). Every generator column draws one or more
;; uniforms per row, so this is the one loop all of them share.
;;
;; Assembled by `npm run build:wasm` into uniforms-wasm.ts; a test checks
;; that the committed bytes are this file's.
;;
;; Memory (see uniform-kernel.ts): the draws out (f64) at 0, 4096 of them;
;; the counters in (i32) at 32768, 4096 of them; from 65536 on, the quantile
;; tables the thread's samplers have handed in (8193 f64 each). Counts are
;; rounded up to a multiple of 4: the lanes past n are written and never read.
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

  ;; A quantile sampler's draw (prng.ts quantileSampler) from each of the n draws just made, in
  ;; place: x = u·8192 − 0.5, table[0] where x ≤ 0, else the entries below and above x
  ;; interpolated — the operations of fromUniforms in its order. Then by `round`: 0 as is,
  ;; 1 Math.max(1, Math.round(v)) (a count), 2 Math.round(v·100) / 100 (cents), in a second
  ;; pass over the piece (a call per pair cost more than the rounding). The table is at `table`;
  ;; the entry index is clamped to it, so even a lane past n reads inside memory.
  (func (export "quantiles") (param $table i32) (param $n i32) (param $round i32)
    (local $p i32) (local $end i32) (local $a i32) (local $b i32)
    (local $x v128) (local $k v128) (local $ki v128) (local $lo v128) (local $hi v128) (local $v v128) (local $t0 v128)
    (local.set $t0 (v128.load64_splat (local.get $table)))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $x (f64x2.sub (f64x2.mul (v128.load (local.get $p)) (v128.const f64x2 8192 8192))
          (v128.const f64x2 0.5 0.5)))
        (local.set $k (f64x2.pmin (f64x2.pmax (f64x2.floor (local.get $x)) (v128.const f64x2 0 0))
          (v128.const f64x2 8191 8191)))
        ;; Both entries' byte offsets in one conversion: V8's scalar i32.trunc_sat_f64_s per lane
        ;; made this loop 2.5 × slower (3.9 against 1.6 ns a draw, measured).
        (local.set $ki (i32x4.shl (i32x4.trunc_sat_f64x2_s_zero (local.get $k)) (i32.const 3)))
        (local.set $a (i32.add (local.get $table) (i32x4.extract_lane 0 (local.get $ki))))
        (local.set $b (i32.add (local.get $table) (i32x4.extract_lane 1 (local.get $ki))))
        (local.set $lo (f64x2.replace_lane 1 (v128.load64_splat (local.get $a)) (f64.load (local.get $b))))
        (local.set $hi (f64x2.replace_lane 1 (v128.load64_splat offset=8 (local.get $a)) (f64.load offset=8 (local.get $b))))
        ;; x ≤ 0 takes table[0], so clamping k there changes nothing that is kept.
        (v128.store (local.get $p) (v128.bitselect
          (local.get $t0)
          (f64x2.add (local.get $lo)
            (f64x2.mul (f64x2.sub (local.get $hi) (local.get $lo)) (f64x2.sub (local.get $x) (local.get $k))))
          (f64x2.le (local.get $x) (v128.const f64x2 0 0))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $l)))
    (if (i32.eq (local.get $round) (i32.const 1)) (then (call $counts (local.get $end))))
    (if (i32.eq (local.get $round) (i32.const 2)) (then (call $cents (local.get $end)))))

  ;; Math.max(1, Math.round(v)) over bytes [0, end): a count. pmax(1, r) is r where 1 < r, else 1 —
  ;; Math.max for every r but NaN, which a table of finite quantiles never gives; it is one
  ;; instruction, where f64x2.max's NaN and zero rules cost V8 a sequence (the counts took as long
  ;; as the table lookup).
  (func $counts (param $end i32)
    (local $p i32) (local $v v128) (local $r v128)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        ;; Math.round(v) branch-free (generator-def.ts roundHalfUp), inline (a call per pair cost more).
        (local.set $v (v128.load (local.get $p)))
        (local.set $r (f64x2.floor (local.get $v)))
        (local.set $r (f64x2.add (local.get $r)
          (v128.and (f64x2.ge (f64x2.sub (local.get $v) (local.get $r)) (v128.const f64x2 0.5 0.5)) (v128.const f64x2 1 1))))
        (v128.store (local.get $p) (f64x2.pmax (v128.const f64x2 1 1) (local.get $r)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $l))))

  ;; Math.round(v · 100) / 100 over bytes [0, end): cents. The rounding takes v's sign, as Math.round
  ;; gives −0 for v · 100 in [−0.5, 0).
  (func $cents (param $end i32)
    (local $p i32) (local $v v128) (local $r v128)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $v (f64x2.mul (v128.load (local.get $p)) (v128.const f64x2 100 100)))
        (local.set $r (f64x2.floor (local.get $v)))
        (local.set $r (f64x2.add (local.get $r)
          (v128.and (f64x2.ge (f64x2.sub (local.get $v) (local.get $r)) (v128.const f64x2 0.5 0.5)) (v128.const f64x2 1 1))))
        ;; The sign of v: a zero's is then Math.round's, and a nonzero r has v's sign already.
        (local.set $r (v128.or
          (v128.and (local.get $r) (v128.const i64x2 0x7fffffffffffffff 0x7fffffffffffffff))
          (v128.and (local.get $v) (v128.const i64x2 0x8000000000000000 0x8000000000000000))))
        (v128.store (local.get $p) (f64x2.div (local.get $r) (v128.const f64x2 100 100)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
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
