;; dlkit's own SIMD kernels for the wasm engine. They run in the memory of tfjs-backend-wasm's Emscripten
;; module (imported), so they read and write tensors where they lie: no copies in or out.
;;
;; This file is the relaxed-SIMD source. scripts/assemble-wasm.mjs assembles it twice: as written, and with
;; every (f32x4.relaxed_madd a b c) rewritten to (f32x4.add (f32x4.mul a b) c) for engines without relaxed
;; SIMD (Node 20, older browsers). V8 ≥ 11.4 lowers relaxed_madd to one vfmadd on x86 with FMA3: twice the
;; multiply-adds per cycle of a separate mul and add, which is the whole point of having our own GEMM.
;;
;; All pointers and strides are in bytes.
(module
  (import "env" "memory" (memory 1))
  ;; Math.exp, for the rare tanh arguments past the rational approximation's range.
  (import "env" "exp" (func $exp (param f64) (result f64)))

  ;; Block sizes: MR × NR = 6 × 8 register tile (12 accumulators; a 4 × 8 tile for the last rows when fewer than
  ;; 6 are left), KC-deep panels chosen by the caller (the A block stays in L1 across the row's tiles, the
  ;; packed B chunk in L2 across every row block).

  ;; gemm(m, n, k, a, ars, acs, b, brs, bcs, c, ldc, accumulate, pack, KC)
  ;;   C[i, j] = (accumulate ? C[i, j] : 0) + Σ_p A(i, p) · B(p, j)
  ;;   A(i, p) at a + i·ars + p·acs,  B(p, j) at b + p·brs + j·bcs,  C(i, j) at c + i·ldc + 4·j.
  ;; Any strides, so transposed operands need no transpose: packing reads them in whatever order they lie.
  ;; `pack` is scratch space of KC·(⌈n/8⌉·8 + 6) + 48 floats, 16-byte aligned.
  (func $gemm (export "gemm")
    (param $m i32) (param $n i32) (param $k i32)
    (param $a i32) (param $ars i32) (param $acs i32)
    (param $b i32) (param $brs i32) (param $bcs i32)
    (param $c i32) (param $ldc i32) (param $accumulate i32) (param $pack i32) (param $KC i32)
    (local $p0 i32) (local $kc i32) (local $i0 i32) (local $j0 i32) (local $first i32)
    (local $npad i32) (local $packA i32) (local $tile i32) (local $rows i32) (local $cols i32) (local $six i32)
    (local.set $npad (i32.and (i32.add (local.get $n) (i32.const 7)) (i32.const -8)))
    (local.set $packA (i32.add (local.get $pack) (i32.shl (i32.mul (local.get $KC) (local.get $npad)) (i32.const 2))))
    (local.set $tile (i32.add (local.get $packA) (i32.mul (local.get $KC) (i32.const 24))))
    (if (i32.eqz (local.get $k))
      (then
        (if (i32.eqz (local.get $accumulate))
          (then (call $zeroRows (local.get $c) (local.get $m) (local.get $n) (local.get $ldc))))
        (return)))
    (block $chunksDone
      (loop $chunks
        (br_if $chunksDone (i32.ge_u (local.get $p0) (local.get $k)))
        (local.set $kc (select (local.get $KC) (i32.sub (local.get $k) (local.get $p0))
          (i32.gt_u (i32.sub (local.get $k) (local.get $p0)) (local.get $KC))))
        (local.set $first (i32.and (i32.eqz (local.get $accumulate)) (i32.eqz (local.get $p0))))
        (call $packB
          (i32.add (local.get $b) (i32.mul (local.get $p0) (local.get $brs)))
          (local.get $brs) (local.get $bcs) (local.get $kc) (local.get $n) (local.get $pack))
        (local.set $i0 (i32.const 0))
        (block $rowsDone
          (loop $rowBlocks
            (br_if $rowsDone (i32.ge_u (local.get $i0) (local.get $m)))
            (local.set $six (i32.ge_u (i32.sub (local.get $m) (local.get $i0)) (i32.const 6)))
            (local.set $rows (select (i32.const 4) (i32.sub (local.get $m) (local.get $i0))
              (i32.gt_u (i32.sub (local.get $m) (local.get $i0)) (i32.const 4))))
            (if (local.get $six)
              (then
                (local.set $rows (i32.const 6))
                (call $packA6
                  (i32.add
                    (i32.add (local.get $a) (i32.mul (local.get $i0) (local.get $ars)))
                    (i32.mul (local.get $p0) (local.get $acs)))
                  (local.get $ars) (local.get $acs) (local.get $kc) (local.get $packA)))
              (else
                (call $packA
                  (i32.add
                    (i32.add (local.get $a) (i32.mul (local.get $i0) (local.get $ars)))
                    (i32.mul (local.get $p0) (local.get $acs)))
                  (local.get $ars) (local.get $acs) (local.get $kc) (local.get $rows) (local.get $packA))))
            (local.set $j0 (i32.const 0))
            (block $colsDone
              (loop $colPanels
                (br_if $colsDone (i32.ge_u (local.get $j0) (local.get $n)))
                (local.set $cols (select (i32.const 8) (i32.sub (local.get $n) (local.get $j0))
                  (i32.gt_u (i32.sub (local.get $n) (local.get $j0)) (i32.const 8))))
                (if (local.get $six)
                  (then
                    (call $tile6x8
                      (local.get $packA)
                      (i32.add (local.get $pack) (i32.shl (i32.mul (local.get $j0) (local.get $kc)) (i32.const 2)))
                      (local.get $kc)
                      (i32.add
                        (i32.add (local.get $c) (i32.mul (local.get $i0) (local.get $ldc)))
                        (i32.shl (local.get $j0) (i32.const 2)))
                      (local.get $ldc) (local.get $first) (local.get $cols) (local.get $tile)))
                  (else
                    (call $tile4x8
                      (local.get $packA)
                      (i32.add (local.get $pack) (i32.shl (i32.mul (local.get $j0) (local.get $kc)) (i32.const 2)))
                      (local.get $kc)
                      (i32.add
                        (i32.add (local.get $c) (i32.mul (local.get $i0) (local.get $ldc)))
                        (i32.shl (local.get $j0) (i32.const 2)))
                      (local.get $ldc) (local.get $first) (local.get $rows) (local.get $cols) (local.get $tile))))
                (local.set $j0 (i32.add (local.get $j0) (i32.const 8)))
                (br $colPanels)))
            (local.set $i0 (i32.add (local.get $i0) (local.get $rows)))
            (br $rowBlocks)))
        (local.set $p0 (i32.add (local.get $p0) (local.get $kc)))
        (br $chunks))))

  ;; B chunk (kc rows) → panels of 8 columns, each kc × 8 contiguous; columns past n are zeros.
  (func $packB (param $b i32) (param $brs i32) (param $bcs i32) (param $kc i32) (param $n i32) (param $dst i32)
    (local $j0 i32) (local $p i32) (local $j i32) (local $row i32) (local $src i32)
    (block $panelsDone
      (loop $panels
        (br_if $panelsDone (i32.ge_u (local.get $j0) (local.get $n)))
        (local.set $p (i32.const 0))
        (local.set $row (i32.add (local.get $b) (i32.mul (local.get $j0) (local.get $bcs))))
        (if (i32.and (i32.eq (local.get $bcs) (i32.const 4)) (i32.le_u (i32.add (local.get $j0) (i32.const 8)) (local.get $n)))
          (then
            ;; Contiguous rows, a full panel: two vector copies per row.
            (block $fastDone
              (loop $fast
                (br_if $fastDone (i32.ge_u (local.get $p) (local.get $kc)))
                (v128.store (local.get $dst) (v128.load (local.get $row)))
                (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $row)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                (local.set $row (i32.add (local.get $row) (local.get $brs)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $fast))))
          (else
            (block $slowDone
              (loop $slow
                (br_if $slowDone (i32.ge_u (local.get $p) (local.get $kc)))
                (local.set $j (i32.const 0))
                (local.set $src (local.get $row))
                (block $lanesDone
                  (loop $lanes
                    (br_if $lanesDone (i32.ge_u (local.get $j) (i32.const 8)))
                    (f32.store (local.get $dst)
                      (select (f32.load (local.get $src)) (f32.const 0)
                        (i32.lt_u (i32.add (local.get $j0) (local.get $j)) (local.get $n))))
                    (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
                    (local.set $src (i32.add (local.get $src) (local.get $bcs)))
                    (local.set $j (i32.add (local.get $j) (i32.const 1)))
                    (br $lanes)))
                (local.set $row (i32.add (local.get $row) (local.get $brs)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $slow)))))
        (local.set $j0 (i32.add (local.get $j0) (i32.const 8)))
        (br $panels))))

  ;; A block (rows ≤ 4 rows, kc columns) → kc × 4 interleaved (column p holds rows 0..3); missing rows are zeros.
  ;; Two fast paths for full blocks: rows contiguous along i (one vector per p), or along p (4 × 4 transposes).
  (func $packA (param $a i32) (param $ars i32) (param $acs i32) (param $kc i32) (param $rows i32) (param $dst i32)
    (local $p i32) (local $r i32) (local $src i32) (local $out i32) (local $done i32)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (if (i32.eq (local.get $rows) (i32.const 4))
      (then
        (if (i32.eq (local.get $ars) (i32.const 4))
          (then
            (block $columnsDone
              (loop $columns
                (br_if $columnsDone (i32.ge_u (local.get $p) (local.get $kc)))
                (v128.store (local.get $dst) (v128.load (local.get $a)))
                (local.set $a (i32.add (local.get $a) (local.get $acs)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $columns)))
            (return)))
        (if (i32.eq (local.get $acs) (i32.const 4))
          (then
            (block $quadsDone
              (loop $quads
                (br_if $quadsDone (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $kc)))
                (local.set $r0 (v128.load (local.get $a)))
                (local.set $r1 (v128.load (i32.add (local.get $a) (local.get $ars))))
                (local.set $r2 (v128.load (i32.add (local.get $a) (i32.shl (local.get $ars) (i32.const 1)))))
                (local.set $r3 (v128.load (i32.add (local.get $a) (i32.mul (local.get $ars) (i32.const 3)))))
                ;; 4 × 4 transpose: interleave row pairs, then pair the halves.
                (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r0) (local.get $r1)))
                (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r0) (local.get $r1)))
                (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r2) (local.get $r3)))
                (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r2) (local.get $r3)))
                (v128.store (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
                (v128.store offset=16 (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
                (v128.store offset=32 (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
                (v128.store offset=48 (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
                (local.set $a (i32.add (local.get $a) (i32.const 16)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (br $quads)))))))
    ;; General case (and the columns left after the transposes), one element at a time.
    (local.set $done (local.get $p))
    (block $rowsDone
      (loop $eachRow
        (br_if $rowsDone (i32.ge_u (local.get $r) (i32.const 4)))
        (local.set $src (i32.add (local.get $a) (i32.mul (local.get $r) (local.get $ars))))
        (local.set $out (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 2))))
        (local.set $p (local.get $done))
        (if (i32.lt_u (local.get $r) (local.get $rows))
          (then
            (block $copied
              (loop $copy
                (br_if $copied (i32.ge_u (local.get $p) (local.get $kc)))
                (f32.store (local.get $out) (f32.load (local.get $src)))
                (local.set $out (i32.add (local.get $out) (i32.const 16)))
                (local.set $src (i32.add (local.get $src) (local.get $acs)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $copy))))
          (else
            (block $zeroed
              (loop $zero
                (br_if $zeroed (i32.ge_u (local.get $p) (local.get $kc)))
                (f32.store (local.get $out) (f32.const 0))
                (local.set $out (i32.add (local.get $out) (i32.const 16)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $zero)))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $eachRow))))

  ;; One 4 × 8 tile of C from a packed A block and a packed B panel, kc deep. Full tiles are written (or
  ;; added) straight to C; edge tiles go through `tile` and only their rows × cols part is written.
  (func $tile4x8
    (param $pa i32) (param $pb i32) (param $kc i32) (param $c i32) (param $ldc i32) (param $first i32)
    (param $rows i32) (param $cols i32) (param $tile i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $av v128) (local $end i32) (local $end4 i32)
    (local $r i32) (local $j i32) (local $dst i32) (local $src i32)
    (local.set $end (i32.add (local.get $pb) (i32.shl (local.get $kc) (i32.const 5))))
    (local.set $end4 (i32.add (local.get $pb) (i32.shl (i32.and (local.get $kc) (i32.const -4)) (i32.const 5))))
    ;; Four steps of p per turn, with constant offsets: two pointer increments for 32 multiply-adds.
    (block $unrolledDone
      (loop $unrolled
        (br_if $unrolledDone (i32.ge_u (local.get $pb) (local.get $end4)))
        (local.set $b0 (v128.load (local.get $pb)))
        (local.set $b1 (v128.load offset=16 (local.get $pb)))
        (local.set $av (v128.load32_splat (local.get $pa)))
        (local.set $c00 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c00)))
        (local.set $c01 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c01)))
        (local.set $av (v128.load32_splat offset=4 (local.get $pa)))
        (local.set $c10 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c10)))
        (local.set $c11 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c11)))
        (local.set $av (v128.load32_splat offset=8 (local.get $pa)))
        (local.set $c20 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c20)))
        (local.set $c21 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c21)))
        (local.set $av (v128.load32_splat offset=12 (local.get $pa)))
        (local.set $c30 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c30)))
        (local.set $c31 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c31)))
        (local.set $b0 (v128.load offset=32 (local.get $pb)))
        (local.set $b1 (v128.load offset=48 (local.get $pb)))
        (local.set $av (v128.load32_splat offset=16 (local.get $pa)))
        (local.set $c00 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c00)))
        (local.set $c01 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c01)))
        (local.set $av (v128.load32_splat offset=20 (local.get $pa)))
        (local.set $c10 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c10)))
        (local.set $c11 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c11)))
        (local.set $av (v128.load32_splat offset=24 (local.get $pa)))
        (local.set $c20 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c20)))
        (local.set $c21 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c21)))
        (local.set $av (v128.load32_splat offset=28 (local.get $pa)))
        (local.set $c30 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c30)))
        (local.set $c31 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c31)))
        (local.set $b0 (v128.load offset=64 (local.get $pb)))
        (local.set $b1 (v128.load offset=80 (local.get $pb)))
        (local.set $av (v128.load32_splat offset=32 (local.get $pa)))
        (local.set $c00 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c00)))
        (local.set $c01 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c01)))
        (local.set $av (v128.load32_splat offset=36 (local.get $pa)))
        (local.set $c10 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c10)))
        (local.set $c11 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c11)))
        (local.set $av (v128.load32_splat offset=40 (local.get $pa)))
        (local.set $c20 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c20)))
        (local.set $c21 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c21)))
        (local.set $av (v128.load32_splat offset=44 (local.get $pa)))
        (local.set $c30 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c30)))
        (local.set $c31 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c31)))
        (local.set $b0 (v128.load offset=96 (local.get $pb)))
        (local.set $b1 (v128.load offset=112 (local.get $pb)))
        (local.set $av (v128.load32_splat offset=48 (local.get $pa)))
        (local.set $c00 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c00)))
        (local.set $c01 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c01)))
        (local.set $av (v128.load32_splat offset=52 (local.get $pa)))
        (local.set $c10 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c10)))
        (local.set $c11 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c11)))
        (local.set $av (v128.load32_splat offset=56 (local.get $pa)))
        (local.set $c20 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c20)))
        (local.set $c21 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c21)))
        (local.set $av (v128.load32_splat offset=60 (local.get $pa)))
        (local.set $c30 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c30)))
        (local.set $c31 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c31)))
        (local.set $pa (i32.add (local.get $pa) (i32.const 64)))
        (local.set $pb (i32.add (local.get $pb) (i32.const 128)))
        (br $unrolled)))
    (block $restDone
      (loop $rest
        (br_if $restDone (i32.ge_u (local.get $pb) (local.get $end)))
        (local.set $b0 (v128.load (local.get $pb)))
        (local.set $b1 (v128.load offset=16 (local.get $pb)))
        (local.set $av (v128.load32_splat (local.get $pa)))
        (local.set $c00 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c00)))
        (local.set $c01 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c01)))
        (local.set $av (v128.load32_splat offset=4 (local.get $pa)))
        (local.set $c10 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c10)))
        (local.set $c11 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c11)))
        (local.set $av (v128.load32_splat offset=8 (local.get $pa)))
        (local.set $c20 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c20)))
        (local.set $c21 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c21)))
        (local.set $av (v128.load32_splat offset=12 (local.get $pa)))
        (local.set $c30 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c30)))
        (local.set $c31 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c31)))
        (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
        (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
        (br $rest)))
    (if (i32.and (i32.eq (local.get $rows) (i32.const 4)) (i32.eq (local.get $cols) (i32.const 8)))
      (then
        (if (i32.eqz (local.get $first))
          (then
            (local.set $c00 (f32x4.add (local.get $c00) (v128.load (local.get $c))))
            (local.set $c01 (f32x4.add (local.get $c01) (v128.load offset=16 (local.get $c))))
            (local.set $c10 (f32x4.add (local.get $c10) (v128.load (i32.add (local.get $c) (local.get $ldc)))))
            (local.set $c11 (f32x4.add (local.get $c11) (v128.load offset=16 (i32.add (local.get $c) (local.get $ldc)))))
            (local.set $c20 (f32x4.add (local.get $c20) (v128.load (i32.add (local.get $c) (i32.shl (local.get $ldc) (i32.const 1))))))
            (local.set $c21 (f32x4.add (local.get $c21) (v128.load offset=16 (i32.add (local.get $c) (i32.shl (local.get $ldc) (i32.const 1))))))
            (local.set $c30 (f32x4.add (local.get $c30) (v128.load (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 3))))))
            (local.set $c31 (f32x4.add (local.get $c31) (v128.load offset=16 (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 3))))))))
        (v128.store (local.get $c) (local.get $c00))
        (v128.store offset=16 (local.get $c) (local.get $c01))
        (v128.store (i32.add (local.get $c) (local.get $ldc)) (local.get $c10))
        (v128.store offset=16 (i32.add (local.get $c) (local.get $ldc)) (local.get $c11))
        (v128.store (i32.add (local.get $c) (i32.shl (local.get $ldc) (i32.const 1))) (local.get $c20))
        (v128.store offset=16 (i32.add (local.get $c) (i32.shl (local.get $ldc) (i32.const 1))) (local.get $c21))
        (v128.store (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 3))) (local.get $c30))
        (v128.store offset=16 (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 3))) (local.get $c31))
        (return)))
    (v128.store (local.get $tile) (local.get $c00))
    (v128.store offset=16 (local.get $tile) (local.get $c01))
    (v128.store offset=32 (local.get $tile) (local.get $c10))
    (v128.store offset=48 (local.get $tile) (local.get $c11))
    (v128.store offset=64 (local.get $tile) (local.get $c20))
    (v128.store offset=80 (local.get $tile) (local.get $c21))
    (v128.store offset=96 (local.get $tile) (local.get $c30))
    (v128.store offset=112 (local.get $tile) (local.get $c31))
    (local.set $r (i32.const 0))
    (block $edgeRowsDone
      (loop $edgeRows
        (br_if $edgeRowsDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $dst (i32.add (local.get $c) (i32.mul (local.get $r) (local.get $ldc))))
        (local.set $src (i32.add (local.get $tile) (i32.shl (local.get $r) (i32.const 5))))
        (local.set $j (i32.const 0))
        (block $edgeColsDone
          (loop $edgeCols
            (br_if $edgeColsDone (i32.ge_u (local.get $j) (local.get $cols)))
            (f32.store (local.get $dst)
              (select (f32.load (local.get $src))
                (f32.add (f32.load (local.get $src)) (f32.load (local.get $dst)))
                (local.get $first)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
            (local.set $src (i32.add (local.get $src) (i32.const 4)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $edgeCols)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $edgeRows))))

  ;; A block of exactly 6 rows, kc columns → kc × 6 interleaved (column p holds rows 0..5, 24 bytes). Fast paths
  ;; as in packA: rows contiguous along i (a vector and a pair per p), or along p (a 4 × 4 transpose for rows
  ;; 0..3 and a 2 × 4 interleave for rows 4..5, four columns per turn).
  (func $packA6 (param $a i32) (param $ars i32) (param $acs i32) (param $kc i32) (param $dst i32)
    (local $p i32) (local $r i32) (local $src i32) (local $out i32) (local $done i32)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (if (i32.eq (local.get $ars) (i32.const 4))
      (then
        (block $columnsDone
          (loop $columns
            (br_if $columnsDone (i32.ge_u (local.get $p) (local.get $kc)))
            (v128.store (local.get $dst) (v128.load (local.get $a)))
            (i64.store offset=16 (local.get $dst) (i64.load offset=16 (local.get $a)))
            (local.set $a (i32.add (local.get $a) (local.get $acs)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 24)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $columns)))
        (return)))
    (if (i32.eq (local.get $acs) (i32.const 4))
      (then
        (block $quadsDone
          (loop $quads
            (br_if $quadsDone (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $kc)))
            (local.set $r0 (v128.load (local.get $a)))
            (local.set $r1 (v128.load (i32.add (local.get $a) (local.get $ars))))
            (local.set $r2 (v128.load (i32.add (local.get $a) (i32.shl (local.get $ars) (i32.const 1)))))
            (local.set $r3 (v128.load (i32.add (local.get $a) (i32.mul (local.get $ars) (i32.const 3)))))
            (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r0) (local.get $r1)))
            (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r0) (local.get $r1)))
            (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r2) (local.get $r3)))
            (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r2) (local.get $r3)))
            (v128.store (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
            (v128.store offset=24 (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
            (v128.store offset=48 (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
            (v128.store offset=72 (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
            ;; Rows 4 and 5: (r4[p], r5[p], r4[p+1], r5[p+1]) and (r4[p+2], r5[p+2], r4[p+3], r5[p+3]), a pair per column.
            (local.set $r0 (v128.load (i32.add (local.get $a) (i32.shl (local.get $ars) (i32.const 2)))))
            (local.set $r1 (v128.load (i32.add (local.get $a) (i32.mul (local.get $ars) (i32.const 5)))))
            (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r0) (local.get $r1)))
            (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r0) (local.get $r1)))
            (i64.store offset=16 (local.get $dst) (i64x2.extract_lane 0 (local.get $t0)))
            (i64.store offset=40 (local.get $dst) (i64x2.extract_lane 1 (local.get $t0)))
            (i64.store offset=64 (local.get $dst) (i64x2.extract_lane 0 (local.get $t1)))
            (i64.store offset=88 (local.get $dst) (i64x2.extract_lane 1 (local.get $t1)))
            (local.set $a (i32.add (local.get $a) (i32.const 16)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 96)))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br $quads)))))
    ;; General case (and the columns left after the transposes), one element at a time.
    (local.set $done (local.get $p))
    (block $rowsDone
      (loop $eachRow
        (br_if $rowsDone (i32.ge_u (local.get $r) (i32.const 6)))
        (local.set $src (i32.add (local.get $a) (i32.mul (local.get $r) (local.get $ars))))
        (local.set $out (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 2))))
        (local.set $p (local.get $done))
        (block $copied
          (loop $copy
            (br_if $copied (i32.ge_u (local.get $p) (local.get $kc)))
            (f32.store (local.get $out) (f32.load (local.get $src)))
            (local.set $out (i32.add (local.get $out) (i32.const 24)))
            (local.set $src (i32.add (local.get $src) (local.get $acs)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $copy)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $eachRow))))

  ;; One 6 × 8 tile of C from a packed 6-row A block and a packed B panel, kc deep: 12 accumulators, so twelve
  ;; independent multiply-add chains hide the FMA latency that the 4 × 8 tile's eight only just cover (and
  ;; six A splats and two B loads feed 12 multiply-adds instead of 8). Full tiles go straight to C; edge
  ;; tiles (cols < 8) through `tile`.
  (func $tile6x8
    (param $pa i32) (param $pb i32) (param $kc i32) (param $c i32) (param $ldc i32) (param $first i32)
    (param $cols i32) (param $tile i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128)
    (local $c30 v128) (local $c31 v128) (local $c40 v128) (local $c41 v128) (local $c50 v128) (local $c51 v128)
    (local $b0 v128) (local $b1 v128) (local $av v128) (local $end i32) (local $end2 i32)
    (local $r i32) (local $j i32) (local $dst i32) (local $src i32) (local $row i32)
    (local.set $end (i32.add (local.get $pb) (i32.shl (local.get $kc) (i32.const 5))))
    (local.set $end2 (i32.add (local.get $pb) (i32.shl (i32.and (local.get $kc) (i32.const -2)) (i32.const 5))))
    ;; Two steps of p per turn, with constant offsets.
    (block $unrolledDone
      (loop $unrolled
        (br_if $unrolledDone (i32.ge_u (local.get $pb) (local.get $end2)))
        (local.set $b0 (v128.load (local.get $pb)))
        (local.set $b1 (v128.load offset=16 (local.get $pb)))
        (local.set $av (v128.load32_splat (local.get $pa)))
        (local.set $c00 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c00)))
        (local.set $c01 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c01)))
        (local.set $av (v128.load32_splat offset=4 (local.get $pa)))
        (local.set $c10 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c10)))
        (local.set $c11 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c11)))
        (local.set $av (v128.load32_splat offset=8 (local.get $pa)))
        (local.set $c20 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c20)))
        (local.set $c21 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c21)))
        (local.set $av (v128.load32_splat offset=12 (local.get $pa)))
        (local.set $c30 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c30)))
        (local.set $c31 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c31)))
        (local.set $av (v128.load32_splat offset=16 (local.get $pa)))
        (local.set $c40 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c40)))
        (local.set $c41 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c41)))
        (local.set $av (v128.load32_splat offset=20 (local.get $pa)))
        (local.set $c50 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c50)))
        (local.set $c51 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c51)))
        (local.set $b0 (v128.load offset=32 (local.get $pb)))
        (local.set $b1 (v128.load offset=48 (local.get $pb)))
        (local.set $av (v128.load32_splat offset=24 (local.get $pa)))
        (local.set $c00 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c00)))
        (local.set $c01 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c01)))
        (local.set $av (v128.load32_splat offset=28 (local.get $pa)))
        (local.set $c10 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c10)))
        (local.set $c11 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c11)))
        (local.set $av (v128.load32_splat offset=32 (local.get $pa)))
        (local.set $c20 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c20)))
        (local.set $c21 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c21)))
        (local.set $av (v128.load32_splat offset=36 (local.get $pa)))
        (local.set $c30 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c30)))
        (local.set $c31 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c31)))
        (local.set $av (v128.load32_splat offset=40 (local.get $pa)))
        (local.set $c40 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c40)))
        (local.set $c41 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c41)))
        (local.set $av (v128.load32_splat offset=44 (local.get $pa)))
        (local.set $c50 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c50)))
        (local.set $c51 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c51)))
        (local.set $pa (i32.add (local.get $pa) (i32.const 48)))
        (local.set $pb (i32.add (local.get $pb) (i32.const 64)))
        (br $unrolled)))
    (block $restDone
      (loop $rest
        (br_if $restDone (i32.ge_u (local.get $pb) (local.get $end)))
        (local.set $b0 (v128.load (local.get $pb)))
        (local.set $b1 (v128.load offset=16 (local.get $pb)))
        (local.set $av (v128.load32_splat (local.get $pa)))
        (local.set $c00 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c00)))
        (local.set $c01 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c01)))
        (local.set $av (v128.load32_splat offset=4 (local.get $pa)))
        (local.set $c10 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c10)))
        (local.set $c11 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c11)))
        (local.set $av (v128.load32_splat offset=8 (local.get $pa)))
        (local.set $c20 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c20)))
        (local.set $c21 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c21)))
        (local.set $av (v128.load32_splat offset=12 (local.get $pa)))
        (local.set $c30 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c30)))
        (local.set $c31 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c31)))
        (local.set $av (v128.load32_splat offset=16 (local.get $pa)))
        (local.set $c40 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c40)))
        (local.set $c41 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c41)))
        (local.set $av (v128.load32_splat offset=20 (local.get $pa)))
        (local.set $c50 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c50)))
        (local.set $c51 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c51)))
        (local.set $pa (i32.add (local.get $pa) (i32.const 24)))
        (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
        (br $rest)))
    (if (i32.eq (local.get $cols) (i32.const 8))
      (then
        (if (i32.eqz (local.get $first))
          (then
            (local.set $c00 (f32x4.add (local.get $c00) (v128.load (local.get $c))))
            (local.set $c01 (f32x4.add (local.get $c01) (v128.load offset=16 (local.get $c))))
            (local.set $row (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 1))))
            (local.set $c10 (f32x4.add (local.get $c10) (v128.load (local.get $row))))
            (local.set $c11 (f32x4.add (local.get $c11) (v128.load offset=16 (local.get $row))))
            (local.set $row (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 2))))
            (local.set $c20 (f32x4.add (local.get $c20) (v128.load (local.get $row))))
            (local.set $c21 (f32x4.add (local.get $c21) (v128.load offset=16 (local.get $row))))
            (local.set $row (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 3))))
            (local.set $c30 (f32x4.add (local.get $c30) (v128.load (local.get $row))))
            (local.set $c31 (f32x4.add (local.get $c31) (v128.load offset=16 (local.get $row))))
            (local.set $row (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 4))))
            (local.set $c40 (f32x4.add (local.get $c40) (v128.load (local.get $row))))
            (local.set $c41 (f32x4.add (local.get $c41) (v128.load offset=16 (local.get $row))))
            (local.set $row (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 5))))
            (local.set $c50 (f32x4.add (local.get $c50) (v128.load (local.get $row))))
            (local.set $c51 (f32x4.add (local.get $c51) (v128.load offset=16 (local.get $row))))
))
        (v128.store (local.get $c) (local.get $c00))
        (v128.store offset=16 (local.get $c) (local.get $c01))
        (local.set $row (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 1))))
        (v128.store (local.get $row) (local.get $c10))
        (v128.store offset=16 (local.get $row) (local.get $c11))
        (local.set $row (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 2))))
        (v128.store (local.get $row) (local.get $c20))
        (v128.store offset=16 (local.get $row) (local.get $c21))
        (local.set $row (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 3))))
        (v128.store (local.get $row) (local.get $c30))
        (v128.store offset=16 (local.get $row) (local.get $c31))
        (local.set $row (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 4))))
        (v128.store (local.get $row) (local.get $c40))
        (v128.store offset=16 (local.get $row) (local.get $c41))
        (local.set $row (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 5))))
        (v128.store (local.get $row) (local.get $c50))
        (v128.store offset=16 (local.get $row) (local.get $c51))
        (return)))
    (v128.store (local.get $tile) (local.get $c00))
    (v128.store offset=16 (local.get $tile) (local.get $c01))
    (v128.store offset=32 (local.get $tile) (local.get $c10))
    (v128.store offset=48 (local.get $tile) (local.get $c11))
    (v128.store offset=64 (local.get $tile) (local.get $c20))
    (v128.store offset=80 (local.get $tile) (local.get $c21))
    (v128.store offset=96 (local.get $tile) (local.get $c30))
    (v128.store offset=112 (local.get $tile) (local.get $c31))
    (v128.store offset=128 (local.get $tile) (local.get $c40))
    (v128.store offset=144 (local.get $tile) (local.get $c41))
    (v128.store offset=160 (local.get $tile) (local.get $c50))
    (v128.store offset=176 (local.get $tile) (local.get $c51))
    (block $edgeRowsDone
      (loop $edgeRows
        (br_if $edgeRowsDone (i32.ge_u (local.get $r) (i32.const 6)))
        (local.set $dst (i32.add (local.get $c) (i32.mul (local.get $r) (local.get $ldc))))
        (local.set $src (i32.add (local.get $tile) (i32.shl (local.get $r) (i32.const 5))))
        (local.set $j (i32.const 0))
        (block $edgeColsDone
          (loop $edgeCols
            (br_if $edgeColsDone (i32.ge_u (local.get $j) (local.get $cols)))
            (f32.store (local.get $dst)
              (select (f32.load (local.get $src))
                (f32.add (f32.load (local.get $src)) (f32.load (local.get $dst)))
                (local.get $first)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
            (local.set $src (i32.add (local.get $src) (i32.const 4)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $edgeCols)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $edgeRows))))

  ;; ---- Element-wise binary operations (Add, Sub, Multiply) with a repeating operand ----
  ;; out[i] = big[i] ∘ small[i mod s] for i < n, s dividing n: s = n for equal shapes, 1 for a scalar, the
  ;; row length for a bias added to every row. One function per operation so each loop is a straight run of
  ;; vector ops; the same IEEE float32 operation per element as the wasm backend's own loops (same bits).
  ;; big + small
  (func $addRepeat (export "addRepeat") (param $big i32) (param $small i32) (param $out i32) (param $n i32) (param $s i32)
    (local $end i32) (local $blockEnd i32) (local $vecEnd i32) (local $sv v128) (local $sp i32)
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (if (i32.eq (local.get $s) (i32.const 1))
      (then
        (local.set $sv (v128.load32_splat (local.get $small)))
        (local.set $vecEnd (i32.add (local.get $out) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
        (block $splatDone
          (loop $splat
            (br_if $splatDone (i32.ge_u (local.get $out) (local.get $vecEnd)))
            (v128.store (local.get $out) (f32x4.add (v128.load (local.get $big)) (local.get $sv)))
            (local.set $big (i32.add (local.get $big) (i32.const 16)))
            (local.set $out (i32.add (local.get $out) (i32.const 16)))
            (br $splat)))
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_u (local.get $out) (local.get $end)))
            (f32.store (local.get $out) (f32.add (f32.load (local.get $big)) (f32x4.extract_lane 0 (local.get $sv))))
            (local.set $big (i32.add (local.get $big) (i32.const 4)))
            (local.set $out (i32.add (local.get $out) (i32.const 4)))
            (br $tail)))
        (return)))
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $sp (local.get $small))
        (local.set $blockEnd (i32.add (local.get $out) (i32.shl (local.get $s) (i32.const 2))))
        (local.set $vecEnd (i32.add (local.get $out) (i32.shl (i32.and (local.get $s) (i32.const -4)) (i32.const 2))))
        (block $vecDone
          (loop $vec
            (br_if $vecDone (i32.ge_u (local.get $out) (local.get $vecEnd)))
            (v128.store (local.get $out) (f32x4.add (v128.load (local.get $big)) (v128.load (local.get $sp))))
            (local.set $big (i32.add (local.get $big) (i32.const 16)))
            (local.set $sp (i32.add (local.get $sp) (i32.const 16)))
            (local.set $out (i32.add (local.get $out) (i32.const 16)))
            (br $vec)))
        (block $restDone
          (loop $rest
            (br_if $restDone (i32.ge_u (local.get $out) (local.get $blockEnd)))
            (f32.store (local.get $out) (f32.add (f32.load (local.get $big)) (f32.load (local.get $sp))))
            (local.set $big (i32.add (local.get $big) (i32.const 4)))
            (local.set $sp (i32.add (local.get $sp) (i32.const 4)))
            (local.set $out (i32.add (local.get $out) (i32.const 4)))
            (br $rest)))
        (br $blocks))))

  ;; big − small
  (func $subRepeat (export "subRepeat") (param $big i32) (param $small i32) (param $out i32) (param $n i32) (param $s i32)
    (local $end i32) (local $blockEnd i32) (local $vecEnd i32) (local $sv v128) (local $sp i32)
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (if (i32.eq (local.get $s) (i32.const 1))
      (then
        (local.set $sv (v128.load32_splat (local.get $small)))
        (local.set $vecEnd (i32.add (local.get $out) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
        (block $splatDone
          (loop $splat
            (br_if $splatDone (i32.ge_u (local.get $out) (local.get $vecEnd)))
            (v128.store (local.get $out) (f32x4.sub (v128.load (local.get $big)) (local.get $sv)))
            (local.set $big (i32.add (local.get $big) (i32.const 16)))
            (local.set $out (i32.add (local.get $out) (i32.const 16)))
            (br $splat)))
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_u (local.get $out) (local.get $end)))
            (f32.store (local.get $out) (f32.sub (f32.load (local.get $big)) (f32x4.extract_lane 0 (local.get $sv))))
            (local.set $big (i32.add (local.get $big) (i32.const 4)))
            (local.set $out (i32.add (local.get $out) (i32.const 4)))
            (br $tail)))
        (return)))
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $sp (local.get $small))
        (local.set $blockEnd (i32.add (local.get $out) (i32.shl (local.get $s) (i32.const 2))))
        (local.set $vecEnd (i32.add (local.get $out) (i32.shl (i32.and (local.get $s) (i32.const -4)) (i32.const 2))))
        (block $vecDone
          (loop $vec
            (br_if $vecDone (i32.ge_u (local.get $out) (local.get $vecEnd)))
            (v128.store (local.get $out) (f32x4.sub (v128.load (local.get $big)) (v128.load (local.get $sp))))
            (local.set $big (i32.add (local.get $big) (i32.const 16)))
            (local.set $sp (i32.add (local.get $sp) (i32.const 16)))
            (local.set $out (i32.add (local.get $out) (i32.const 16)))
            (br $vec)))
        (block $restDone
          (loop $rest
            (br_if $restDone (i32.ge_u (local.get $out) (local.get $blockEnd)))
            (f32.store (local.get $out) (f32.sub (f32.load (local.get $big)) (f32.load (local.get $sp))))
            (local.set $big (i32.add (local.get $big) (i32.const 4)))
            (local.set $sp (i32.add (local.get $sp) (i32.const 4)))
            (local.set $out (i32.add (local.get $out) (i32.const 4)))
            (br $rest)))
        (br $blocks))))

  ;; small − big
  (func $rsubRepeat (export "rsubRepeat") (param $big i32) (param $small i32) (param $out i32) (param $n i32) (param $s i32)
    (local $end i32) (local $blockEnd i32) (local $vecEnd i32) (local $sv v128) (local $sp i32)
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (if (i32.eq (local.get $s) (i32.const 1))
      (then
        (local.set $sv (v128.load32_splat (local.get $small)))
        (local.set $vecEnd (i32.add (local.get $out) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
        (block $splatDone
          (loop $splat
            (br_if $splatDone (i32.ge_u (local.get $out) (local.get $vecEnd)))
            (v128.store (local.get $out) (f32x4.sub (local.get $sv) (v128.load (local.get $big))))
            (local.set $big (i32.add (local.get $big) (i32.const 16)))
            (local.set $out (i32.add (local.get $out) (i32.const 16)))
            (br $splat)))
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_u (local.get $out) (local.get $end)))
            (f32.store (local.get $out) (f32.sub (f32x4.extract_lane 0 (local.get $sv)) (f32.load (local.get $big))))
            (local.set $big (i32.add (local.get $big) (i32.const 4)))
            (local.set $out (i32.add (local.get $out) (i32.const 4)))
            (br $tail)))
        (return)))
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $sp (local.get $small))
        (local.set $blockEnd (i32.add (local.get $out) (i32.shl (local.get $s) (i32.const 2))))
        (local.set $vecEnd (i32.add (local.get $out) (i32.shl (i32.and (local.get $s) (i32.const -4)) (i32.const 2))))
        (block $vecDone
          (loop $vec
            (br_if $vecDone (i32.ge_u (local.get $out) (local.get $vecEnd)))
            (v128.store (local.get $out) (f32x4.sub (v128.load (local.get $sp)) (v128.load (local.get $big))))
            (local.set $big (i32.add (local.get $big) (i32.const 16)))
            (local.set $sp (i32.add (local.get $sp) (i32.const 16)))
            (local.set $out (i32.add (local.get $out) (i32.const 16)))
            (br $vec)))
        (block $restDone
          (loop $rest
            (br_if $restDone (i32.ge_u (local.get $out) (local.get $blockEnd)))
            (f32.store (local.get $out) (f32.sub (f32.load (local.get $sp)) (f32.load (local.get $big))))
            (local.set $big (i32.add (local.get $big) (i32.const 4)))
            (local.set $sp (i32.add (local.get $sp) (i32.const 4)))
            (local.set $out (i32.add (local.get $out) (i32.const 4)))
            (br $rest)))
        (br $blocks))))

  ;; big · small
  (func $mulRepeat (export "mulRepeat") (param $big i32) (param $small i32) (param $out i32) (param $n i32) (param $s i32)
    (local $end i32) (local $blockEnd i32) (local $vecEnd i32) (local $sv v128) (local $sp i32)
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (if (i32.eq (local.get $s) (i32.const 1))
      (then
        (local.set $sv (v128.load32_splat (local.get $small)))
        (local.set $vecEnd (i32.add (local.get $out) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
        (block $splatDone
          (loop $splat
            (br_if $splatDone (i32.ge_u (local.get $out) (local.get $vecEnd)))
            (v128.store (local.get $out) (f32x4.mul (v128.load (local.get $big)) (local.get $sv)))
            (local.set $big (i32.add (local.get $big) (i32.const 16)))
            (local.set $out (i32.add (local.get $out) (i32.const 16)))
            (br $splat)))
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_u (local.get $out) (local.get $end)))
            (f32.store (local.get $out) (f32.mul (f32.load (local.get $big)) (f32x4.extract_lane 0 (local.get $sv))))
            (local.set $big (i32.add (local.get $big) (i32.const 4)))
            (local.set $out (i32.add (local.get $out) (i32.const 4)))
            (br $tail)))
        (return)))
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $sp (local.get $small))
        (local.set $blockEnd (i32.add (local.get $out) (i32.shl (local.get $s) (i32.const 2))))
        (local.set $vecEnd (i32.add (local.get $out) (i32.shl (i32.and (local.get $s) (i32.const -4)) (i32.const 2))))
        (block $vecDone
          (loop $vec
            (br_if $vecDone (i32.ge_u (local.get $out) (local.get $vecEnd)))
            (v128.store (local.get $out) (f32x4.mul (v128.load (local.get $big)) (v128.load (local.get $sp))))
            (local.set $big (i32.add (local.get $big) (i32.const 16)))
            (local.set $sp (i32.add (local.get $sp) (i32.const 16)))
            (local.set $out (i32.add (local.get $out) (i32.const 16)))
            (br $vec)))
        (block $restDone
          (loop $rest
            (br_if $restDone (i32.ge_u (local.get $out) (local.get $blockEnd)))
            (f32.store (local.get $out) (f32.mul (f32.load (local.get $big)) (f32.load (local.get $sp))))
            (local.set $big (i32.add (local.get $big) (i32.const 4)))
            (local.set $sp (i32.add (local.get $sp) (i32.const 4)))
            (local.set $out (i32.add (local.get $out) (i32.const 4)))
            (br $rest)))
        (br $blocks))))

  ;; ---- end of the element-wise binary operations ----

  ;; ---- The epilogue of a dense layer's product (_FusedMatMul) ----
  ;; y[r, c] = act(y[r, c] + bias[c]) in place over rows × cols, bias 0 for none; relu (relu ≠ 0): v < 0 → 0,
  ;; NaN and −0 kept (a compare and a select, not f32x4.max, which would turn −0 into +0): the bits of the JS
  ;; loop it replaces.
  (func $biasRelu (export "biasRelu") (param $y i32) (param $bias i32) (param $rows i32) (param $cols i32) (param $relu i32)
    (local $r i32) (local $c i32) (local $at i32) (local $vecCols i32) (local $v v128) (local $s f32)
    (local.set $vecCols (i32.and (local.get $cols) (i32.const -4)))
    (block $rowsDone
      (loop $eachRow
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $c (i32.const 0))
        (block $vecDone
          (loop $vec
            (br_if $vecDone (i32.ge_u (local.get $c) (local.get $vecCols)))
            (local.set $at (i32.add (local.get $y) (i32.shl (local.get $c) (i32.const 2))))
            (local.set $v (v128.load (local.get $at)))
            (if (local.get $bias)
              (then (local.set $v (f32x4.add (local.get $v)
                (v128.load (i32.add (local.get $bias) (i32.shl (local.get $c) (i32.const 2))))))))
            (if (local.get $relu)
              (then (local.set $v (v128.bitselect (v128.const i32x4 0 0 0 0) (local.get $v)
                (f32x4.lt (local.get $v) (v128.const f32x4 0 0 0 0))))))
            (v128.store (local.get $at) (local.get $v))
            (local.set $c (i32.add (local.get $c) (i32.const 4)))
            (br $vec)))
        (block $restDone
          (loop $rest
            (br_if $restDone (i32.ge_u (local.get $c) (local.get $cols)))
            (local.set $at (i32.add (local.get $y) (i32.shl (local.get $c) (i32.const 2))))
            (local.set $s (f32.load (local.get $at)))
            (if (local.get $bias)
              (then (local.set $s (f32.add (local.get $s)
                (f32.load (i32.add (local.get $bias) (i32.shl (local.get $c) (i32.const 2))))))))
            (if (i32.and (i32.ne (local.get $relu) (i32.const 0)) (f32.lt (local.get $s) (f32.const 0)))
              (then (local.set $s (f32.const 0))))
            (f32.store (local.get $at) (local.get $s))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $rest)))
        (local.set $y (i32.add (local.get $y) (i32.shl (local.get $cols) (i32.const 2))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $eachRow))))
  ;; ---- end of the dense layer's epilogue ----

