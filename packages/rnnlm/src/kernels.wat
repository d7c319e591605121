;; The hot inner loops of the RNN LM, in WebAssembly 128-bit SIMD (f64x2) with register blocking: several
;; rows share each load of the vector they meet, about 4× faster than scalar JavaScript. kernels.ts wraps
;; them (and holds the plain JavaScript twin used where SIMD is missing); scripts/assemble-wasm.mjs
;; assembles this file into kernels-wasm.generated.ts at build time.
;;
;; All pointers are byte offsets into the imported memory, which holds float64 values only (v128 accesses
;; are 8-byte aligned, hence align=8); counts (n, H, K) are in elements.
(module
  (import "env" "memory" (memory 1))

  ;; dot(a, b, n) = Σ_i a[i]·b[i]: four f64x2 accumulators, then pairs, then an odd last element.
  (func $dot (param $a i32) (param $b i32) (param $n i32) (result f64)
    (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128) (local $sum f64)
    (local.set $acc0 (v128.const i64x2 0 0))
    (local.set $acc1 (v128.const i64x2 0 0))
    (local.set $acc2 (v128.const i64x2 0 0))
    (local.set $acc3 (v128.const i64x2 0 0))
    (block $done
      (loop $eights
        (br_if $done (i32.lt_s (local.get $n) (i32.const 8)))
        (local.set $acc0 (f64x2.add (local.get $acc0)
          (f64x2.mul (v128.load align=8 (local.get $a)) (v128.load align=8 (local.get $b)))))
        (local.set $acc1 (f64x2.add (local.get $acc1)
          (f64x2.mul (v128.load offset=16 align=8 (local.get $a)) (v128.load offset=16 align=8 (local.get $b)))))
        (local.set $acc2 (f64x2.add (local.get $acc2)
          (f64x2.mul (v128.load offset=32 align=8 (local.get $a)) (v128.load offset=32 align=8 (local.get $b)))))
        (local.set $acc3 (f64x2.add (local.get $acc3)
          (f64x2.mul (v128.load offset=48 align=8 (local.get $a)) (v128.load offset=48 align=8 (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 64)))
        (local.set $b (i32.add (local.get $b) (i32.const 64)))
        (local.set $n (i32.sub (local.get $n) (i32.const 8)))
        (br $eights)))
    (block $done
      (loop $pairs
        (br_if $done (i32.lt_s (local.get $n) (i32.const 2)))
        (local.set $acc0 (f64x2.add (local.get $acc0)
          (f64x2.mul (v128.load align=8 (local.get $a)) (v128.load align=8 (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 2)))
        (br $pairs)))
    (local.set $acc0 (f64x2.add
      (f64x2.add (local.get $acc0) (local.get $acc1))
      (f64x2.add (local.get $acc2) (local.get $acc3))))
    (local.set $sum (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0))))
    (if (local.get $n)
      (then
        (local.set $sum (f64.add (local.get $sum)
          (f64.mul (f64.load (local.get $a)) (f64.load (local.get $b)))))))
    (local.get $sum))

  ;; dotRows4(M, r0, n, H, s, out): out[k] = M[r0 + k] · s for k < n (rows of H values). Four rows at a
  ;; time share every load of s (rnnlm blocks 8 rows); the last n mod 4 rows go through dot.
  (func $dotRows4 (export "dotRows4")
    (param $M i32) (param $r0 i32) (param $n i32) (param $H i32) (param $s i32) (param $out i32)
    (local $k i32) (local $row i32) (local $rowBytes i32) (local $p0 i32) (local $p1 i32) (local $p2 i32)
    (local $p3 i32) (local $sp i32) (local $cnt i32) (local $o i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $sv v128) (local $f f64)
    (local.set $rowBytes (i32.mul (local.get $H) (i32.const 8)))
    (local.set $row (i32.add (local.get $M) (i32.mul (local.get $r0) (local.get $rowBytes))))
    (local.set $k (i32.const 0))
    (local.set $o (local.get $out))
    (block $done
      (loop $blocks
        (br_if $done (i32.gt_s (i32.add (local.get $k) (i32.const 4)) (local.get $n)))
        (local.set $p0 (local.get $row))
        (local.set $p1 (i32.add (local.get $p0) (local.get $rowBytes)))
        (local.set $p2 (i32.add (local.get $p1) (local.get $rowBytes)))
        (local.set $p3 (i32.add (local.get $p2) (local.get $rowBytes)))
        (local.set $sp (local.get $s))
        (local.set $cnt (local.get $H))
        (local.set $a0 (v128.const i64x2 0 0))
        (local.set $a1 (v128.const i64x2 0 0))
        (local.set $a2 (v128.const i64x2 0 0))
        (local.set $a3 (v128.const i64x2 0 0))
        (block $fourDone
          (loop $fours
            (br_if $fourDone (i32.lt_s (local.get $cnt) (i32.const 4)))
            (local.set $sv (v128.load align=8 (local.get $sp)))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load align=8 (local.get $p0)) (local.get $sv))))
            (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (v128.load align=8 (local.get $p1)) (local.get $sv))))
            (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (v128.load align=8 (local.get $p2)) (local.get $sv))))
            (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (v128.load align=8 (local.get $p3)) (local.get $sv))))
            (local.set $sv (v128.load offset=16 align=8 (local.get $sp)))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load offset=16 align=8 (local.get $p0)) (local.get $sv))))
            (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (v128.load offset=16 align=8 (local.get $p1)) (local.get $sv))))
            (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (v128.load offset=16 align=8 (local.get $p2)) (local.get $sv))))
            (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (v128.load offset=16 align=8 (local.get $p3)) (local.get $sv))))
            (local.set $p0 (i32.add (local.get $p0) (i32.const 32)))
            (local.set $p1 (i32.add (local.get $p1) (i32.const 32)))
            (local.set $p2 (i32.add (local.get $p2) (i32.const 32)))
            (local.set $p3 (i32.add (local.get $p3) (i32.const 32)))
            (local.set $sp (i32.add (local.get $sp) (i32.const 32)))
            (local.set $cnt (i32.sub (local.get $cnt) (i32.const 4)))
            (br $fours)))
        (if (i32.ge_s (local.get $cnt) (i32.const 2))
          (then
            (local.set $sv (v128.load align=8 (local.get $sp)))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load align=8 (local.get $p0)) (local.get $sv))))
            (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (v128.load align=8 (local.get $p1)) (local.get $sv))))
            (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (v128.load align=8 (local.get $p2)) (local.get $sv))))
            (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (v128.load align=8 (local.get $p3)) (local.get $sv))))
            (local.set $p0 (i32.add (local.get $p0) (i32.const 16)))
            (local.set $p1 (i32.add (local.get $p1) (i32.const 16)))
            (local.set $p2 (i32.add (local.get $p2) (i32.const 16)))
            (local.set $p3 (i32.add (local.get $p3) (i32.const 16)))
            (local.set $sp (i32.add (local.get $sp) (i32.const 16)))
            (local.set $cnt (i32.sub (local.get $cnt) (i32.const 2)))))
        ;; Each row's two lanes, plus its odd last element.
        (local.set $f (f64.add (f64x2.extract_lane 0 (local.get $a0)) (f64x2.extract_lane 1 (local.get $a0))))
        (if (local.get $cnt)
          (then (local.set $f (f64.add (local.get $f) (f64.mul (f64.load (local.get $p0)) (f64.load (local.get $sp)))))))
        (f64.store (local.get $o) (local.get $f))
        (local.set $f (f64.add (f64x2.extract_lane 0 (local.get $a1)) (f64x2.extract_lane 1 (local.get $a1))))
        (if (local.get $cnt)
          (then (local.set $f (f64.add (local.get $f) (f64.mul (f64.load (local.get $p1)) (f64.load (local.get $sp)))))))
        (f64.store offset=8 (local.get $o) (local.get $f))
        (local.set $f (f64.add (f64x2.extract_lane 0 (local.get $a2)) (f64x2.extract_lane 1 (local.get $a2))))
        (if (local.get $cnt)
          (then (local.set $f (f64.add (local.get $f) (f64.mul (f64.load (local.get $p2)) (f64.load (local.get $sp)))))))
        (f64.store offset=16 (local.get $o) (local.get $f))
        (local.set $f (f64.add (f64x2.extract_lane 0 (local.get $a3)) (f64x2.extract_lane 1 (local.get $a3))))
        (if (local.get $cnt)
          (then (local.set $f (f64.add (local.get $f) (f64.mul (f64.load (local.get $p3)) (f64.load (local.get $sp)))))))
        (f64.store offset=24 (local.get $o) (local.get $f))
        (local.set $o (i32.add (local.get $o) (i32.const 32)))
        (local.set $row (i32.add (local.get $row) (i32.mul (local.get $rowBytes) (i32.const 4))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $blocks)))
    (block $done
      (loop $rest
        (br_if $done (i32.ge_s (local.get $k) (local.get $n)))
        (f64.store (local.get $o) (call $dot (local.get $row) (local.get $s) (local.get $H)))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (local.set $row (i32.add (local.get $row) (local.get $rowBytes)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $rest))))

  ;; outBack(M, r0, n, H, g, s, e, alpha, keep): for k < n, with gₖ = g[k] and row = M[r0 + k]:
  ;; e += gₖ·row, then row ← keep·row + alpha·gₖ·s (the output layer's error and weight update).
  (func $outBack (export "outBack")
    (param $M i32) (param $r0 i32) (param $n i32) (param $H i32) (param $g i32) (param $s i32) (param $e i32)
    (param $alpha f64) (param $keep f64)
    (local $k i32) (local $row i32) (local $j i32) (local $sp i32) (local $ep i32) (local $rp i32)
    (local $gk v128) (local $agk v128) (local $kp v128) (local $w v128)
    (local $gks f64) (local $agks f64) (local $ws f64)
    (local.set $kp (f64x2.splat (local.get $keep)))
    (local.set $row (i32.add (local.get $M) (i32.mul (i32.mul (local.get $r0) (local.get $H)) (i32.const 8))))
    (local.set $k (i32.const 0))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (local.get $k) (local.get $n)))
        (local.set $gks (f64.load (i32.add (local.get $g) (i32.mul (local.get $k) (i32.const 8)))))
        (local.set $agks (f64.mul (local.get $alpha) (local.get $gks)))
        (local.set $gk (f64x2.splat (local.get $gks)))
        (local.set $agk (f64x2.splat (local.get $agks)))
        (local.set $rp (local.get $row))
        (local.set $sp (local.get $s))
        (local.set $ep (local.get $e))
        (local.set $j (local.get $H))
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.lt_s (local.get $j) (i32.const 2)))
            (local.set $w (v128.load align=8 (local.get $rp)))
            (v128.store align=8 (local.get $ep)
              (f64x2.add (v128.load align=8 (local.get $ep)) (f64x2.mul (local.get $gk) (local.get $w))))
            (v128.store align=8 (local.get $rp)
              (f64x2.add (f64x2.mul (local.get $kp) (local.get $w)) (f64x2.mul (local.get $agk) (v128.load align=8 (local.get $sp)))))
            (local.set $rp (i32.add (local.get $rp) (i32.const 16)))
            (local.set $sp (i32.add (local.get $sp) (i32.const 16)))
            (local.set $ep (i32.add (local.get $ep) (i32.const 16)))
            (local.set $j (i32.sub (local.get $j) (i32.const 2)))
            (br $pairs)))
        (if (local.get $j)
          (then
            (local.set $ws (f64.load (local.get $rp)))
            (f64.store (local.get $ep) (f64.add (f64.load (local.get $ep)) (f64.mul (local.get $gks) (local.get $ws))))
            (f64.store (local.get $rp)
              (f64.add (f64.mul (local.get $keep) (local.get $ws)) (f64.mul (local.get $agks) (f64.load (local.get $sp)))))))
        (local.set $row (i32.add (local.get $row) (i32.mul (local.get $H) (i32.const 8))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $rows))))

  ;; outBack2: outBack for an even n, two rows at a time sharing the loads of e and s.
  (func $outBack2 (export "outBack2")
    (param $M i32) (param $r0 i32) (param $n i32) (param $H i32) (param $g i32) (param $s i32) (param $e i32)
    (param $alpha f64) (param $keep f64)
    (local $k i32) (local $row i32) (local $rowBytes i32) (local $p0 i32) (local $p1 i32) (local $sp i32)
    (local $ep i32) (local $cnt i32)
    (local $g0v v128) (local $g1v v128) (local $ag0v v128) (local $ag1v v128) (local $kv v128)
    (local $w0 v128) (local $w1 v128) (local $sv v128)
    (local $g0 f64) (local $g1 f64) (local $w0s f64) (local $w1s f64)
    (local.set $kv (f64x2.splat (local.get $keep)))
    (local.set $rowBytes (i32.mul (local.get $H) (i32.const 8)))
    (local.set $row (i32.add (local.get $M) (i32.mul (local.get $r0) (local.get $rowBytes))))
    (local.set $k (i32.const 0))
    (block $done
      (loop $rowPairs
        (br_if $done (i32.gt_s (i32.add (local.get $k) (i32.const 2)) (local.get $n)))
        (local.set $g0 (f64.load (i32.add (local.get $g) (i32.mul (local.get $k) (i32.const 8)))))
        (local.set $g1 (f64.load offset=8 (i32.add (local.get $g) (i32.mul (local.get $k) (i32.const 8)))))
        (local.set $g0v (f64x2.splat (local.get $g0)))
        (local.set $g1v (f64x2.splat (local.get $g1)))
        (local.set $ag0v (f64x2.splat (f64.mul (local.get $alpha) (local.get $g0))))
        (local.set $ag1v (f64x2.splat (f64.mul (local.get $alpha) (local.get $g1))))
        (local.set $p0 (local.get $row))
        (local.set $p1 (i32.add (local.get $row) (local.get $rowBytes)))
        (local.set $sp (local.get $s))
        (local.set $ep (local.get $e))
        (local.set $cnt (local.get $H))
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.lt_s (local.get $cnt) (i32.const 2)))
            (local.set $w0 (v128.load align=8 (local.get $p0)))
            (local.set $w1 (v128.load align=8 (local.get $p1)))
            (local.set $sv (v128.load align=8 (local.get $sp)))
            (v128.store align=8 (local.get $ep)
              (f64x2.add (v128.load align=8 (local.get $ep))
                (f64x2.add (f64x2.mul (local.get $g0v) (local.get $w0)) (f64x2.mul (local.get $g1v) (local.get $w1)))))
            (v128.store align=8 (local.get $p0)
              (f64x2.add (f64x2.mul (local.get $kv) (local.get $w0)) (f64x2.mul (local.get $ag0v) (local.get $sv))))
            (v128.store align=8 (local.get $p1)
              (f64x2.add (f64x2.mul (local.get $kv) (local.get $w1)) (f64x2.mul (local.get $ag1v) (local.get $sv))))
            (local.set $p0 (i32.add (local.get $p0) (i32.const 16)))
            (local.set $p1 (i32.add (local.get $p1) (i32.const 16)))
            (local.set $sp (i32.add (local.get $sp) (i32.const 16)))
            (local.set $ep (i32.add (local.get $ep) (i32.const 16)))
            (local.set $cnt (i32.sub (local.get $cnt) (i32.const 2)))
            (br $pairs)))
        (if (local.get $cnt)
          (then
            (local.set $w0s (f64.load (local.get $p0)))
            (local.set $w1s (f64.load (local.get $p1)))
            (f64.store (local.get $ep)
              (f64.add (f64.load (local.get $ep))
                (f64.add (f64.mul (local.get $g0) (local.get $w0s)) (f64.mul (local.get $g1) (local.get $w1s)))))
            (f64.store (local.get $p0)
              (f64.add (f64.mul (local.get $keep) (local.get $w0s))
                (f64.mul (f64.mul (local.get $alpha) (local.get $g0)) (f64.load (local.get $sp)))))
            (f64.store (local.get $p1)
              (f64.add (f64.mul (local.get $keep) (local.get $w1s))
                (f64.mul (f64.mul (local.get $alpha) (local.get $g1)) (f64.load (local.get $sp)))))))
        (local.set $row (i32.add (local.get $row) (i32.mul (local.get $rowBytes) (i32.const 2))))
        (local.set $k (i32.add (local.get $k) (i32.const 2)))
        (br $rowPairs))))

  ;; recProp(W, H, d, ep): ep += Σ_j d[j]·W[j] over the rows of the H×H matrix W (the error reaching
  ;; s(t−1)). Rows go in pairs sharing ep's loads and stores, then an odd last row.
  (func $recProp (export "recProp") (param $W i32) (param $H i32) (param $d i32) (param $ep i32)
    (local $j i32) (local $w0 i32) (local $w1 i32) (local $y i32) (local $cnt i32) (local $rowBytes i32)
    (local $d0v v128) (local $d1v v128) (local $d0 f64) (local $d1 f64)
    (local.set $rowBytes (i32.mul (local.get $H) (i32.const 8)))
    (local.set $j (i32.const 0))
    (local.set $w0 (local.get $W))
    (block $done
      (loop $rowPairs
        (br_if $done (i32.gt_s (i32.add (local.get $j) (i32.const 2)) (local.get $H)))
        (local.set $d0 (f64.load (i32.add (local.get $d) (i32.mul (local.get $j) (i32.const 8)))))
        (local.set $d1 (f64.load offset=8 (i32.add (local.get $d) (i32.mul (local.get $j) (i32.const 8)))))
        (local.set $d0v (f64x2.splat (local.get $d0)))
        (local.set $d1v (f64x2.splat (local.get $d1)))
        (local.set $w1 (i32.add (local.get $w0) (local.get $rowBytes)))
        (local.set $y (local.get $ep))
        (local.set $cnt (local.get $H))
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.lt_s (local.get $cnt) (i32.const 2)))
            (v128.store align=8 (local.get $y)
              (f64x2.add (v128.load align=8 (local.get $y))
                (f64x2.add
                  (f64x2.mul (local.get $d0v) (v128.load align=8 (local.get $w0)))
                  (f64x2.mul (local.get $d1v) (v128.load align=8 (local.get $w1))))))
            (local.set $w0 (i32.add (local.get $w0) (i32.const 16)))
            (local.set $w1 (i32.add (local.get $w1) (i32.const 16)))
            (local.set $y (i32.add (local.get $y) (i32.const 16)))
            (local.set $cnt (i32.sub (local.get $cnt) (i32.const 2)))
            (br $pairs)))
        (if (local.get $cnt)
          (then
            (f64.store (local.get $y)
              (f64.add (f64.load (local.get $y))
                (f64.add
                  (f64.mul (local.get $d0) (f64.load (local.get $w0)))
                  (f64.mul (local.get $d1) (f64.load (local.get $w1))))))
            (local.set $w1 (i32.add (local.get $w1) (i32.const 8)))))
        ;; w1 now points at the row after the pair.
        (local.set $w0 (local.get $w1))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $rowPairs)))
    ;; An odd last row.
    (if (i32.lt_s (local.get $j) (local.get $H))
      (then
        (local.set $d0 (f64.load (i32.add (local.get $d) (i32.mul (local.get $j) (i32.const 8)))))
        (local.set $d0v (f64x2.splat (local.get $d0)))
        (local.set $y (local.get $ep))
        (local.set $cnt (local.get $H))
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.lt_s (local.get $cnt) (i32.const 2)))
            (v128.store align=8 (local.get $y)
              (f64x2.add (v128.load align=8 (local.get $y)) (f64x2.mul (local.get $d0v) (v128.load align=8 (local.get $w0)))))
            (local.set $w0 (i32.add (local.get $w0) (i32.const 16)))
            (local.set $y (i32.add (local.get $y) (i32.const 16)))
            (local.set $cnt (i32.sub (local.get $cnt) (i32.const 2)))
            (br $pairs)))
        (if (local.get $cnt)
          (then
            (f64.store (local.get $y)
              (f64.add (f64.load (local.get $y)) (f64.mul (local.get $d0) (f64.load (local.get $w0))))))))))

  ;; recGrad(W, D, SP, H, K, keep, alpha): W[j][i] ← keep·W[j][i] + alpha·Σ_{s<K} D[s][j]·SP[s][i], the
  ;; recurrent update of a whole BPTT block in one pass over W (D, SP: K×H, step-major). Columns go in
  ;; chunks of 8 with 4 register accumulators, then pairs, then an odd last column; $i is a byte offset.
  (func $recGrad (export "recGrad")
    (param $W i32) (param $D i32) (param $SP i32) (param $H i32) (param $K i32) (param $keep f64) (param $alpha f64)
    (local $j i32) (local $wrow i32) (local $i i32) (local $s i32) (local $dp i32) (local $spp i32) (local $rowBytes i32)
    (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128) (local $dv v128) (local $kv v128)
    (local $av v128) (local $accS f64)
    (local.set $rowBytes (i32.mul (local.get $H) (i32.const 8)))
    (local.set $kv (f64x2.splat (local.get $keep)))
    (local.set $av (f64x2.splat (local.get $alpha)))
    (local.set $j (i32.const 0))
    (local.set $wrow (local.get $W))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (local.get $j) (local.get $H)))
        (local.set $i (i32.const 0))
        (block $eightsDone
          (loop $eights
            (br_if $eightsDone (i32.gt_s (i32.add (local.get $i) (i32.const 64)) (local.get $rowBytes)))
            (local.set $acc0 (v128.const i64x2 0 0))
            (local.set $acc1 (v128.const i64x2 0 0))
            (local.set $acc2 (v128.const i64x2 0 0))
            (local.set $acc3 (v128.const i64x2 0 0))
            ;; Σ over the K steps: dp walks D's column j, spp SP's columns i … i + 7.
            (local.set $s (i32.const 0))
            (local.set $dp (i32.add (local.get $D) (i32.mul (local.get $j) (i32.const 8))))
            (local.set $spp (i32.add (local.get $SP) (local.get $i)))
            (block $stepsDone
              (loop $steps
                (br_if $stepsDone (i32.ge_s (local.get $s) (local.get $K)))
                (local.set $dv (f64x2.splat (f64.load (local.get $dp))))
                (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $dv) (v128.load align=8 (local.get $spp)))))
                (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $dv) (v128.load offset=16 align=8 (local.get $spp)))))
                (local.set $acc2 (f64x2.add (local.get $acc2) (f64x2.mul (local.get $dv) (v128.load offset=32 align=8 (local.get $spp)))))
                (local.set $acc3 (f64x2.add (local.get $acc3) (f64x2.mul (local.get $dv) (v128.load offset=48 align=8 (local.get $spp)))))
                (local.set $dp (i32.add (local.get $dp) (local.get $rowBytes)))
                (local.set $spp (i32.add (local.get $spp) (local.get $rowBytes)))
                (local.set $s (i32.add (local.get $s) (i32.const 1)))
                (br $steps)))
            (v128.store align=8 (i32.add (local.get $wrow) (local.get $i))
              (f64x2.add
                (f64x2.mul (local.get $kv) (v128.load align=8 (i32.add (local.get $wrow) (local.get $i))))
                (f64x2.mul (local.get $av) (local.get $acc0))))
            (v128.store offset=16 align=8 (i32.add (local.get $wrow) (local.get $i))
              (f64x2.add
                (f64x2.mul (local.get $kv) (v128.load offset=16 align=8 (i32.add (local.get $wrow) (local.get $i))))
                (f64x2.mul (local.get $av) (local.get $acc1))))
            (v128.store offset=32 align=8 (i32.add (local.get $wrow) (local.get $i))
              (f64x2.add
                (f64x2.mul (local.get $kv) (v128.load offset=32 align=8 (i32.add (local.get $wrow) (local.get $i))))
                (f64x2.mul (local.get $av) (local.get $acc2))))
            (v128.store offset=48 align=8 (i32.add (local.get $wrow) (local.get $i))
              (f64x2.add
                (f64x2.mul (local.get $kv) (v128.load offset=48 align=8 (i32.add (local.get $wrow) (local.get $i))))
                (f64x2.mul (local.get $av) (local.get $acc3))))
            (local.set $i (i32.add (local.get $i) (i32.const 64)))
            (br $eights)))
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.gt_s (i32.add (local.get $i) (i32.const 16)) (local.get $rowBytes)))
            (local.set $acc0 (v128.const i64x2 0 0))
            (local.set $s (i32.const 0))
            (local.set $dp (i32.add (local.get $D) (i32.mul (local.get $j) (i32.const 8))))
            (local.set $spp (i32.add (local.get $SP) (local.get $i)))
            (block $stepsDone
              (loop $steps
                (br_if $stepsDone (i32.ge_s (local.get $s) (local.get $K)))
                (local.set $acc0 (f64x2.add (local.get $acc0)
                  (f64x2.mul (f64x2.splat (f64.load (local.get $dp))) (v128.load align=8 (local.get $spp)))))
                (local.set $dp (i32.add (local.get $dp) (local.get $rowBytes)))
                (local.set $spp (i32.add (local.get $spp) (local.get $rowBytes)))
                (local.set $s (i32.add (local.get $s) (i32.const 1)))
                (br $steps)))
            (v128.store align=8 (i32.add (local.get $wrow) (local.get $i))
              (f64x2.add
                (f64x2.mul (local.get $kv) (v128.load align=8 (i32.add (local.get $wrow) (local.get $i))))
                (f64x2.mul (local.get $av) (local.get $acc0))))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $pairs)))
        (if (i32.lt_s (local.get $i) (local.get $rowBytes))
          (then
            (local.set $accS (f64.const 0))
            (local.set $s (i32.const 0))
            (local.set $dp (i32.add (local.get $D) (i32.mul (local.get $j) (i32.const 8))))
            (local.set $spp (i32.add (local.get $SP) (local.get $i)))
            (block $stepsDone
              (loop $steps
                (br_if $stepsDone (i32.ge_s (local.get $s) (local.get $K)))
                (local.set $accS (f64.add (local.get $accS) (f64.mul (f64.load (local.get $dp)) (f64.load (local.get $spp)))))
                (local.set $dp (i32.add (local.get $dp) (local.get $rowBytes)))
                (local.set $spp (i32.add (local.get $spp) (local.get $rowBytes)))
                (local.set $s (i32.add (local.get $s) (i32.const 1)))
                (br $steps)))
            (f64.store (i32.add (local.get $wrow) (local.get $i))
              (f64.add
                (f64.mul (local.get $keep) (f64.load (i32.add (local.get $wrow) (local.get $i))))
                (f64.mul (local.get $alpha) (local.get $accS))))))
        (local.set $wrow (i32.add (local.get $wrow) (local.get $rowBytes)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $rows))))

  ;; The vectorised exp, written out in sigmoid and twice in softmax (WebAssembly has no macros, and a call
  ;; per pair would cost more than the arithmetic). From the value in $X it leaves exp($X) on the stack:
  ;;   X ← clamp(X, −708, 709);  K ← round(X·log₂e);  R ← X − K·ln2 (Cody–Waite: ln2 = LN2_HI + LN2_LO,
  ;;   fdlibm's split, K·LN2_HI exact for |K| < 2^20);  exp(R) by its degree-12 Taylor polynomial in Horner
  ;;   form (|R| ≤ 0.347: truncation < 2e-16 relative);  times 2^K, built from the bits ((K + 1023) << 52)
  ;;   (K + 2^52 + 2^51 puts the integer K in the low mantissa bits).

  ;; sigmoid(a, u, s, H): s = 1 / (1 + exp(−clamp(a + u, ±50))) (rnnlm's clamp), in pairs; an odd H
  ;; computes one padding lane past the end.
  (func $sigmoid (export "sigmoid") (param $a i32) (param $u i32) (param $s i32) (param $H i32)
    (local $cnt i32) (local $X v128) (local $K v128) (local $R v128)
    (local.set $cnt (local.get $H))
    (block $done
      (loop $pairs
        (br_if $done (i32.le_s (local.get $cnt) (i32.const 0)))
        (local.set $X (f64x2.neg (f64x2.min
          (f64x2.max
            (f64x2.add (v128.load align=8 (local.get $a)) (v128.load align=8 (local.get $u)))
            (v128.const f64x2 -50 -50))
          (v128.const f64x2 50 50))))
        local.get $s
        v128.const f64x2 1 1
        ;; exp(X)
        (local.set $X (f64x2.min (f64x2.max (local.get $X) (v128.const f64x2 -708 -708)) (v128.const f64x2 709 709)))
        (local.set $K (f64x2.nearest (f64x2.mul (local.get $X) (v128.const f64x2 1.4426950408889634 1.4426950408889634))))
        (local.set $R (f64x2.sub
          (f64x2.sub (local.get $X) (f64x2.mul (local.get $K) (v128.const f64x2 0.6931471803691238 0.6931471803691238)))
          (f64x2.mul (local.get $K) (v128.const f64x2 1.9082149292705877e-10 1.9082149292705877e-10))))
        v128.const f64x2 2.08767569878681e-9 2.08767569878681e-9  ;; 1/12!
        local.get $R f64x2.mul v128.const f64x2 2.505210838544172e-8 2.505210838544172e-8 f64x2.add  ;; 1/11!
        local.get $R f64x2.mul v128.const f64x2 2.755731922398589e-7 2.755731922398589e-7 f64x2.add  ;; 1/10!
        local.get $R f64x2.mul v128.const f64x2 0.0000027557319223985893 0.0000027557319223985893 f64x2.add  ;; 1/9!
        local.get $R f64x2.mul v128.const f64x2 0.0000248015873015873 0.0000248015873015873 f64x2.add  ;; 1/8!
        local.get $R f64x2.mul v128.const f64x2 0.0001984126984126984 0.0001984126984126984 f64x2.add  ;; 1/7!
        local.get $R f64x2.mul v128.const f64x2 0.001388888888888889 0.001388888888888889 f64x2.add  ;; 1/6!
        local.get $R f64x2.mul v128.const f64x2 0.008333333333333333 0.008333333333333333 f64x2.add  ;; 1/5!
        local.get $R f64x2.mul v128.const f64x2 0.041666666666666664 0.041666666666666664 f64x2.add  ;; 1/4!
        local.get $R f64x2.mul v128.const f64x2 0.16666666666666666 0.16666666666666666 f64x2.add  ;; 1/3!
        local.get $R f64x2.mul v128.const f64x2 0.5 0.5 f64x2.add  ;; 1/2!
        local.get $R f64x2.mul v128.const f64x2 1 1 f64x2.add  ;; 1/1!
        local.get $R f64x2.mul v128.const f64x2 1 1 f64x2.add  ;; 1/0!
        (i64x2.shl
          (i64x2.add (f64x2.add (local.get $K) (v128.const f64x2 6755399441055744 6755399441055744)) (v128.const i64x2 1023 1023))
          (i32.const 52))
        f64x2.mul
        ;; 1 / (exp(X) + 1)
        v128.const f64x2 1 1
        f64x2.add
        f64x2.div
        v128.store align=8
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $u (i32.add (local.get $u) (i32.const 16)))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (local.set $cnt (i32.sub (local.get $cnt) (i32.const 2)))
        (br $pairs))))

  ;; softmax(out, n): out ← exp(out − max) / Σ, in place; an odd n leaves the padding lane alone.
  (func $softmax (export "softmax") (param $out i32) (param $n i32)
    (local $p i32) (local $cnt i32)
    (local $X v128) (local $K v128) (local $R v128) (local $M v128) (local $S v128) (local $m f64) (local $sum f64)
    (local.set $m (f64.const -inf))
    (local.set $p (local.get $out))
    (local.set $cnt (local.get $n))
    (block $done
      (loop $max
        (br_if $done (i32.le_s (local.get $cnt) (i32.const 0)))
        (local.set $m (f64.max (local.get $m) (f64.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (local.set $cnt (i32.sub (local.get $cnt) (i32.const 1)))
        (br $max)))
    (local.set $M (f64x2.splat (local.get $m)))
    (local.set $S (v128.const i64x2 0 0))
    (local.set $p (local.get $out))
    (local.set $cnt (local.get $n))
    (block $done
      (loop $pairs
        (br_if $done (i32.lt_s (local.get $cnt) (i32.const 2)))
        (local.set $X (f64x2.sub (v128.load align=8 (local.get $p)) (local.get $M)))
        local.get $p
        ;; exp(X)
        (local.set $X (f64x2.min (f64x2.max (local.get $X) (v128.const f64x2 -708 -708)) (v128.const f64x2 709 709)))
        (local.set $K (f64x2.nearest (f64x2.mul (local.get $X) (v128.const f64x2 1.4426950408889634 1.4426950408889634))))
        (local.set $R (f64x2.sub
          (f64x2.sub (local.get $X) (f64x2.mul (local.get $K) (v128.const f64x2 0.6931471803691238 0.6931471803691238)))
          (f64x2.mul (local.get $K) (v128.const f64x2 1.9082149292705877e-10 1.9082149292705877e-10))))
        v128.const f64x2 2.08767569878681e-9 2.08767569878681e-9  ;; 1/12!
        local.get $R f64x2.mul v128.const f64x2 2.505210838544172e-8 2.505210838544172e-8 f64x2.add  ;; 1/11!
        local.get $R f64x2.mul v128.const f64x2 2.755731922398589e-7 2.755731922398589e-7 f64x2.add  ;; 1/10!
        local.get $R f64x2.mul v128.const f64x2 0.0000027557319223985893 0.0000027557319223985893 f64x2.add  ;; 1/9!
        local.get $R f64x2.mul v128.const f64x2 0.0000248015873015873 0.0000248015873015873 f64x2.add  ;; 1/8!
        local.get $R f64x2.mul v128.const f64x2 0.0001984126984126984 0.0001984126984126984 f64x2.add  ;; 1/7!
        local.get $R f64x2.mul v128.const f64x2 0.001388888888888889 0.001388888888888889 f64x2.add  ;; 1/6!
        local.get $R f64x2.mul v128.const f64x2 0.008333333333333333 0.008333333333333333 f64x2.add  ;; 1/5!
        local.get $R f64x2.mul v128.const f64x2 0.041666666666666664 0.041666666666666664 f64x2.add  ;; 1/4!
        local.get $R f64x2.mul v128.const f64x2 0.16666666666666666 0.16666666666666666 f64x2.add  ;; 1/3!
        local.get $R f64x2.mul v128.const f64x2 0.5 0.5 f64x2.add  ;; 1/2!
        local.get $R f64x2.mul v128.const f64x2 1 1 f64x2.add  ;; 1/1!
        local.get $R f64x2.mul v128.const f64x2 1 1 f64x2.add  ;; 1/0!
        (i64x2.shl
          (i64x2.add (f64x2.add (local.get $K) (v128.const f64x2 6755399441055744 6755399441055744)) (v128.const i64x2 1023 1023))
          (i32.const 52))
        f64x2.mul
        local.set $X
        (v128.store align=8 (local.get $X))
        (local.set $S (f64x2.add (local.get $S) (local.get $X)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $cnt (i32.sub (local.get $cnt) (i32.const 2)))
        (br $pairs)))
    (local.set $sum (f64.add (f64x2.extract_lane 0 (local.get $S)) (f64x2.extract_lane 1 (local.get $S))))
    (if (local.get $cnt)
      (then
        (local.set $X (f64x2.sub (f64x2.splat (f64.load (local.get $p))) (local.get $M)))
        local.get $p
        ;; exp(X)
        (local.set $X (f64x2.min (f64x2.max (local.get $X) (v128.const f64x2 -708 -708)) (v128.const f64x2 709 709)))
        (local.set $K (f64x2.nearest (f64x2.mul (local.get $X) (v128.const f64x2 1.4426950408889634 1.4426950408889634))))
        (local.set $R (f64x2.sub
          (f64x2.sub (local.get $X) (f64x2.mul (local.get $K) (v128.const f64x2 0.6931471803691238 0.6931471803691238)))
          (f64x2.mul (local.get $K) (v128.const f64x2 1.9082149292705877e-10 1.9082149292705877e-10))))
        v128.const f64x2 2.08767569878681e-9 2.08767569878681e-9  ;; 1/12!
        local.get $R f64x2.mul v128.const f64x2 2.505210838544172e-8 2.505210838544172e-8 f64x2.add  ;; 1/11!
        local.get $R f64x2.mul v128.const f64x2 2.755731922398589e-7 2.755731922398589e-7 f64x2.add  ;; 1/10!
        local.get $R f64x2.mul v128.const f64x2 0.0000027557319223985893 0.0000027557319223985893 f64x2.add  ;; 1/9!
        local.get $R f64x2.mul v128.const f64x2 0.0000248015873015873 0.0000248015873015873 f64x2.add  ;; 1/8!
        local.get $R f64x2.mul v128.const f64x2 0.0001984126984126984 0.0001984126984126984 f64x2.add  ;; 1/7!
        local.get $R f64x2.mul v128.const f64x2 0.001388888888888889 0.001388888888888889 f64x2.add  ;; 1/6!
        local.get $R f64x2.mul v128.const f64x2 0.008333333333333333 0.008333333333333333 f64x2.add  ;; 1/5!
        local.get $R f64x2.mul v128.const f64x2 0.041666666666666664 0.041666666666666664 f64x2.add  ;; 1/4!
        local.get $R f64x2.mul v128.const f64x2 0.16666666666666666 0.16666666666666666 f64x2.add  ;; 1/3!
        local.get $R f64x2.mul v128.const f64x2 0.5 0.5 f64x2.add  ;; 1/2!
        local.get $R f64x2.mul v128.const f64x2 1 1 f64x2.add  ;; 1/1!
        local.get $R f64x2.mul v128.const f64x2 1 1 f64x2.add  ;; 1/0!
        (i64x2.shl
          (i64x2.add (f64x2.add (local.get $K) (v128.const f64x2 6755399441055744 6755399441055744)) (v128.const i64x2 1023 1023))
          (i32.const 52))
        f64x2.mul
        f64x2.extract_lane 0
        local.set $m
        (f64.store (local.get $m))
        (local.set $sum (f64.add (local.get $sum) (local.get $m)))))
    (local.set $M (f64x2.splat (f64.div (f64.const 1) (local.get $sum))))
    (local.set $p (local.get $out))
    (local.set $cnt (local.get $n))
    (block $done
      (loop $scale
        (br_if $done (i32.lt_s (local.get $cnt) (i32.const 2)))
        (v128.store align=8 (local.get $p) (f64x2.mul (v128.load align=8 (local.get $p)) (local.get $M)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $cnt (i32.sub (local.get $cnt) (i32.const 2)))
        (br $scale)))
    (if (local.get $cnt)
      (then
        (f64.store (local.get $p) (f64.mul (f64.load (local.get $p)) (f64x2.extract_lane 0 (local.get $M))))))))
