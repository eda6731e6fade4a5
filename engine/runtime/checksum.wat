;; The row hashes of the output checksum (checksum.ts) for a piece of up to
;; 4096 rows: number columns quantised and hashed, string columns from their
;; dictionary's hashes, NULLs, then each row's two finalised lanes summed.
;; Integer operations and the same double operations as the JavaScript, so
;; the same checksum (tested, with the special values): a value whose
;; quantisation needs Math.log2 (NaN, subnormals, mantissas next to a power
;; of two) stops the column loop, and JavaScript hashes that one value.
;;
;; Assembled by `npm run build:wasm` into checksum-wasm.ts; a test checks
;; that the committed bytes are this file's.
;;
;; Memory (see checksum-kernel.ts): row hashes (u32) at 0, a number column
;; (f64) at 16384, a string column's codes (i32) at 49152, validity bits at
;; 65536, ops (u8) at 66048, the 2^k table (f64, 2200 entries, 2^(k − 1100))
;; at 70144, a dictionary's hashes (u32) from 87744 on.
(module
  (import "env" "memory" (memory 2))
  ;; The two lanes of the last `finish`.
  (global $sa (export "sa") (mut i32) (i32.const 0))
  (global $sb (export "sb") (mut i32) (i32.const 0))

  (func $combine (param $acc i32) (param $h i32) (result i32)
    (i32.xor
      (i32.mul (i32.xor (local.get $acc) (local.get $h)) (i32.const 0x85ebca6b))
      (i32.shr_u (local.get $acc) (i32.const 13))))

  (func (export "reset") (param $n i32)
    (memory.fill (i32.const 0) (i32.const 0) (i32.shl (local.get $n) (i32.const 2))))

  ;; hash[j] = combine(hash[j], hashNumber(quantise(x[j]))) (NULL_HASH where invalid) for rows
  ;; j … n − 1; returns n, or the first row whose value JavaScript must quantise.
  (func (export "numbers") (param $j i32) (param $n i32) (param $hasValid i32) (result i32)
    (local $x f64) (local $q f64) (local $y f64) (local $r f64) (local $bits i64) (local $hi i32)
    (local $biased i32) (local $e i32) (local $h i32) (local $p i32) (local $acc i32)
    (local $v v128) (local $frac v128) (local $vb v128) (local $vr v128) (local $vq v128)
    (local $vh v128) (local $va v128)
    (local $w v128) (local $wfrac v128) (local $wb v128) (local $wr v128) (local $wq v128) (local $wh v128)
    (block $stop
      (loop $row
        (br_if $stop (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $p (i32.shl (local.get $j) (i32.const 2)))
        ;; Four rows at once when none is NULL, NaN, or a fraction whose quantisation needs the
        ;; definition or a subnormal power: the same operations lane by lane on two f64x2, the
        ;; powers of two built from the exponent instead of read from the table; then FNV-1a and
        ;; the combine on the four rows' i32x4 lanes. Any other row goes one at a time below (two
        ;; rows per f64x2 hashed on lanes half thrown away cost 2.4 ns a value, this 1.7). Four
        ;; whole numbers skip the quantisation: S2's output checksum 10.8 → 8.3 ms per 1M rows.
        (block $one
        (if (i32.and (i32.eqz (local.get $hasValid)) (i32.lt_u (i32.add (local.get $j) (i32.const 3)) (local.get $n)))
          (then
            (local.set $v (v128.load offset=16384 (i32.shl (local.get $j) (i32.const 3))))
            (local.set $w (v128.load offset=16400 (i32.shl (local.get $j) (i32.const 3))))
            (local.set $frac (f64x2.ne (f64x2.trunc (local.get $v)) (local.get $v)))
            (local.set $wfrac (f64x2.ne (f64x2.trunc (local.get $w)) (local.get $w)))
            ;; Four whole numbers (or ±Infinity; NaN is never whole): their own quantisation, as
            ;; BIGINT and TIMESTAMP columns always are.
            (local.set $vq (local.get $v))
            (local.set $wq (local.get $w))
            (if (v128.any_true (v128.or (local.get $frac) (local.get $wfrac)))
              (then
                (local.set $vb (v128.and (i64x2.shr_u (local.get $v) (i32.const 52)) (v128.const i64x2 0x7ff 0x7ff)))
                (local.set $wb (v128.and (i64x2.shr_u (local.get $w) (i32.const 52)) (v128.const i64x2 0x7ff 0x7ff)))
                (br_if $one (v128.any_true (v128.or (v128.or
                      (f64x2.ne (local.get $v) (local.get $v))
                      (v128.and (local.get $frac)
                        (v128.or
                          (i64x2.lt_s (local.get $vb) (v128.const i64x2 64 64))
                          (i64x2.eq
                            (v128.and (i64x2.shr_u (local.get $v) (i32.const 32)) (v128.const i64x2 0xfffff 0xfffff))
                            (v128.const i64x2 0xfffff 0xfffff)))))
                    (v128.or
                      (f64x2.ne (local.get $w) (local.get $w))
                      (v128.and (local.get $wfrac)
                        (v128.or
                          (i64x2.lt_s (local.get $wb) (v128.const i64x2 64 64))
                          (i64x2.eq
                            (v128.and (i64x2.shr_u (local.get $w) (i32.const 32)) (v128.const i64x2 0xfffff 0xfffff))
                            (v128.const i64x2 0xfffff 0xfffff))))))))
                ;; Math.round(x · 2^(29 − e)) · 2^(e − 29), e = biased − 1023, on the bits: x · 2^(29 − e)
                ;; lies in [2^29, 2^30), so its fraction is the low 23 bits of x's mantissa. Rounding
                ;; adds half of 2^23 and clears them — the carry runs into the exponent as the
                ;; product would — with Math.round's tie: up for x > 0, towards zero for x < 0 (2^22,
                ;; or 2^22 − 1 by the sign's −1). Four integer operations a pair instead of two multiplies
                ;; by built powers, a floor and a compare: 1M rows of four fractional doubles took
                ;; 16.8–20.4 → 11.9–16.9 ms (OutputChecksum.add, alternated three times).
                (local.set $vr (v128.and
                  (i64x2.add (i64x2.add (local.get $v) (v128.const i64x2 0x400000 0x400000))
                    (i64x2.shr_s (local.get $v) (i32.const 63)))
                  (v128.const i64x2 0xffffffffff800000 0xffffffffff800000)))
                ;; Integers and ±Infinity are their own quantisation.
                (local.set $vq (v128.bitselect (local.get $vr) (local.get $v) (local.get $frac)))
                ;; The same for the second pair.
                (local.set $wr (v128.and
                  (i64x2.add (i64x2.add (local.get $w) (v128.const i64x2 0x400000 0x400000))
                    (i64x2.shr_s (local.get $w) (i32.const 63)))
                  (v128.const i64x2 0xffffffffff800000 0xffffffffff800000)))
                (local.set $wq (v128.bitselect (local.get $wr) (local.get $w) (local.get $wfrac)))))
            ;; −0 is 0.
            (local.set $vq (v128.andnot (local.get $vq) (f64x2.eq (local.get $vq) (v128.const f64x2 0 0))))
            (local.set $wq (v128.andnot (local.get $wq) (f64x2.eq (local.get $wq) (v128.const f64x2 0 0))))
            ;; The four values' low words, then their high words, one lane a row.
            (local.set $vh (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $vq) (local.get $wq)))
            (local.set $wh (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $vq) (local.get $wq)))
            (local.set $vh (i32x4.mul (v128.xor (local.get $vh) (v128.const i32x4 0x811c9dc5 0x811c9dc5 0x811c9dc5 0x811c9dc5))
              (v128.const i32x4 0x01000193 0x01000193 0x01000193 0x01000193)))
            (local.set $vh (i32x4.mul (v128.xor (local.get $vh) (local.get $wh))
              (v128.const i32x4 0x01000193 0x01000193 0x01000193 0x01000193)))
            (local.set $va (v128.load (local.get $p)))
            (v128.store (local.get $p)
              (v128.xor
                (i32x4.mul (v128.xor (local.get $va) (local.get $vh)) (v128.const i32x4 0x85ebca6b 0x85ebca6b 0x85ebca6b 0x85ebca6b))
                (i32x4.shr_u (local.get $va) (i32.const 13))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $row))))
        ;; One row: NULLs, the last rows of the piece, and quads with a value the quad path leaves alone.
        (if (i32.or (i32.eqz (local.get $hasValid))
          (i32.and
            (i32.shr_u (i32.load8_u offset=65536 (i32.shr_u (local.get $j) (i32.const 3)))
              (i32.and (local.get $j) (i32.const 7)))
            (i32.const 1)))
          (then
            (local.set $x (f64.load offset=16384 (i32.shl (local.get $j) (i32.const 3))))
            ;; NaN: its bits are JavaScript's business.
            (if (f64.ne (local.get $x) (local.get $x)) (then (return (local.get $j))))
            (local.set $q (local.get $x))
            ;; Integers and ±Infinity are their own quantisation.
            (if (f64.ne (f64.trunc (local.get $x)) (local.get $x))
              (then
                (local.set $hi (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $x)) (i64.const 32))))
                (local.set $biased (i32.and (i32.shr_u (local.get $hi) (i32.const 20)) (i32.const 0x7ff)))
                (if (i32.or (i32.eqz (local.get $biased))
                      (i32.eq (i32.and (local.get $hi) (i32.const 0xfffff)) (i32.const 0xfffff)))
                  (then (return (local.get $j))))
                (local.set $e (i32.sub (local.get $biased) (i32.const 1023)))
                ;; Math.round(x · 2^(29 − e)) · 2^(e − 29), from the same table of powers.
                (local.set $y (f64.mul (local.get $x)
                  (f64.load offset=70144 (i32.shl (i32.sub (i32.const 1129) (local.get $e)) (i32.const 3)))))
                (local.set $r (f64.floor (local.get $y)))
                ;; Branch-free: whether the tie or more is reached is a coin flip per value.
                (local.set $r (f64.add (local.get $r)
                  (select (f64.const 1) (f64.const 0) (f64.ge (f64.sub (local.get $y) (local.get $r)) (f64.const 0.5)))))
                (local.set $q (f64.mul (local.get $r)
                  (f64.load offset=70144 (i32.shl (i32.add (i32.const 1071) (local.get $e)) (i32.const 3)))))))
            ;; hashNumber: −0 folded into 0, then FNV-1a over the two words.
            (if (f64.eq (local.get $q) (f64.const 0)) (then (local.set $q (f64.const 0))))
            (local.set $bits (i64.reinterpret_f64 (local.get $q)))
            (local.set $h (i32.mul (i32.xor (i32.const 0x811c9dc5) (i32.wrap_i64 (local.get $bits)))
              (i32.const 0x01000193)))
            (local.set $h (i32.mul (i32.xor (local.get $h) (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 32))))
              (i32.const 0x01000193))))
          (else (local.set $h (i32.const 0x9e3779b9))))
        (local.set $acc (i32.load (local.get $p)))
        (i32.store (local.get $p)
          (i32.xor (i32.mul (i32.xor (local.get $acc) (local.get $h)) (i32.const 0x85ebca6b))
            (i32.shr_u (local.get $acc) (i32.const 13))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $row)))
    (local.get $n))

  ;; hash[j] = combine(hash[j], dict[codes[j]]) (NULL_HASH where invalid) for j < n; the column's
  ;; dictionary starts `dict` bytes into the dictionary region (every string column of a batch is
  ;; there at once, copied in once per batch).
  (func (export "strings") (param $n i32) (param $hasValid i32) (param $dict i32)
    (local $j i32) (local $p i32) (local $h i32) (local $acc i32) (local $c v128) (local $vh v128) (local $va v128)
    (block $stop
      (loop $row
        (br_if $stop (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $p (i32.shl (local.get $j) (i32.const 2)))
        ;; Four rows at once when the column has no NULLs: their four dictionary hashes into one
        ;; i32x4, combined with the four row hashes side by side.
        (if (i32.and (i32.eqz (local.get $hasValid)) (i32.lt_u (i32.add (local.get $j) (i32.const 3)) (local.get $n)))
          (then
            (local.set $c (i32x4.shl (v128.load offset=49152 (local.get $p)) (i32.const 2)))
            (local.set $vh (i32x4.splat (i32.load offset=87744
              (i32.add (local.get $dict) (i32x4.extract_lane 0 (local.get $c))))))
            (local.set $vh (i32x4.replace_lane 1 (local.get $vh) (i32.load offset=87744
              (i32.add (local.get $dict) (i32x4.extract_lane 1 (local.get $c))))))
            (local.set $vh (i32x4.replace_lane 2 (local.get $vh) (i32.load offset=87744
              (i32.add (local.get $dict) (i32x4.extract_lane 2 (local.get $c))))))
            (local.set $vh (i32x4.replace_lane 3 (local.get $vh) (i32.load offset=87744
              (i32.add (local.get $dict) (i32x4.extract_lane 3 (local.get $c))))))
            (local.set $va (v128.load (local.get $p)))
            (v128.store (local.get $p)
              (v128.xor
                (i32x4.mul (v128.xor (local.get $va) (local.get $vh)) (v128.const i32x4 0x85ebca6b 0x85ebca6b 0x85ebca6b 0x85ebca6b))
                (i32x4.shr_u (local.get $va) (i32.const 13))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $row)))
        (local.set $h
          (if (result i32) (i32.or (i32.eqz (local.get $hasValid))
          (i32.and
            (i32.shr_u (i32.load8_u offset=65536 (i32.shr_u (local.get $j) (i32.const 3)))
              (i32.and (local.get $j) (i32.const 7)))
            (i32.const 1)))
            (then (i32.load offset=87744
              (i32.add (local.get $dict) (i32.shl (i32.load offset=49152 (local.get $p)) (i32.const 2)))))
            (else (i32.const 0x9e3779b9))))
        (local.set $acc (i32.load (local.get $p)))
        (i32.store (local.get $p)
          (i32.xor (i32.mul (i32.xor (local.get $acc) (local.get $h)) (i32.const 0x85ebca6b))
            (i32.shr_u (local.get $acc) (i32.const 13))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $row))))

  ;; hash[j] = combine(hash[j], NULL_HASH) for j < n: a column of type NULL.
  (func (export "nulls") (param $n i32)
    (local $j i32) (local $p i32)
    (block $stop
      (loop $row
        (br_if $stop (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $p (i32.shl (local.get $j) (i32.const 2)))
        (i32.store (local.get $p) (call $combine (i32.load (local.get $p)) (i32.const 0x9e3779b9)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $row))))

  ;; The two lanes of rows [0, n) into sa, sb; ops: 0 none, 1 every op 0 (+I), 2 from the ops array.
  ;; combine and finalise written out: calls are not inlined, and this runs once per row.
  (func (export "finish") (param $n i32) (param $ops i32)
    (local $j i32) (local $x i32) (local $a i32) (local $b i32) (local $op i32) (local $f i32)
    (local $vx v128) (local $vf v128) (local $va v128) (local $vb v128)
    ;; Four rows at a time in i32x4 (the lanes' sums are the same sums mod 2^32), the rest below.
    (block $quads
      (loop $quad
        (br_if $quads (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
        (local.set $vx (v128.load (i32.shl (local.get $j) (i32.const 2))))
        (if (local.get $ops)
          (then
            (local.set $vx
              (v128.xor
                (i32x4.mul
                  (v128.xor (local.get $vx)
                    (if (result v128) (i32.eq (local.get $ops) (i32.const 2))
                      (then (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u
                        (v128.load32_zero offset=66048 (local.get $j)))))
                      (else (v128.const i32x4 0 0 0 0))))
                  (v128.const i32x4 0x85ebca6b 0x85ebca6b 0x85ebca6b 0x85ebca6b))
                (i32x4.shr_u (local.get $vx) (i32.const 13))))))
        (local.set $vf (v128.xor (local.get $vx) (i32x4.shr_u (local.get $vx) (i32.const 16))))
        (local.set $vf (i32x4.mul (local.get $vf) (v128.const i32x4 0x7feb352d 0x7feb352d 0x7feb352d 0x7feb352d)))
        (local.set $vf (v128.xor (local.get $vf) (i32x4.shr_u (local.get $vf) (i32.const 15))))
        (local.set $vf (i32x4.mul (local.get $vf) (v128.const i32x4 0x846ca68b 0x846ca68b 0x846ca68b 0x846ca68b)))
        (local.set $va (i32x4.add (local.get $va) (v128.xor (local.get $vf) (i32x4.shr_u (local.get $vf) (i32.const 16)))))
        (local.set $vf (v128.xor (local.get $vx) (v128.const i32x4 0x5bd1e995 0x5bd1e995 0x5bd1e995 0x5bd1e995)))
        (local.set $vf (v128.xor (local.get $vf) (i32x4.shr_u (local.get $vf) (i32.const 16))))
        (local.set $vf (i32x4.mul (local.get $vf) (v128.const i32x4 0x7feb352d 0x7feb352d 0x7feb352d 0x7feb352d)))
        (local.set $vf (v128.xor (local.get $vf) (i32x4.shr_u (local.get $vf) (i32.const 15))))
        (local.set $vf (i32x4.mul (local.get $vf) (v128.const i32x4 0x846ca68b 0x846ca68b 0x846ca68b 0x846ca68b)))
        (local.set $vb (i32x4.add (local.get $vb) (v128.xor (local.get $vf) (i32x4.shr_u (local.get $vf) (i32.const 16)))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $quad)))
    (local.set $a (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $va)) (i32x4.extract_lane 1 (local.get $va)))
      (i32.add (i32x4.extract_lane 2 (local.get $va)) (i32x4.extract_lane 3 (local.get $va)))))
    (local.set $b (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $vb)) (i32x4.extract_lane 1 (local.get $vb)))
      (i32.add (i32x4.extract_lane 2 (local.get $vb)) (i32x4.extract_lane 3 (local.get $vb)))))
    (block $stop
      (loop $row
        (br_if $stop (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $x (i32.load (i32.shl (local.get $j) (i32.const 2))))
        (if (local.get $ops)
          (then
            (local.set $op
              (if (result i32) (i32.eq (local.get $ops) (i32.const 2))
                (then (i32.load8_u offset=66048 (local.get $j)))
                (else (i32.const 0))))
            (local.set $x
              (i32.xor (i32.mul (i32.xor (local.get $x) (local.get $op)) (i32.const 0x85ebca6b))
                (i32.shr_u (local.get $x) (i32.const 13))))))
        (local.set $f (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 16))))
        (local.set $f (i32.mul (local.get $f) (i32.const 0x7feb352d)))
        (local.set $f (i32.xor (local.get $f) (i32.shr_u (local.get $f) (i32.const 15))))
        (local.set $f (i32.mul (local.get $f) (i32.const 0x846ca68b)))
        (local.set $a (i32.add (local.get $a) (i32.xor (local.get $f) (i32.shr_u (local.get $f) (i32.const 16)))))
        (local.set $f (i32.xor (local.get $x) (i32.const 0x5bd1e995)))
        (local.set $f (i32.xor (local.get $f) (i32.shr_u (local.get $f) (i32.const 16))))
        (local.set $f (i32.mul (local.get $f) (i32.const 0x7feb352d)))
        (local.set $f (i32.xor (local.get $f) (i32.shr_u (local.get $f) (i32.const 15))))
        (local.set $f (i32.mul (local.get $f) (i32.const 0x846ca68b)))
        (local.set $b (i32.add (local.get $b) (i32.xor (local.get $f) (i32.shr_u (local.get $f) (i32.const 16)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $row)))
    (global.set $sa (local.get $a))
    (global.set $sb (local.get $b))))