;; dx[b, h, w, :] += cols[(b, oh, ow), (kh, kw), :] for every tap inside the image (h = oh·sH + kh·dH − pt,
  ;; w = ow·sW + kw·dW − pl): the scatter half of a convolution's input gradient. Runs of Ci floats, by vectors.
  (func $col2im (export "col2im")
    (param $cols i32) (param $dx i32) (param $n i32) (param $H i32) (param $W i32) (param $Ci i32)
    (param $OH i32) (param $OW i32) (param $KH i32) (param $KW i32)
    (param $sH i32) (param $sW i32) (param $dH i32) (param $dW i32) (param $pt i32) (param $pl i32)
    (local $b i32) (local $oh i32) (local $ow i32) (local $kh i32) (local $kw i32) (local $h i32) (local $w i32)
    (local $run i32) (local $rowBase i32)
    (local.set $run (i32.shl (local.get $Ci) (i32.const 2)))
    (block $imagesDone (loop $images
      (br_if $imagesDone (i32.ge_u (local.get $b) (local.get $n)))
      (local.set $oh (i32.const 0))
      (block $ohDone (loop $ohs
        (br_if $ohDone (i32.ge_u (local.get $oh) (local.get $OH)))
        (local.set $ow (i32.const 0))
        (block $owDone (loop $ows
          (br_if $owDone (i32.ge_u (local.get $ow) (local.get $OW)))
          (local.set $kh (i32.const 0))
          (block $khDone (loop $khs
            (br_if $khDone (i32.ge_u (local.get $kh) (local.get $KH)))
            (local.set $h (i32.sub (i32.add (i32.mul (local.get $oh) (local.get $sH)) (i32.mul (local.get $kh) (local.get $dH))) (local.get $pt)))
            (if (i32.lt_u (local.get $h) (local.get $H))
              (then
                (local.set $rowBase (i32.mul (i32.add (i32.mul (local.get $b) (local.get $H)) (local.get $h)) (local.get $W)))
                (local.set $w (i32.sub (i32.mul (local.get $ow) (local.get $sW)) (local.get $pl)))
                ;; Undilated taps all inside the row: one add of KW·Ci contiguous floats (distinct targets, so
                ;; the same sums in the same order as tap by tap).
                (local.set $kw (select (local.get $KW) (i32.const 0)
                  (i32.and (i32.eq (local.get $dW) (i32.const 1))
                    (i32.and (i32.ge_s (local.get $w) (i32.const 0))
                      (i32.le_s (i32.add (local.get $w) (local.get $KW)) (local.get $W))))))
                (if (local.get $kw)
                  (then
                    (call $addRun
                      (i32.add (local.get $dx) (i32.mul (i32.add (local.get $rowBase) (local.get $w)) (local.get $run)))
                      (local.get $cols)
                      (i32.mul (local.get $KW) (local.get $Ci)))))
                (block $kwDone (loop $kws
                  (br_if $kwDone (i32.ge_u (local.get $kw) (local.get $KW)))
                  (local.set $w (i32.sub (i32.add (i32.mul (local.get $ow) (local.get $sW)) (i32.mul (local.get $kw) (local.get $dW))) (local.get $pl)))
                  (if (i32.lt_u (local.get $w) (local.get $W))
                    (then
                      (call $addRun
                        (i32.add (local.get $dx) (i32.mul (i32.add (local.get $rowBase) (local.get $w)) (local.get $run)))
                        (i32.add (local.get $cols) (i32.mul (local.get $kw) (local.get $run)))
                        (local.get $Ci))))
                  (local.set $kw (i32.add (local.get $kw) (i32.const 1)))
                  (br $kws)))))
            (local.set $cols (i32.add (local.get $cols) (i32.mul (local.get $KW) (local.get $run))))
            (local.set $kh (i32.add (local.get $kh) (i32.const 1)))
            (br $khs)))
          (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
          (br $ows)))
        (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
        (br $ohs)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $images))))

  ;; The gather that col2im scatters: rows [(b, oh, ow), (kh, kw, ci)] of x, zeros for taps outside the image.
  (func $im2col (export "im2col")
    (param $x i32) (param $cols i32) (param $n i32) (param $H i32) (param $W i32) (param $Ci i32)
    (param $OH i32) (param $OW i32) (param $KH i32) (param $KW i32)
    (param $sH i32) (param $sW i32) (param $dH i32) (param $dW i32) (param $pt i32) (param $pl i32)
    (local $b i32) (local $oh i32) (local $ow i32) (local $kh i32) (local $kw i32) (local $h i32) (local $w i32)
    (local $run i32) (local $rowBase i32)
    (local.set $run (i32.shl (local.get $Ci) (i32.const 2)))
    (block $imagesDone (loop $images
      (br_if $imagesDone (i32.ge_u (local.get $b) (local.get $n)))
      (local.set $oh (i32.const 0))
      (block $ohDone (loop $ohs
        (br_if $ohDone (i32.ge_u (local.get $oh) (local.get $OH)))
        (local.set $ow (i32.const 0))
        (block $owDone (loop $ows
          (br_if $owDone (i32.ge_u (local.get $ow) (local.get $OW)))
          (local.set $kh (i32.const 0))
          (block $khDone (loop $khs
            (br_if $khDone (i32.ge_u (local.get $kh) (local.get $KH)))
            (local.set $h (i32.sub (i32.add (i32.mul (local.get $oh) (local.get $sH)) (i32.mul (local.get $kh) (local.get $dH))) (local.get $pt)))
            (local.set $rowBase (i32.mul (i32.add (i32.mul (local.get $b) (local.get $H)) (local.get $h)) (local.get $W)))
            (local.set $w (i32.sub (i32.mul (local.get $ow) (local.get $sW)) (local.get $pl)))
            (if (i32.ge_u (local.get $h) (local.get $H))
              (then
                ;; A tap row above or below the image: KW runs of zeros at once.
                (memory.fill (local.get $cols) (i32.const 0) (i32.mul (local.get $KW) (local.get $run)))
                (local.set $cols (i32.add (local.get $cols) (i32.mul (local.get $KW) (local.get $run)))))
              (else (if (i32.and (i32.eq (local.get $dW) (i32.const 1))
                  (i32.and (i32.ge_s (local.get $w) (i32.const 0))
                    (i32.le_s (i32.add (local.get $w) (local.get $KW)) (local.get $W))))
                (then
                  ;; Undilated taps all inside the row: KW·Ci floats contiguous in x as in cols, one copy (for
                  ;; few channels, a call per 3-float tap was most of the gather's time).
                  (call $copyRun
                    (local.get $cols)
                    (i32.add (local.get $x) (i32.mul (i32.add (local.get $rowBase) (local.get $w)) (local.get $run)))
                    (i32.mul (local.get $KW) (local.get $Ci)))
                  (local.set $cols (i32.add (local.get $cols) (i32.mul (local.get $KW) (local.get $run)))))
                (else
            (local.set $kw (i32.const 0))
            (block $kwDone (loop $kws
              (br_if $kwDone (i32.ge_u (local.get $kw) (local.get $KW)))
              (local.set $w (i32.sub (i32.add (i32.mul (local.get $ow) (local.get $sW)) (i32.mul (local.get $kw) (local.get $dW))) (local.get $pl)))
              (if (i32.and (i32.lt_u (local.get $h) (local.get $H)) (i32.lt_u (local.get $w) (local.get $W)))
                (then
                  (call $copyRun
                    (local.get $cols)
                    (i32.add (local.get $x) (i32.mul (i32.add (local.get $rowBase) (local.get $w)) (local.get $run)))
                    (local.get $Ci)))
                (else (memory.fill (local.get $cols) (i32.const 0) (local.get $run))))
              (local.set $cols (i32.add (local.get $cols) (local.get $run)))
              (local.set $kw (i32.add (local.get $kw) (i32.const 1)))
              (br $kws)))))))
            (local.set $kh (i32.add (local.get $kh) (i32.const 1)))
            (br $khs)))
          (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
          (br $ows)))
        (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
        (br $ohs)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $images))))

;; dx += the gradient of max pooling: each dy goes to the first maximum of its window (strict >, the cpu
  ;; backend's choice on ties), four channels at a time. dx must be zero on entry. Byte pointers; taps at
  ;; h = oh·sH − pt + kh·dH (kh < fH), likewise for w.
  (func $maxPoolGrad (export "maxPoolGrad")
    (param $x i32) (param $dy i32) (param $dx i32) (param $n i32) (param $H i32) (param $W i32) (param $C i32)
    (param $OH i32) (param $OW i32) (param $fH i32) (param $fW i32)
    (param $sH i32) (param $sW i32) (param $dH i32) (param $dW i32) (param $pt i32) (param $pl i32)
    (local $b i32) (local $oh i32) (local $ow i32) (local $kh i32) (local $kw i32) (local $h i32) (local $w i32)
    (local $c i32) (local $C4 i32) (local $tap i32) (local $at i32) (local $g i32)
    (local $best v128) (local $where v128) (local $v v128) (local $gt v128)
    (local $bestS f32) (local $whereS i32) (local $vS f32)
    (local.set $C4 (i32.and (local.get $C) (i32.const -4)))
    (block $imagesDone (loop $images
      (br_if $imagesDone (i32.ge_u (local.get $b) (local.get $n)))
      (local.set $oh (i32.const 0))
      (block $ohDone (loop $ohs
        (br_if $ohDone (i32.ge_u (local.get $oh) (local.get $OH)))
        (local.set $ow (i32.const 0))
        (block $owDone (loop $ows
          (br_if $owDone (i32.ge_u (local.get $ow) (local.get $OW)))
          ;; Channels by four: running maximum and where it was, per lane.
          (local.set $c (i32.const 0))
          (block $vecDone (loop $vecs
            (br_if $vecDone (i32.ge_u (local.get $c) (local.get $C4)))
            (local.set $best (f32x4.splat (f32.const -inf)))
            (local.set $where (i32x4.splat (i32.const -1)))
            (local.set $kh (i32.const 0))
            (block $khDone (loop $khs
              (br_if $khDone (i32.ge_u (local.get $kh) (local.get $fH)))
              (local.set $h (i32.add (i32.sub (i32.mul (local.get $oh) (local.get $sH)) (local.get $pt)) (i32.mul (local.get $kh) (local.get $dH))))
              (if (i32.lt_u (local.get $h) (local.get $H))
                (then
                  (local.set $kw (i32.const 0))
                  (block $kwDone (loop $kws
                    (br_if $kwDone (i32.ge_u (local.get $kw) (local.get $fW)))
                    (local.set $w (i32.add (i32.sub (i32.mul (local.get $ow) (local.get $sW)) (local.get $pl)) (i32.mul (local.get $kw) (local.get $dW))))
                    (if (i32.lt_u (local.get $w) (local.get $W))
                      (then
                        (local.set $tap (i32.shl
                          (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $H)) (local.get $h)) (local.get $W)) (local.get $w)) (local.get $C)) (local.get $c))
                          (i32.const 2)))
                        (local.set $v (v128.load (i32.add (local.get $x) (local.get $tap))))
                        (local.set $gt (f32x4.gt (local.get $v) (local.get $best)))
                        (local.set $best (v128.bitselect (local.get $v) (local.get $best) (local.get $gt)))
                        (local.set $where (v128.bitselect
                          (i32x4.add (i32x4.splat (local.get $tap)) (v128.const i32x4 0 4 8 12))
                          (local.get $where) (local.get $gt)))))
                    (local.set $kw (i32.add (local.get $kw) (i32.const 1)))
                    (br $kws)))))
              (local.set $kh (i32.add (local.get $kh) (i32.const 1)))
              (br $khs)))
            (local.set $g (i32.add (local.get $dy) (i32.shl
              (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $OH)) (local.get $oh)) (local.get $OW)) (local.get $ow)) (local.get $C)) (local.get $c))
              (i32.const 2))))
            (call $route (local.get $dx) (i32x4.extract_lane 0 (local.get $where)) (f32.load (local.get $g)))
            (call $route (local.get $dx) (i32x4.extract_lane 1 (local.get $where)) (f32.load offset=4 (local.get $g)))
            (call $route (local.get $dx) (i32x4.extract_lane 2 (local.get $where)) (f32.load offset=8 (local.get $g)))
            (call $route (local.get $dx) (i32x4.extract_lane 3 (local.get $where)) (f32.load offset=12 (local.get $g)))
            (local.set $c (i32.add (local.get $c) (i32.const 4)))
            (br $vecs)))
          ;; The channels left over, one at a time.
          (block $scalarDone (loop $scalars
            (br_if $scalarDone (i32.ge_u (local.get $c) (local.get $C)))
            (local.set $bestS (f32.const -inf))
            (local.set $whereS (i32.const -1))
            (local.set $kh (i32.const 0))
            (block $khDone2 (loop $khs2
              (br_if $khDone2 (i32.ge_u (local.get $kh) (local.get $fH)))
              (local.set $h (i32.add (i32.sub (i32.mul (local.get $oh) (local.get $sH)) (local.get $pt)) (i32.mul (local.get $kh) (local.get $dH))))
              (if (i32.lt_u (local.get $h) (local.get $H))
                (then
                  (local.set $kw (i32.const 0))
                  (block $kwDone2 (loop $kws2
                    (br_if $kwDone2 (i32.ge_u (local.get $kw) (local.get $fW)))
                    (local.set $w (i32.add (i32.sub (i32.mul (local.get $ow) (local.get $sW)) (local.get $pl)) (i32.mul (local.get $kw) (local.get $dW))))
                    (if (i32.lt_u (local.get $w) (local.get $W))
                      (then
                        (local.set $tap (i32.shl
                          (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $H)) (local.get $h)) (local.get $W)) (local.get $w)) (local.get $C)) (local.get $c))
                          (i32.const 2)))
                        (local.set $vS (f32.load (i32.add (local.get $x) (local.get $tap))))
                        (if (f32.gt (local.get $vS) (local.get $bestS))
                          (then
                            (local.set $bestS (local.get $vS))
                            (local.set $whereS (local.get $tap))))))
                    (local.set $kw (i32.add (local.get $kw) (i32.const 1)))
                    (br $kws2)))))
              (local.set $kh (i32.add (local.get $kh) (i32.const 1)))
              (br $khs2)))
            (call $route (local.get $dx) (local.get $whereS)
              (f32.load (i32.add (local.get $dy) (i32.shl
                (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $OH)) (local.get $oh)) (local.get $OW)) (local.get $ow)) (local.get $C)) (local.get $c))
                (i32.const 2)))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $scalars)))
          (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
          (br $ows)))
        (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
        (br $ohs)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $images))))

