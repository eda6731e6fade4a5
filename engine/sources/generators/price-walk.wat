;; The price column of the `trades` generator (trades.ts), for a symbol set
;; small enough to keep every (symbol, octave) lattice cell: the eight-octave
;; walk, the tick, the base price, e^x and the rounding to cents. JavaScript
;; spends a quarter of a trades row here; scalar WebAssembly does the same
;; double operations in the same order without bounds checks or type guards,
;; so every price is the same double (tested against the JavaScript loop).
;; The octaves are unrolled: their scales and amplitudes are constants.
;;
;; Assembled by `npm run build:wasm` into price-walk-wasm.ts; a test checks
;; that the committed bytes are this file's.
;;
;; Memory (see price-kernel.ts): rows' event times (f64), key ranks (i32),
;; tick uniforms (f64) and the prices out (f64), PIECE rows each; then the base
;; price per key (f64), the cells, 8 octaves × [lattice index, a, b − a] (f64)
;; per key, each (key, octave)'s noise stream key (i32, 8 per key), and
;; the walk of each row (f64, PIECE rows) between the two loops.
;;
;; A row whose event time left a cell refills it here, with prng.ts hashLow
;; as in the JavaScript refill: a stop and restart per refill cost more than
;; the walk itself where every symbol lives in every partition (S3a). Only a
;; lattice index outside [0, 2^32 − 1) — event times before 1970 or after
;; 2106 — still returns to the caller, whose uniformAt hashes those.
(module
  (import "env" "memory" (memory 1))
  (global $ts (mut i32) (i32.const 0))
  (global $key (mut i32) (i32.const 0))
  (global $u (mut i32) (i32.const 0))
  (global $out (mut i32) (i32.const 0))
  (global $base (mut i32) (i32.const 0))
  (global $cells (mut i32) (i32.const 0))
  (global $nk (mut i32) (i32.const 0))
  (global $xs (mut i32) (i32.const 0))

  (func (export "layout") (param $ts i32) (param $key i32) (param $u i32) (param $out i32) (param $base i32)
      (param $cells i32) (param $nk i32) (param $xs i32)
    (global.set $ts (local.get $ts))
    (global.set $key (local.get $key))
    (global.set $u (local.get $u))
    (global.set $out (local.get $out))
    (global.set $base (local.get $base))
    (global.set $cells (local.get $cells))
    (global.set $nk (local.get $nk))
    (global.set $xs (local.get $xs)))

  ;; prng.ts hashLow(key, i): two lowbias32 rounds, the high word's part a constant.
  (func $hash (param $key i32) (param $i i32) (result i32)
    (local $x i32)
    (local.set $x (i32.xor (local.get $i) (local.get $key)))
    (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 16))))
    (local.set $x (i32.mul (local.get $x) (i32.const 0x7feb352d)))
    (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 15))))
    (local.set $x (i32.mul (local.get $x) (i32.const 0x846ca68b)))
    (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 16))))
    (local.set $x (i32.sub (local.get $x) (i32.const 1353078437)))
    (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 16))))
    (local.set $x (i32.mul (local.get $x) (i32.const 0x7feb352d)))
    (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 15))))
    (local.set $x (i32.mul (local.get $x) (i32.const 0x846ca68b)))
    (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 16))))

  ;; trades.ts refill: the cell at $c takes lattice index m, a = 2·u(m) − 1 and
  ;; b − a = 2·u(m + 1) − 1 − a under noise key $key (the same doubles: u is
  ;; the hash times 2^−32, exact). Returns 0, touching nothing, when m + 1
  ;; would not be a counter below 2^32.
  (func $refill (param $c i32) (param $m f64) (param $key i32) (result i32)
    (local $i i32) (local $a f64)
    (if (i32.eqz (i32.and (f64.ge (local.get $m) (f64.const 0)) (f64.le (local.get $m) (f64.const 4294967294))))
      (then (return (i32.const 0))))
    (local.set $i (i32.trunc_f64_u (local.get $m)))
    (local.set $a (f64.sub (f64.mul (f64.mul (f64.convert_i32_u (call $hash (local.get $key) (local.get $i)))
      (f64.const 2.3283064365386963e-10)) (f64.const 2)) (f64.const 1)))
    (f64.store offset=0 (local.get $c) (local.get $m))
    (f64.store offset=8 (local.get $c) (local.get $a))
    (f64.store offset=16 (local.get $c)
      (f64.sub (f64.sub (f64.mul (f64.mul (f64.convert_i32_u
        (call $hash (local.get $key) (i32.add (local.get $i) (i32.const 1))))
        (f64.const 2.3283064365386963e-10)) (f64.const 2)) (f64.const 1)) (local.get $a)))
    (i32.const 1))

  ;; The walk of rows j … n − 1 into xs, refilling cells as rows leave them;
  ;; returns n, or the first row with a cell it cannot refill (xs is written
  ;; up to it). Apart from the prices below: the eight octaves' sum is one
  ;; long chain of dependent operations per row, and a loop body that holds
  ;; only it lets the processor run the next rows' chains beside it.
  (func $walk (param $j i32) (param $n i32) (result i32)
    (local $t0 f64) (local $to f64) (local $m f64) (local $x f64)
    (local $k i32) (local $c i32) (local $q i32)
    (local $k0 i32) (local $k1 i32) (local $c0 i32) (local $c1 i32)
    (local $t0v v128) (local $tov v128) (local $mv v128) (local $xv v128)
    (block $miss
      (loop $row
        (if (i32.ge_u (local.get $j) (local.get $n)) (then (return (local.get $n))))
        ;; Two rows at a time in f64x2 lanes, the same operations per lane; a pair whose cells are
        ;; not both current falls to the one-row path below, which refills them. A cell's [a, b − a]
        ;; is one 16-byte load per row, the pair's a's and b − a's two shuffles of those.
        (block $single
          (br_if $single (i32.ge_u (i32.add (local.get $j) (i32.const 1)) (local.get $n)))
          (local.set $k0 (i32.load (i32.add (global.get $key) (i32.shl (local.get $j) (i32.const 2)))))
          (local.set $k1 (i32.load offset=4 (i32.add (global.get $key) (i32.shl (local.get $j) (i32.const 2)))))
          (local.set $c0 (i32.add (global.get $cells) (i32.mul (local.get $k0) (i32.const 192))))
          (local.set $c1 (i32.add (global.get $cells) (i32.mul (local.get $k1) (i32.const 192))))
          (local.set $t0v (f64x2.div (v128.load (i32.add (global.get $ts) (i32.shl (local.get $j) (i32.const 3))))
            (v128.const f64x2 1000.0 1000.0)))
          (local.set $xv (v128.const f64x2 0 0))
            (local.set $tov (local.get $t0v))
            (local.set $mv (f64x2.floor (local.get $tov)))
            ;; Octave 0's cell alone is checked: octave o's index floor(t0·4^−o) is floor(m0·4^−o) for
            ;; m0 = floor(t0) (scaling by 4^−o is exact), and every row taken leaves all eight cells
            ;; current for its own m0 (the one-row path and the caller's refill renew each stale one).
            ;; So octave 0 current means all are; the seven other tests cost a fifth of the walk.
            (br_if $single (v128.any_true (f64x2.ne (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=0 (local.get $c0))) (f64.load offset=0 (local.get $c1))) (local.get $mv))))
            (local.set $xv (f64x2.add (local.get $xv) (f64x2.mul (v128.const f64x2 0.0005 0.0005)
              (f64x2.add (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (v128.load offset=8 (local.get $c0)) (v128.load offset=8 (local.get $c1)))
                (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (v128.load offset=8 (local.get $c0)) (v128.load offset=8 (local.get $c1))) (f64x2.sub (local.get $tov) (local.get $mv)))))))
            (local.set $tov (f64x2.mul (local.get $t0v) (v128.const f64x2 0.25 0.25)))
            (local.set $mv (f64x2.floor (local.get $tov)))
            (local.set $xv (f64x2.add (local.get $xv) (f64x2.mul (v128.const f64x2 0.001 0.001)
              (f64x2.add (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (v128.load offset=32 (local.get $c0)) (v128.load offset=32 (local.get $c1)))
                (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (v128.load offset=32 (local.get $c0)) (v128.load offset=32 (local.get $c1))) (f64x2.sub (local.get $tov) (local.get $mv)))))))
            (local.set $tov (f64x2.mul (local.get $t0v) (v128.const f64x2 0.0625 0.0625)))
            (local.set $mv (f64x2.floor (local.get $tov)))
            (local.set $xv (f64x2.add (local.get $xv) (f64x2.mul (v128.const f64x2 0.002 0.002)
              (f64x2.add (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (v128.load offset=56 (local.get $c0)) (v128.load offset=56 (local.get $c1)))
                (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (v128.load offset=56 (local.get $c0)) (v128.load offset=56 (local.get $c1))) (f64x2.sub (local.get $tov) (local.get $mv)))))))
            (local.set $tov (f64x2.mul (local.get $t0v) (v128.const f64x2 0.015625 0.015625)))
            (local.set $mv (f64x2.floor (local.get $tov)))
            (local.set $xv (f64x2.add (local.get $xv) (f64x2.mul (v128.const f64x2 0.004 0.004)
              (f64x2.add (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (v128.load offset=80 (local.get $c0)) (v128.load offset=80 (local.get $c1)))
                (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (v128.load offset=80 (local.get $c0)) (v128.load offset=80 (local.get $c1))) (f64x2.sub (local.get $tov) (local.get $mv)))))))
            (local.set $tov (f64x2.mul (local.get $t0v) (v128.const f64x2 0.00390625 0.00390625)))
            (local.set $mv (f64x2.floor (local.get $tov)))
            (local.set $xv (f64x2.add (local.get $xv) (f64x2.mul (v128.const f64x2 0.008 0.008)
              (f64x2.add (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (v128.load offset=104 (local.get $c0)) (v128.load offset=104 (local.get $c1)))
                (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (v128.load offset=104 (local.get $c0)) (v128.load offset=104 (local.get $c1))) (f64x2.sub (local.get $tov) (local.get $mv)))))))
            (local.set $tov (f64x2.mul (local.get $t0v) (v128.const f64x2 0.0009765625 0.0009765625)))
            (local.set $mv (f64x2.floor (local.get $tov)))
            (local.set $xv (f64x2.add (local.get $xv) (f64x2.mul (v128.const f64x2 0.016 0.016)
              (f64x2.add (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (v128.load offset=128 (local.get $c0)) (v128.load offset=128 (local.get $c1)))
                (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (v128.load offset=128 (local.get $c0)) (v128.load offset=128 (local.get $c1))) (f64x2.sub (local.get $tov) (local.get $mv)))))))
            (local.set $tov (f64x2.mul (local.get $t0v) (v128.const f64x2 0.000244140625 0.000244140625)))
            (local.set $mv (f64x2.floor (local.get $tov)))
            (local.set $xv (f64x2.add (local.get $xv) (f64x2.mul (v128.const f64x2 0.032 0.032)
              (f64x2.add (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (v128.load offset=152 (local.get $c0)) (v128.load offset=152 (local.get $c1)))
                (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (v128.load offset=152 (local.get $c0)) (v128.load offset=152 (local.get $c1))) (f64x2.sub (local.get $tov) (local.get $mv)))))))
            (local.set $tov (f64x2.mul (local.get $t0v) (v128.const f64x2 6.103515625e-05 6.103515625e-05)))
            (local.set $mv (f64x2.floor (local.get $tov)))
            (local.set $xv (f64x2.add (local.get $xv) (f64x2.mul (v128.const f64x2 0.064 0.064)
              (f64x2.add (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (v128.load offset=176 (local.get $c0)) (v128.load offset=176 (local.get $c1)))
                (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (v128.load offset=176 (local.get $c0)) (v128.load offset=176 (local.get $c1))) (f64x2.sub (local.get $tov) (local.get $mv)))))))
          (v128.store (i32.add (global.get $xs) (i32.shl (local.get $j) (i32.const 3))) (local.get $xv))
          (local.set $j (i32.add (local.get $j) (i32.const 2)))
          (br $row))
        ;; t0 = ts / 1000; octave o reads t0·4^−o (exact: a power of two).
        (local.set $t0 (f64.div (f64.load (i32.add (global.get $ts) (i32.shl (local.get $j) (i32.const 3))))
          (f64.const 1000)))
        (local.set $k (i32.load (i32.add (global.get $key) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $c (i32.add (global.get $cells) (i32.mul (local.get $k) (i32.const 192))))
        (local.set $q (i32.add (global.get $nk) (i32.shl (local.get $k) (i32.const 5))))
        (local.set $x (f64.const 0))
        ;; octave 0: period 1 s·4^0, amplitude 0.0005·2^0
        (local.set $to (local.get $t0))
        (local.set $m (f64.floor (local.get $to)))
        (if (f64.ne (f64.load offset=0 (local.get $c)) (local.get $m))
          (then (br_if $miss (i32.eqz (call $refill (i32.add (local.get $c) (i32.const 0)) (local.get $m)
            (i32.load offset=0 (local.get $q)))))))
        (local.set $x (f64.add (local.get $x) (f64.mul (f64.const 0.0005)
          (f64.add (f64.load offset=8 (local.get $c))
            (f64.mul (f64.load offset=16 (local.get $c)) (f64.sub (local.get $to) (local.get $m)))))))
        ;; octave 1: period 1 s·4^1, amplitude 0.0005·2^1
        (local.set $to (f64.mul (local.get $t0) (f64.const 0.25)))
        (local.set $m (f64.floor (local.get $to)))
        (if (f64.ne (f64.load offset=24 (local.get $c)) (local.get $m))
          (then (br_if $miss (i32.eqz (call $refill (i32.add (local.get $c) (i32.const 24)) (local.get $m)
            (i32.load offset=4 (local.get $q)))))))
        (local.set $x (f64.add (local.get $x) (f64.mul (f64.const 0.001)
          (f64.add (f64.load offset=32 (local.get $c))
            (f64.mul (f64.load offset=40 (local.get $c)) (f64.sub (local.get $to) (local.get $m)))))))
        ;; octave 2: period 1 s·4^2, amplitude 0.0005·2^2
        (local.set $to (f64.mul (local.get $t0) (f64.const 0.0625)))
        (local.set $m (f64.floor (local.get $to)))
        (if (f64.ne (f64.load offset=48 (local.get $c)) (local.get $m))
          (then (br_if $miss (i32.eqz (call $refill (i32.add (local.get $c) (i32.const 48)) (local.get $m)
            (i32.load offset=8 (local.get $q)))))))
        (local.set $x (f64.add (local.get $x) (f64.mul (f64.const 0.002)
          (f64.add (f64.load offset=56 (local.get $c))
            (f64.mul (f64.load offset=64 (local.get $c)) (f64.sub (local.get $to) (local.get $m)))))))
        ;; octave 3: period 1 s·4^3, amplitude 0.0005·2^3
        (local.set $to (f64.mul (local.get $t0) (f64.const 0.015625)))
        (local.set $m (f64.floor (local.get $to)))
        (if (f64.ne (f64.load offset=72 (local.get $c)) (local.get $m))
          (then (br_if $miss (i32.eqz (call $refill (i32.add (local.get $c) (i32.const 72)) (local.get $m)
            (i32.load offset=12 (local.get $q)))))))
        (local.set $x (f64.add (local.get $x) (f64.mul (f64.const 0.004)
          (f64.add (f64.load offset=80 (local.get $c))
            (f64.mul (f64.load offset=88 (local.get $c)) (f64.sub (local.get $to) (local.get $m)))))))
        ;; octave 4: period 1 s·4^4, amplitude 0.0005·2^4
        (local.set $to (f64.mul (local.get $t0) (f64.const 0.00390625)))
        (local.set $m (f64.floor (local.get $to)))
        (if (f64.ne (f64.load offset=96 (local.get $c)) (local.get $m))
          (then (br_if $miss (i32.eqz (call $refill (i32.add (local.get $c) (i32.const 96)) (local.get $m)
            (i32.load offset=16 (local.get $q)))))))
        (local.set $x (f64.add (local.get $x) (f64.mul (f64.const 0.008)
          (f64.add (f64.load offset=104 (local.get $c))
            (f64.mul (f64.load offset=112 (local.get $c)) (f64.sub (local.get $to) (local.get $m)))))))
        ;; octave 5: period 1 s·4^5, amplitude 0.0005·2^5
        (local.set $to (f64.mul (local.get $t0) (f64.const 0.0009765625)))
        (local.set $m (f64.floor (local.get $to)))
        (if (f64.ne (f64.load offset=120 (local.get $c)) (local.get $m))
          (then (br_if $miss (i32.eqz (call $refill (i32.add (local.get $c) (i32.const 120)) (local.get $m)
            (i32.load offset=20 (local.get $q)))))))
        (local.set $x (f64.add (local.get $x) (f64.mul (f64.const 0.016)
          (f64.add (f64.load offset=128 (local.get $c))
            (f64.mul (f64.load offset=136 (local.get $c)) (f64.sub (local.get $to) (local.get $m)))))))
        ;; octave 6: period 1 s·4^6, amplitude 0.0005·2^6
        (local.set $to (f64.mul (local.get $t0) (f64.const 0.000244140625)))
        (local.set $m (f64.floor (local.get $to)))
        (if (f64.ne (f64.load offset=144 (local.get $c)) (local.get $m))
          (then (br_if $miss (i32.eqz (call $refill (i32.add (local.get $c) (i32.const 144)) (local.get $m)
            (i32.load offset=24 (local.get $q)))))))
        (local.set $x (f64.add (local.get $x) (f64.mul (f64.const 0.032)
          (f64.add (f64.load offset=152 (local.get $c))
            (f64.mul (f64.load offset=160 (local.get $c)) (f64.sub (local.get $to) (local.get $m)))))))
        ;; octave 7: period 1 s·4^7, amplitude 0.0005·2^7
        (local.set $to (f64.mul (local.get $t0) (f64.const 6.103515625e-05)))
        (local.set $m (f64.floor (local.get $to)))
        (if (f64.ne (f64.load offset=168 (local.get $c)) (local.get $m))
          (then (br_if $miss (i32.eqz (call $refill (i32.add (local.get $c) (i32.const 168)) (local.get $m)
            (i32.load offset=28 (local.get $q)))))))
        (local.set $x (f64.add (local.get $x) (f64.mul (f64.const 0.064)
          (f64.add (f64.load offset=176 (local.get $c))
            (f64.mul (f64.load offset=184 (local.get $c)) (f64.sub (local.get $to) (local.get $m)))))))
        (f64.store (i32.add (global.get $xs) (i32.shl (local.get $j) (i32.const 3))) (local.get $x))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $row)))
    (local.get $j))

  ;; Prices of rows [j, stop) from their walk in xs: two rows at a time in f64x2 lanes, the last
  ;; odd row alone, the same operations either way.
  (func $price (param $j i32) (param $stop i32)
    (local $x f64) (local $e f64) (local $v f64) (local $r f64) (local $k i32) (local $k0 i32) (local $k1 i32)
    (local $xv v128) (local $ev v128) (local $vv v128) (local $rv v128)
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (i32.add (local.get $j) (i32.const 1)) (local.get $stop)))
        (local.set $k0 (i32.load (i32.add (global.get $key) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $k1 (i32.load offset=4 (i32.add (global.get $key) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $xv (v128.load (i32.add (global.get $xs) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $ev (f64x2.add (local.get $xv)
          (f64x2.mul (f64x2.sub (v128.load (i32.add (global.get $u) (i32.shl (local.get $j) (i32.const 3)))) (v128.const f64x2 0.5 0.5))
            (v128.const f64x2 0.0004 0.0004))))
        (local.set $vv (f64x2.mul
          (f64x2.mul
            (f64x2.replace_lane 1
              (f64x2.splat (f64.load (i32.add (global.get $base) (i32.shl (local.get $k0) (i32.const 3)))))
              (f64.load (i32.add (global.get $base) (i32.shl (local.get $k1) (i32.const 3)))))
            (f64x2.add (v128.const f64x2 1.0 1.0) (f64x2.mul (local.get $ev)
              (f64x2.add (v128.const f64x2 1.0 1.0) (f64x2.mul (local.get $ev)
                (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $ev)
                  (f64x2.add (v128.const f64x2 0x1.5555555555555p-3 0x1.5555555555555p-3)
                    (f64x2.div (local.get $ev) (v128.const f64x2 24.0 24.0))))))))))
          (v128.const f64x2 100.0 100.0)))
        (local.set $rv (f64x2.floor (local.get $vv)))
        (local.set $rv (f64x2.add (local.get $rv)
          (v128.and (f64x2.ge (f64x2.sub (local.get $vv) (local.get $rv)) (v128.const f64x2 0.5 0.5)) (v128.const f64x2 1.0 1.0))))
        ;; v's sign, as Math.round gives −0 for v in [−0.5, 0); a nonzero rounding has it already.
        (local.set $rv (v128.or
          (v128.and (local.get $rv) (v128.const i64x2 0x7fffffffffffffff 0x7fffffffffffffff))
          (v128.and (local.get $vv) (v128.const i64x2 0x8000000000000000 0x8000000000000000))))
        (v128.store (i32.add (global.get $out) (i32.shl (local.get $j) (i32.const 3)))
          (f64x2.div (local.get $rv) (v128.const f64x2 100.0 100.0)))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $pairs)))
    (if (i32.lt_u (local.get $j) (local.get $stop))
      (then
        (local.set $k (i32.load (i32.add (global.get $key) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $x (f64.load (i32.add (global.get $xs) (i32.shl (local.get $j) (i32.const 3)))))
          ;; e = walk + tick, tick = (u − 0.5)·0.0004
          (local.set $e (f64.add (local.get $x)
            (f64.mul (f64.sub (f64.load (i32.add (global.get $u) (i32.shl (local.get $j) (i32.const 3))))
              (f64.const 0.5)) (f64.const 0.0004))))
          ;; smallExp(e) = 1 + e·(1 + e·(0.5 + e·(1/6 + e/24))), times base, times 100
          (local.set $v (f64.mul
            (f64.mul (f64.load (i32.add (global.get $base) (i32.shl (local.get $k) (i32.const 3))))
              (f64.add (f64.const 1) (f64.mul (local.get $e)
                (f64.add (f64.const 1) (f64.mul (local.get $e)
                  (f64.add (f64.const 0.5) (f64.mul (local.get $e)
                    (f64.add (f64.const 0x1.5555555555555p-3) (f64.div (local.get $e) (f64.const 24))))))))))
            (f64.const 100)))
          ;; Math.round(v): the nearest integer, halves up; −0 for v in [−0.5, 0).
          (local.set $r (f64.floor (local.get $v)))
          (if (f64.ge (f64.sub (local.get $v) (local.get $r)) (f64.const 0.5))
            (then (local.set $r (f64.add (local.get $r) (f64.const 1)))))
          (if (f64.eq (local.get $r) (f64.const 0))
            (then (local.set $r (f64.copysign (local.get $r) (local.get $v)))))
          (f64.store (i32.add (global.get $out) (i32.shl (local.get $j) (i32.const 3)))
            (f64.div (local.get $r) (f64.const 100))))))

  ;; Prices of rows j … n − 1 into out, refilling cells as rows leave them;
  ;; returns n, or the first row with a cell it cannot refill (out is written
  ;; up to it): the caller refills that row's cells and calls again from it.
  (func (export "prices") (param $j i32) (param $n i32) (result i32)
    (local $stop i32)
    (local.set $stop (call $walk (local.get $j) (local.get $n)))
    (call $price (local.get $j) (local.get $stop))
    (local.get $stop)))
