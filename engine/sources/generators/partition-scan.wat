;; The skip scan of partition-local generation (partition-scan.ts), four rows
;; at a time. Deciding whether a row is this partition's takes three hashes
;; (the level, the alias column, the alias coin); scalar JavaScript spends two
;; thirds of the scan on them, while i32x4 lanes hash four rows per
;; instruction. The same bits as prng.ts `hashLow`: the JS scan and this one
;; take the same rows (tested).
;;
;; Assembled by `npm run build:wasm` into partition-scan-wasm.ts; a test
;; checks that the committed bytes are this file's.
;;
;; Memory (one per scan, see scan-kernel.ts for the offsets): a scratch block
;; of 256 rows' draws at 0, the outputs, then the tables: level cells (u16),
;; cut points (u32), alias entries (i32 pairs) and the owns table (u8).
;;
;; A timed scan (`clock`) also derives every row's event time as event-time.ts
;; `scan` does (the same doubles: IEEE operations in the same order) and keeps
;; the running max M, writing each own row's time and watermark M − d: the scan
;; visits every row anyway, and a partition would otherwise draw its own rows'
;; classes and their predecessors' again.
(module
  (import "env" "memory" (memory 1))
  (global $cells (mut i32) (i32.const 0))
  (global $cut (mut i32) (i32.const 0))
  (global $entries (mut i32) (i32.const 0))
  (global $owns (mut i32) (i32.const 0))
  (global $outI (mut i32) (i32.const 0))
  (global $outKey (mut i32) (i32.const 0))
  (global $outLevel (mut i32) (i32.const 0))
  (global $outLow (mut i32) (i32.const 0))
  ;; After `scan`: the new own-row count, and why it stopped (0 end, 1 unknown entry, 2 full).
  (global $count (export "count") (mut i32) (i32.const 0))
  (global $reason (export "reason") (mut i32) (i32.const 0))
  ;; The clock (event-time.ts TimeClock) of a timed scan; $timed is 1 once `clock` is called.
  (global $timed (mut i32) (i32.const 0))
  (global $start (mut f64) (f64.const 0))
  (global $step (mut f64) (f64.const 0))
  (global $late (mut f64) (f64.const 0))
  (global $lateOoo (mut f64) (f64.const 0))
  (global $oooSpan (mut f64) (f64.const 0))
  (global $lateSpan (mut f64) (f64.const 0))
  (global $delay (mut f64) (f64.const 0))
  (global $classKey (mut i32) (i32.const 0))
  (global $oooKey (mut i32) (i32.const 0))
  (global $lateKey (mut i32) (i32.const 0))
  (global $outTs (mut i32) (i32.const 0))
  (global $outWm (mut i32) (i32.const 0))
  ;; M before the next row a timed scan looks at: set before the first call, read after the last.
  (global $maxTs (export "maxTs") (mut f64) (f64.const 0))

  (func (export "layout") (param $cells i32) (param $cut i32) (param $entries i32) (param $owns i32)
      (param $outI i32) (param $outKey i32) (param $outLevel i32) (param $outLow i32)
    (global.set $cells (local.get $cells))
    (global.set $cut (local.get $cut))
    (global.set $entries (local.get $entries))
    (global.set $owns (local.get $owns))
    (global.set $outI (local.get $outI))
    (global.set $outKey (local.get $outKey))
    (global.set $outLevel (local.get $outLevel))
    (global.set $outLow (local.get $outLow)))

  ;; Makes `scan` timed, writing own rows' event times to $outTs and watermarks to $outWm (f64
  ;; each). For streams with late or out-of-order rows: in-order streams need no class draws,
  ;; and their own rows' times cost less derived afterwards than every row's here.
  (func (export "clock") (param $start f64) (param $step f64) (param $late f64)
      (param $lateOoo f64) (param $oooSpan f64) (param $lateSpan f64) (param $delay f64)
      (param $classKey i32) (param $oooKey i32) (param $lateKey i32) (param $outTs i32) (param $outWm i32)
    (global.set $timed (i32.const 1))
    (global.set $start (local.get $start))
    (global.set $step (local.get $step))
    (global.set $late (local.get $late))
    (global.set $lateOoo (local.get $lateOoo))
    (global.set $oooSpan (local.get $oooSpan))
    (global.set $lateSpan (local.get $lateSpan))
    (global.set $delay (local.get $delay))
    (global.set $classKey (local.get $classKey))
    (global.set $oooKey (local.get $oooKey))
    (global.set $lateKey (local.get $lateKey))
    (global.set $outTs (local.get $outTs))
    (global.set $outWm (local.get $outWm)))

    ;; prng.ts uniformAt(key, i) for one counter below 2^32: hashLow's bits · 2^−32.
  (func $uniform (param $key i32) (param $i i32) (result f64)
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
    (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 16))))
    (f64.mul (f64.convert_i32_u (local.get $x)) (f64.const 0x1p-32)))

  ;; prng.ts hashLow(key, i) of rows base … base + 4·groups − 1, four lanes at a time, to at:
  ;; two lowbias32 rounds; + Math.imul(0x5bd1e995, 0x27d4eb2f) is the high word of a counter
  ;; below 2^32. One call per stream key and block of rows, the hash written out in the loop: V8
  ;; (Node 20) inlines no call, and a call per four rows was a tenth of a scan and a fifth of `ranks`.
  (func $hashes (param $key i32) (param $at i32) (param $base i32) (param $groups i32)
    (local $i v128) (local $k v128) (local $x v128) (local $p i32) (local $end i32)
    (local.set $k (i32x4.splat (local.get $key)))
    (local.set $i (i32x4.add (i32x4.splat (local.get $base)) (v128.const i32x4 0 1 2 3)))
    (local.set $p (local.get $at))
    (local.set $end (i32.add (local.get $at) (i32.shl (local.get $groups) (i32.const 4))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $x (v128.xor (local.get $i) (local.get $k)))
        (local.set $x (v128.xor (local.get $x) (i32x4.shr_u (local.get $x) (i32.const 16))))
        (local.set $x (i32x4.mul (local.get $x) (v128.const i32x4 0x7feb352d 0x7feb352d 0x7feb352d 0x7feb352d)))
        (local.set $x (v128.xor (local.get $x) (i32x4.shr_u (local.get $x) (i32.const 15))))
        (local.set $x (i32x4.mul (local.get $x) (v128.const i32x4 0x846ca68b 0x846ca68b 0x846ca68b 0x846ca68b)))
        (local.set $x (v128.xor (local.get $x) (i32x4.shr_u (local.get $x) (i32.const 16))))
        (local.set $x (i32x4.add (local.get $x) (v128.const i32x4 -1353078437 -1353078437 -1353078437 -1353078437)))
        (local.set $x (v128.xor (local.get $x) (i32x4.shr_u (local.get $x) (i32.const 16))))
        (local.set $x (i32x4.mul (local.get $x) (v128.const i32x4 0x7feb352d 0x7feb352d 0x7feb352d 0x7feb352d)))
        (local.set $x (v128.xor (local.get $x) (i32x4.shr_u (local.get $x) (i32.const 15))))
        (local.set $x (i32x4.mul (local.get $x) (v128.const i32x4 0x846ca68b 0x846ca68b 0x846ca68b 0x846ca68b)))
        (v128.store (local.get $p) (v128.xor (local.get $x) (i32x4.shr_u (local.get $x) (i32.const 16))))
        (local.set $i (i32x4.add (local.get $i) (v128.const i32x4 4 4 4 4)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next))))

  ;; The draws of rows base … base + 4·groups − 1 into the scratch block: level
  ;; bits at 0, alias column at 1024, coin bits at 2048, with $classes the time
  ;; class bits (key $classKey) at 3072 (4 bytes a row). The column is then
  ;; floor(u0·n) = (bits·n) >> 32 in place: the high words of the four 64-bit products.
  (func $draws (param $base i32) (param $groups i32) (param $k0 i32) (param $k1 i32) (param $lk i32)
      (param $drawn i32) (param $n i32) (param $classes i32)
    (local $h v128) (local $nv v128) (local $p i32) (local $end i32)
    (if (local.get $drawn) (then (call $hashes (local.get $lk) (i32.const 0) (local.get $base) (local.get $groups))))
    (call $hashes (local.get $k0) (i32.const 1024) (local.get $base) (local.get $groups))
    (call $hashes (local.get $k1) (i32.const 2048) (local.get $base) (local.get $groups))
    (if (local.get $classes)
      (then (call $hashes (global.get $classKey) (i32.const 3072) (local.get $base) (local.get $groups))))
    (local.set $nv (i32x4.splat (local.get $n)))
    (local.set $end (i32.shl (local.get $groups) (i32.const 4)))
    (block $cols
      (loop $col
        (br_if $cols (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $h (v128.load offset=1024 (local.get $p)))
        (v128.store offset=1024 (local.get $p)
          (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31
            (i64x2.extmul_low_i32x4_u (local.get $h) (local.get $nv))
            (i64x2.extmul_high_i32x4_u (local.get $h) (local.get $nv))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $col))))

  ;; The key ranks of rows [from, from + count) (from + count ≤ 2^32, count ≤ the output's room)
  ;; into the key output: a whole stream's key column, the same ranks `scan` draws (zipf.ts
  ;; aliasRank). The stream keys come with the call, so one kernel serves every stream of a table.
  (func (export "ranks") (param $from i32) (param $count i32) (param $k0 i32) (param $k1 i32)
      (param $tableN i32)
    (local $base i32) (local $m i32) (local $q i32) (local $end i32) (local $col i32) (local $e i32)
    (local $out i32)
    (local.set $base (local.get $from))
    (local.set $out (global.get $outKey))
    (block $done
      (loop $block
        (br_if $done (i32.eqz (local.get $count)))
        (local.set $m (local.get $count))
        (if (i32.gt_u (local.get $m) (i32.const 256)) (then (local.set $m (i32.const 256))))
        (call $draws (local.get $base) (i32.shr_u (i32.add (local.get $m) (i32.const 3)) (i32.const 2))
          (local.get $k0) (local.get $k1) (i32.const 0) (i32.const 0) (local.get $tableN) (i32.const 0))
        (local.set $q (i32.const 0))
        (local.set $end (i32.shl (local.get $m) (i32.const 2)))
        (loop $row
          (local.set $col (i32.load offset=1024 (local.get $q)))
          (local.set $e (i32.add (global.get $entries) (i32.shl (local.get $col) (i32.const 3))))
          (i32.store (local.get $out)
            (select (local.get $col) (i32.load offset=4 (local.get $e))
              (i32.lt_u (i32.load offset=2048 (local.get $q)) (i32.load (local.get $e)))))
          (local.set $out (i32.add (local.get $out) (i32.const 4)))
          (local.set $q (i32.add (local.get $q) (i32.const 4)))
          (br_if $row (i32.lt_u (local.get $q) (local.get $end))))
        (local.set $base (i32.add (local.get $base) (local.get $m)))
        (local.set $count (i32.sub (local.get $count) (local.get $m)))
        (br $block))))

  ;; Rows [from, stop) (stop < 2^31), own rows (index as f64 and i32, key rank, level)
  ;; written from index n: as PartitionScan.scan, returns where it stopped — stop, a row whose
  ;; (rank, level) entry is not known yet, or the first own row past cap —
  ;; and sets `count` and `reason`.
  (func (export "scan") (param $from i32) (param $stop i32) (param $n i32) (param $cap i32)
      (param $k0 i32) (param $k1 i32) (param $lk i32) (param $drawn i32) (param $levels i32)
      (param $tableN i32) (result i32)
    (local $base i32) (local $m i32) (local $j i32) (local $i i32) (local $q i32)
    (local $bits i32) (local $l i32) (local $col i32) (local $e i32) (local $rank i32) (local $own i32)
    (local $t f64) (local $u f64)
    ;; The clock in locals: V8 keeps them in registers, globals it reloads every row.
    (local $timed i32) (local $start f64) (local $step f64) (local $late f64) (local $lateOoo f64)
    (local $d f64) (local $mx f64)
    (local.set $timed (global.get $timed))
    (local.set $start (global.get $start))
    (local.set $step (global.get $step))
    (local.set $late (global.get $late))
    (local.set $lateOoo (global.get $lateOoo))
    (local.set $d (global.get $delay))
    (local.set $mx (global.get $maxTs))
    (local.set $base (local.get $from))
    (block $out
      (loop $block
        (br_if $out (i32.ge_u (local.get $base) (local.get $stop)))
        (local.set $m (i32.sub (local.get $stop) (local.get $base)))
        (if (i32.gt_u (local.get $m) (i32.const 256)) (then (local.set $m (i32.const 256))))
        (call $draws (local.get $base) (i32.shr_u (i32.add (local.get $m) (i32.const 3)) (i32.const 2))
          (local.get $k0) (local.get $k1) (local.get $lk) (local.get $drawn) (local.get $tableN)
          (local.get $timed))
        (local.set $j (i32.const 0))
        (loop $row
          (local.set $q (i32.shl (local.get $j) (i32.const 2)))
          (local.set $i (i32.add (local.get $base) (local.get $j)))
          ;; The level (partition-scan.ts levelOf): its cell, and the cut when the cell holds a step.
          (local.set $l (i32.const 0))
          (if (local.get $drawn)
            (then
              (local.set $bits (i32.load (local.get $q)))
              (local.set $l (i32.load16_u (i32.add (global.get $cells)
                (i32.shl (i32.shr_u (local.get $bits) (i32.const 20)) (i32.const 1)))))
              (if (i32.ge_u (local.get $l) (local.get $levels))
                (then
                  (local.set $l (i32.sub (local.get $l) (local.get $levels)))
                  (if (i32.ge_u (local.get $bits) (i32.load (i32.add (global.get $cut)
                        (i32.shl (i32.shr_u (local.get $bits) (i32.const 20)) (i32.const 2)))))
                    (then (local.set $l (i32.add (local.get $l) (i32.const 1)))))))))
          ;; The rank (zipf.ts pickRank): the column when the coin is below its threshold, else its alias.
          (local.set $col (i32.load offset=1024 (local.get $q)))
          (local.set $e (i32.add (global.get $entries) (i32.shl (local.get $col) (i32.const 3))))
          (local.set $rank
            (select (local.get $col) (i32.load offset=4 (local.get $e))
              (i32.lt_u (i32.load offset=2048 (local.get $q)) (i32.load (local.get $e)))))
          (local.set $own (i32.load8_u (i32.add (global.get $owns)
            (i32.add (i32.mul (local.get $rank) (local.get $levels)) (local.get $l)))))
          (if (i32.gt_u (local.get $own) (i32.const 1))
            (then
              (global.set $count (local.get $n))
              (global.set $reason (i32.const 1))
              (global.set $maxTs (local.get $mx))
              (return (local.get $i))))
          ;; Every row is written; an own row is kept by advancing n.
          (f64.store (i32.add (global.get $outI) (i32.shl (local.get $n) (i32.const 3)))
            (f64.convert_i32_u (local.get $i)))
          (i32.store (i32.add (global.get $outKey) (i32.shl (local.get $n) (i32.const 2))) (local.get $rank))
          (i32.store (i32.add (global.get $outLevel) (i32.shl (local.get $n) (i32.const 2))) (local.get $l))
          ;; The index as an int32 too: counter draws of the own rows read it (generator-def.ts RowBlock.low).
          (i32.store (i32.add (global.get $outLow) (i32.shl (local.get $n) (i32.const 2))) (local.get $i))
          ;; The event time (event-time.ts scan): base(i), moved back when out of order, behind
          ;; the watermark when late (never row 0); the watermark before the row is M − d.
          (if (local.get $timed)
            (then
              (local.set $t (f64.floor (f64.add (local.get $start)
                (f64.mul (f64.convert_i32_u (local.get $i)) (local.get $step)))))
              (local.set $u (f64.mul (f64.convert_i32_u (i32.load offset=3072 (local.get $q)))
                (f64.const 0x1p-32)))
              (if (f64.lt (local.get $u) (local.get $lateOoo))
                (then
                  (if (f64.ge (local.get $u) (local.get $late))
                    (then
                      (local.set $t (f64.sub (f64.sub (local.get $t) (f64.const 1))
                        (f64.floor (f64.mul (call $uniform (global.get $oooKey) (local.get $i))
                          (global.get $oooSpan))))))
                    (else
                      (if (local.get $i)
                        (then
                          (local.set $t (f64.sub (f64.sub (f64.sub (local.get $mx) (local.get $d)) (f64.const 1))
                            (f64.floor (f64.mul (call $uniform (global.get $lateKey) (local.get $i))
                              (global.get $lateSpan)))))))))))
              (f64.store (i32.add (global.get $outTs) (i32.shl (local.get $n) (i32.const 3))) (local.get $t))
              (f64.store (i32.add (global.get $outWm) (i32.shl (local.get $n) (i32.const 3)))
                (f64.sub (local.get $mx) (local.get $d)))))
          (local.set $n (i32.add (local.get $n) (local.get $own)))
          ;; Full: the row is given back, so M stays M before it.
          (if (i32.gt_u (local.get $n) (local.get $cap))
            (then
              (global.set $count (local.get $cap))
              (global.set $reason (i32.const 2))
              (global.set $maxTs (local.get $mx))
              (return (local.get $i))))
          ;; A late row lies behind M − d (d ≥ 0), so it never raises M.
          (if (local.get $timed)
            (then
              (local.set $mx (select (local.get $t) (local.get $mx) (f64.gt (local.get $t) (local.get $mx))))))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br_if $row (i32.lt_u (local.get $j) (local.get $m))))
        (local.set $base (i32.add (local.get $base) (local.get $m)))
        (br $block)))
    (global.set $count (local.get $n))
    (global.set $reason (i32.const 0))
    (global.set $maxTs (local.get $mx))
    (local.get $stop)))