;; MaxPoolGrad for channel counts divisible by 4, routed in SIMD: per output pixel, pass 1 keeps the
  ;; running maximum and its tap number for every channel in scratch (2 × C floats), tap by tap over the
  ;; pixel's channels (one address per tap, where $maxPoolGrad recomputed it per tap and channel group);
  ;; pass 2 adds dy to each tap's dx under the mask "this tap won" — no lane extraction, no scalar stores.
  ;; First maximum on ties; a lane whose window held only NaNs (or nothing) keeps tap -1 and routes nowhere.
  (func $maxPoolGradVec (export "maxPoolGradVec")
    (param $x i32) (param $dy i32) (param $dx i32) (param $n i32) (param $H i32) (param $W i32) (param $C i32)
    (param $OH i32) (param $OW i32) (param $fH i32) (param $fW i32)
    (param $sH i32) (param $sW i32) (param $dH i32) (param $dW i32) (param $pt i32) (param $pl i32)
    (param $scratch i32)
    (local $b i32) (local $oh i32) (local $ow i32) (local $kh i32) (local $kw i32) (local $h i32) (local $w i32)
    (local $k i32) (local $pixel i32) (local $tap i32) (local $p i32) (local $best i32) (local $arg i32) (local $g i32)
    (local $v v128) (local $old v128) (local $gt v128) (local $kv v128) (local $pass i32)
    (local.set $pixel (i32.shl (local.get $C) (i32.const 2)))
    (local.set $best (local.get $scratch))
    (local.set $arg (i32.add (local.get $scratch) (local.get $pixel)))
    (local.set $g (local.get $dy))
    (block $imagesDone (loop $images
      (br_if $imagesDone (i32.ge_u (local.get $b) (local.get $n)))
      (local.set $oh (i32.const 0))
      (block $ohDone (loop $ohs
        (br_if $ohDone (i32.ge_u (local.get $oh) (local.get $OH)))
        (local.set $ow (i32.const 0))
        (block $owDone (loop $ows
          (br_if $owDone (i32.ge_u (local.get $ow) (local.get $OW)))
          (local.set $p (i32.const 0))
          (block $initDone (loop $inits
            (br_if $initDone (i32.ge_u (local.get $p) (local.get $pixel)))
            (v128.store (i32.add (local.get $best) (local.get $p)) (f32x4.splat (f32.const -inf)))
            (v128.store (i32.add (local.get $arg) (local.get $p)) (i32x4.splat (i32.const -1)))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br $inits)))
          ;; pass 0: find the maxima; pass 1: route dy to them.
          (local.set $pass (i32.const 0))
          (block $passesDone (loop $passes
            (br_if $passesDone (i32.ge_u (local.get $pass) (i32.const 2)))
            (local.set $k (i32.const 0))
            (local.set $kh (i32.const 0))
            (block $khDone (loop $khs
              (br_if $khDone (i32.ge_u (local.get $kh) (local.get $fH)))
              (local.set $h (i32.add (i32.sub (i32.mul (local.get $oh) (local.get $sH)) (local.get $pt)) (i32.mul (local.get $kh) (local.get $dH))))
              (local.set $kw (i32.const 0))
              (block $kwDone (loop $kws
                (br_if $kwDone (i32.ge_u (local.get $kw) (local.get $fW)))
                (local.set $w (i32.add (i32.sub (i32.mul (local.get $ow) (local.get $sW)) (local.get $pl)) (i32.mul (local.get $kw) (local.get $dW))))
                (if (i32.and (i32.lt_u (local.get $h) (local.get $H)) (i32.lt_u (local.get $w) (local.get $W)))
                  (then
                    (local.set $tap (i32.mul
                      (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $H)) (local.get $h)) (local.get $W)) (local.get $w))
                      (local.get $pixel)))
                    (local.set $kv (i32x4.splat (local.get $k)))
                    (local.set $p (i32.const 0))
                    (if (i32.eqz (local.get $pass))
                      (then
                        (local.set $tap (i32.add (local.get $x) (local.get $tap)))
                        (block $findDone (loop $finds
                          (br_if $findDone (i32.ge_u (local.get $p) (local.get $pixel)))
                          (local.set $v (v128.load (i32.add (local.get $tap) (local.get $p))))
                          (local.set $old (v128.load (i32.add (local.get $best) (local.get $p))))
                          (local.set $gt (f32x4.gt (local.get $v) (local.get $old)))
                          (v128.store (i32.add (local.get $best) (local.get $p)) (v128.bitselect (local.get $v) (local.get $old) (local.get $gt)))
                          (v128.store (i32.add (local.get $arg) (local.get $p))
                            (v128.bitselect (local.get $kv) (v128.load (i32.add (local.get $arg) (local.get $p))) (local.get $gt)))
                          (local.set $p (i32.add (local.get $p) (i32.const 16)))
                          (br $finds))))
                      (else
                        (local.set $tap (i32.add (local.get $dx) (local.get $tap)))
                        (block $routeDone (loop $routes
                          (br_if $routeDone (i32.ge_u (local.get $p) (local.get $pixel)))
                          (v128.store (i32.add (local.get $tap) (local.get $p))
                            (f32x4.add
                              (v128.load (i32.add (local.get $tap) (local.get $p)))
                              (v128.and
                                (v128.load (i32.add (local.get $g) (local.get $p)))
                                (i32x4.eq (v128.load (i32.add (local.get $arg) (local.get $p))) (local.get $kv)))))
                          (local.set $p (i32.add (local.get $p) (i32.const 16)))
                          (br $routes)))))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (local.set $kw (i32.add (local.get $kw) (i32.const 1)))
                (br $kws)))
              (local.set $kh (i32.add (local.get $kh) (i32.const 1)))
              (br $khs)))
            (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
            (br $passes)))
          (local.set $g (i32.add (local.get $g) (local.get $pixel)))
          (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
          (br $ows)))
        (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
        (br $ohs)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $images))))

  ;; dx[at] += g, unless the window had no maximum (at < 0: empty, or only NaNs).
  (func $route (param $dx i32) (param $at i32) (param $g f32)
    (if (i32.ge_s (local.get $at) (i32.const 0))
      (then
        (f32.store (i32.add (local.get $dx) (local.get $at))
          (f32.add (f32.load (i32.add (local.get $dx) (local.get $at))) (local.get $g))))))

  ;; rows × run floats from src (srcStride floats apart) to dst (dstStride floats apart): slices and pads.
  (func $copyRows (export "copyRows") (param $src i32) (param $srcStride i32) (param $dst i32) (param $dstStride i32) (param $rows i32) (param $run i32)
    (local.set $srcStride (i32.shl (local.get $srcStride) (i32.const 2)))
    (local.set $dstStride (i32.shl (local.get $dstStride) (i32.const 2)))
    (block $done (loop $each
      (br_if $done (i32.eqz (local.get $rows)))
      (call $copyRun (local.get $dst) (local.get $src) (local.get $run))
      (local.set $src (i32.add (local.get $src) (local.get $srcStride)))
      (local.set $dst (i32.add (local.get $dst) (local.get $dstStride)))
      (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
      (br $each))))

  ;; Column sums of a [rows, cols] matrix in float64 (the gradient of a bias), two columns per vector.
  (func $columnSums (export "columnSums") (param $src i32) (param $rows i32) (param $cols i32) (param $acc i32)
    (local $r i32) (local $c i32) (local $row i32) (local $cols2 i32)
    (memory.fill (local.get $acc) (i32.const 0) (i32.shl (local.get $cols) (i32.const 3)))
    (local.set $cols2 (i32.and (local.get $cols) (i32.const -2)))
    (local.set $row (local.get $src))
    (block $rowsDone (loop $eachRow
      (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $c (i32.const 0))
      (block $pairsDone (loop $pairs
        (br_if $pairsDone (i32.ge_u (local.get $c) (local.get $cols2)))
        (v128.store (i32.add (local.get $acc) (i32.shl (local.get $c) (i32.const 3)))
          (f64x2.add
            (v128.load (i32.add (local.get $acc) (i32.shl (local.get $c) (i32.const 3))))
            (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 2)))))))
        (local.set $c (i32.add (local.get $c) (i32.const 2)))
        (br $pairs)))
      (if (i32.lt_u (local.get $c) (local.get $cols))
        (then
          (f64.store (i32.add (local.get $acc) (i32.shl (local.get $c) (i32.const 3)))
            (f64.add
              (f64.load (i32.add (local.get $acc) (i32.shl (local.get $c) (i32.const 3))))
              (f64.promote_f32 (f32.load (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 2)))))))))
      (local.set $row (i32.add (local.get $row) (i32.shl (local.get $cols) (i32.const 2))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $eachRow))))

