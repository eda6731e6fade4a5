;; The generators' plain column loops, two doubles per instruction: row numbers
;; (start + j), integers as doubles plus an offset (key + 1), and the event
;; times and watermarks of an in-order stream. V8 runs each of these as a
;; scalar loop of about 1.5–2.4 ns a row (a bounds check, a conversion and a
;; store per value), longer than the copy in and out of this memory costs.
;; IEEE additions, multiplications and floors are the same in both, so every
;; value is the JavaScript loop's double (tested).
;;
;; Assembled by `npm run build:wasm` into column-fill-wasm.ts; a test checks
;; that the committed bytes are this file's.
;;
;; Memory (see fill-kernel.ts): doubles out at 0 and at 32768, 4096 each;
;; int32s in at 65536, 4096 of them. Counts are rounded up to an even number
;; (up to a multiple of 4 for `shift`): the lanes past n are written and never
;; read.
(module
  (memory (export "memory") 2)

  ;; out[j] = start + (from + j), j < n, at 0: a piece of a longer fill keeps its sums (from counts
  ;; the rows before it; start + j rounds once it is past 2^53, so start + from would not do).
  (func (export "iota") (param $start f64) (param $from f64) (param $n i32)
    (local $s v128) (local $j v128) (local $p i32) (local $end i32)
    (local.set $s (f64x2.splat (local.get $start)))
    (local.set $j (f64x2.add (f64x2.splat (local.get $from)) (v128.const f64x2 0 1)))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        ;; start + j itself, not a running sum: the same double as the JavaScript loop's (j counts exactly).
        (v128.store (local.get $p) (f64x2.add (local.get $s) (local.get $j)))
        (local.set $j (f64x2.add (local.get $j) (v128.const f64x2 2 2)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $l))))

  ;; out[j] = in[j] + offset, j < n: the int32s at 65536 as doubles, at 0.
  (func (export "shift") (param $offset f64) (param $n i32)
    (local $o v128) (local $p i32) (local $q i32) (local $end i32) (local $x v128)
    (local.set $o (f64x2.splat (local.get $offset)))
    (local.set $q (i32.const 65536))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $x (v128.load (local.get $q)))
        (v128.store (local.get $p) (f64x2.add (f64x2.convert_low_i32x4_s (local.get $x)) (local.get $o)))
        (v128.store offset=16 (local.get $p) (f64x2.add
          (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x) (local.get $x)))
          (local.get $o)))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (br $l))))

  ;; An in-order stream's rows pos + from … pos + from + n − 1 (event-time.ts `scan`; from counts
  ;; the rows of earlier pieces): ts[j] = floor(start + i·step) at 0, and M before the row minus `minus` at 32768, M starting at `maxTs`; returns M after the
  ;; last row. With step ≥ 0 the times never decrease, so M before row j is max(maxTs, ts[j − 1]):
  ;; pmax(M, t) is M < t ? t : M, the JavaScript `if (t > M) M = t`.
  (func (export "clock") (param $pos f64) (param $from f64) (param $n i32) (param $maxTs f64) (param $start f64)
      (param $step f64) (param $minus f64) (result f64)
    (local $i v128) (local $j v128) (local $t v128) (local $prev v128) (local $m v128) (local $p i32)
    (local $end i32) (local $st v128) (local $sp v128) (local $mi v128) (local $last f64)
    (local.set $i (f64x2.splat (local.get $pos)))
    (local.set $j (f64x2.add (f64x2.splat (local.get $from)) (v128.const f64x2 0 1)))
    (local.set $st (f64x2.splat (local.get $start)))
    (local.set $sp (f64x2.splat (local.get $step)))
    (local.set $mi (f64x2.splat (local.get $minus)))
    (local.set $m (f64x2.splat (local.get $maxTs)))
    ;; The time before the pair, in both lanes: the first row's M is maxTs itself.
    (local.set $prev (f64x2.splat (f64.const -inf)))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        ;; floor(start + (pos + j)·step), the JavaScript operations in order.
        (local.set $t (f64x2.floor (f64x2.add (local.get $st)
          (f64x2.mul (f64x2.add (local.get $i) (local.get $j)) (local.get $sp)))))
        (v128.store (local.get $p) (local.get $t))
        ;; The times before each lane's row: [prev's last, t's first].
        (v128.store offset=32768 (local.get $p) (f64x2.sub
          (f64x2.pmax (local.get $m) (i8x16.shuffle 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23
            (local.get $prev) (local.get $t)))
          (local.get $mi)))
        (local.set $prev (local.get $t))
        (local.set $j (f64x2.add (local.get $j) (v128.const f64x2 2 2)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $l)))
    ;; M after the last row: its time where it exceeds maxTs (`select`, not f64.max: the same zero).
    (if (result f64) (i32.eqz (local.get $n))
      (then (local.get $maxTs))
      (else
        (local.set $last (f64.load (i32.shl (i32.sub (local.get $n) (i32.const 1)) (i32.const 3))))
        (select (local.get $last) (local.get $maxTs) (f64.gt (local.get $last) (local.get $maxTs)))))))