;; tanh of n floats: Eigen's 13/6 odd rational (|error| < 3e-8 on [−7.905, 7.905]), evaluated in float64
  ;; two lanes at a time (the same operations as dlkit's JS tanhInto, so the same bits); past the range,
  ;; 1 − 2e^(−2|x|).
  (func $tanh (export "tanh") (param $src i32) (param $dst i32) (param $n i32)
    (local $end i32) (local $end4 i32) (local $x v128) (local $y v128)
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $src) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $vectorsDone (loop $vectors
      (br_if $vectorsDone (i32.ge_u (local.get $src) (local.get $end4)))
      (local.set $x (v128.load (local.get $src)))
      (local.set $y (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
        (f32x4.demote_f64x2_zero (call $rational (f64x2.promote_low_f32x4 (local.get $x))))
        (f32x4.demote_f64x2_zero (call $rational (f64x2.promote_low_f32x4
          (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $x) (local.get $x)))))))
      (if (v128.any_true (f32x4.gt (f32x4.abs (local.get $x)) (f32x4.splat (f32.const 7.90531110763549805))))
        (then
          (local.set $y (f32x4.replace_lane 0 (local.get $y) (call $tanhTail (f32x4.extract_lane 0 (local.get $x)) (f32x4.extract_lane 0 (local.get $y)))))
          (local.set $y (f32x4.replace_lane 1 (local.get $y) (call $tanhTail (f32x4.extract_lane 1 (local.get $x)) (f32x4.extract_lane 1 (local.get $y)))))
          (local.set $y (f32x4.replace_lane 2 (local.get $y) (call $tanhTail (f32x4.extract_lane 2 (local.get $x)) (f32x4.extract_lane 2 (local.get $y)))))
          (local.set $y (f32x4.replace_lane 3 (local.get $y) (call $tanhTail (f32x4.extract_lane 3 (local.get $x)) (f32x4.extract_lane 3 (local.get $y)))))))
      (v128.store (local.get $dst) (local.get $y))
      (local.set $src (i32.add (local.get $src) (i32.const 16)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (br $vectors)))
    (block $scalarsDone (loop $scalars
      (br_if $scalarsDone (i32.ge_u (local.get $src) (local.get $end)))
      (f32.store (local.get $dst)
        (call $tanhTail (f32.load (local.get $src))
          (f32x4.extract_lane 0 (f32x4.demote_f64x2_zero (call $rational (f64x2.splat (f64.promote_f32 (f32.load (local.get $src)))))))))
      (local.set $src (i32.add (local.get $src) (i32.const 4)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
      (br $scalars))))

  ;; x·p(x²)/q(x²) for two float64 lanes, Horner's rule with separate multiplies and adds.
  (func $rational (param $x v128) (result v128)
    (local $x2 v128) (local $p v128) (local $q v128)
    (local.set $x2 (f64x2.mul (local.get $x) (local.get $x)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $x2) (f64x2.splat (f64.const -2.76076847742355e-16))) (f64x2.splat (f64.const 2.00018790482477e-13))))
    (local.set $p (f64x2.add (f64x2.mul (local.get $x2) (local.get $p)) (f64x2.splat (f64.const -8.60467152213735e-11))))
    (local.set $p (f64x2.add (f64x2.mul (local.get $x2) (local.get $p)) (f64x2.splat (f64.const 5.12229709037114e-8))))
    (local.set $p (f64x2.add (f64x2.mul (local.get $x2) (local.get $p)) (f64x2.splat (f64.const 1.48572235717979e-5))))
    (local.set $p (f64x2.add (f64x2.mul (local.get $x2) (local.get $p)) (f64x2.splat (f64.const 6.37261928875436e-4))))
    (local.set $p (f64x2.add (f64x2.mul (local.get $x2) (local.get $p)) (f64x2.splat (f64.const 4.89352455891786e-3))))
    (local.set $q (f64x2.add (f64x2.mul (local.get $x2) (f64x2.splat (f64.const 1.19825839466702e-6))) (f64x2.splat (f64.const 1.18534705686654e-4))))
    (local.set $q (f64x2.add (f64x2.mul (local.get $x2) (local.get $q)) (f64x2.splat (f64.const 2.26843463243900e-3))))
    (local.set $q (f64x2.add (f64x2.mul (local.get $x2) (local.get $q)) (f64x2.splat (f64.const 4.89352518554385e-3))))
    (f64x2.div (f64x2.mul (local.get $x) (local.get $p)) (local.get $q)))

  ;; The rational's value where it is valid, else ±(1 − 2e^(−2|x|)) (exact to float32 there).
  (func $tanhTail (param $x f32) (param $rational f32) (result f32)
    (local $r f64)
    (if (result f32) (f32.gt (f32.abs (local.get $x)) (f32.const 7.90531110763549805))
      (then
        (local.set $r (f64.sub (f64.const 1)
          (f64.mul (f64.const 2) (call $exp (f64.mul (f64.const -2) (f64.promote_f32 (f32.abs (local.get $x))))))))
        (f32.demote_f64 (select (f64.neg (local.get $r)) (local.get $r) (f32.lt (local.get $x) (f32.const 0)))))
      (else (local.get $rational))))

  ;; dst[0..count) += src[0..count)
  (func $addRun (param $dst i32) (param $src i32) (param $count i32)
    (local $end i32) (local $end4 i32)
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $count) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $dst) (i32.shl (i32.and (local.get $count) (i32.const -4)) (i32.const 2))))
    (block $vectorsDone (loop $vectors
      (br_if $vectorsDone (i32.ge_u (local.get $dst) (local.get $end4)))
      (v128.store (local.get $dst) (f32x4.add (v128.load (local.get $dst)) (v128.load (local.get $src))))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (local.set $src (i32.add (local.get $src) (i32.const 16)))
      (br $vectors)))
    (block $scalarsDone (loop $scalars
      (br_if $scalarsDone (i32.ge_u (local.get $dst) (local.get $end)))
      (f32.store (local.get $dst) (f32.add (f32.load (local.get $dst)) (f32.load (local.get $src))))
      (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
      (local.set $src (i32.add (local.get $src) (i32.const 4)))
      (br $scalars))))

  ;; dst[0..count) = src[0..count)
  (func $copyRun (param $dst i32) (param $src i32) (param $count i32)
    (local $end i32) (local $end4 i32)
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $count) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $dst) (i32.shl (i32.and (local.get $count) (i32.const -4)) (i32.const 2))))
    (block $vectorsDone (loop $vectors
      (br_if $vectorsDone (i32.ge_u (local.get $dst) (local.get $end4)))
      (v128.store (local.get $dst) (v128.load (local.get $src)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (local.set $src (i32.add (local.get $src) (i32.const 16)))
      (br $vectors)))
    (block $scalarsDone (loop $scalars
      (br_if $scalarsDone (i32.ge_u (local.get $dst) (local.get $end)))
      (f32.store (local.get $dst) (f32.load (local.get $src)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
      (local.set $src (i32.add (local.get $src) (i32.const 4)))
      (br $scalars))))

  (func $zeroRows (param $c i32) (param $m i32) (param $n i32) (param $ldc i32)
    (local $i i32)
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $m)))
        (memory.fill (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $ldc))) (i32.const 0) (i32.shl (local.get $n) (i32.const 2)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; The engine's ceiling: `iters` turns of 12 independent multiply-add chains held in registers (no memory
  ;; traffic), 48 multiply-adds a turn. Returns a lane sum so the work cannot be optimised away.
  (func $peak (export "peak") (param $iters i32) (result f32)
    (local $x v128) (local $y v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $s4 v128) (local $s5 v128)
    (local $s6 v128) (local $s7 v128) (local $s8 v128) (local $s9 v128) (local $s10 v128) (local $s11 v128)
    (local.set $x (f32x4.splat (f32.const 0.999)))
    (local.set $y (f32x4.splat (f32.const 0.001)))
    (block $done
      (loop $turn
        (br_if $done (i32.eqz (local.get $iters)))
        (local.set $s0 (f32x4.relaxed_madd (local.get $s0) (local.get $x) (local.get $y)))
        (local.set $s1 (f32x4.relaxed_madd (local.get $s1) (local.get $x) (local.get $y)))
        (local.set $s2 (f32x4.relaxed_madd (local.get $s2) (local.get $x) (local.get $y)))
        (local.set $s3 (f32x4.relaxed_madd (local.get $s3) (local.get $x) (local.get $y)))
        (local.set $s4 (f32x4.relaxed_madd (local.get $s4) (local.get $x) (local.get $y)))
        (local.set $s5 (f32x4.relaxed_madd (local.get $s5) (local.get $x) (local.get $y)))
        (local.set $s6 (f32x4.relaxed_madd (local.get $s6) (local.get $x) (local.get $y)))
        (local.set $s7 (f32x4.relaxed_madd (local.get $s7) (local.get $x) (local.get $y)))
        (local.set $s8 (f32x4.relaxed_madd (local.get $s8) (local.get $x) (local.get $y)))
        (local.set $s9 (f32x4.relaxed_madd (local.get $s9) (local.get $x) (local.get $y)))
        (local.set $s10 (f32x4.relaxed_madd (local.get $s10) (local.get $x) (local.get $y)))
        (local.set $s11 (f32x4.relaxed_madd (local.get $s11) (local.get $x) (local.get $y)))
        (local.set $iters (i32.sub (local.get $iters) (i32.const 1)))
        (br $turn)))
    (f32x4.extract_lane 0
      (f32x4.add
        (f32x4.add (f32x4.add (f32x4.add (local.get $s0) (local.get $s1)) (f32x4.add (local.get $s2) (local.get $s3)))
                   (f32x4.add (f32x4.add (local.get $s4) (local.get $s5)) (f32x4.add (local.get $s6) (local.get $s7))))
        (f32x4.add (f32x4.add (local.get $s8) (local.get $s9)) (f32x4.add (local.get $s10) (local.get $s11))))))
)
