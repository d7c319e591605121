;; Local response normalisation across channels (tf.localResponseNormalization's LRN and LRNGrad kernels)
;; for the wasm engine, in the memory of tfjs-backend-wasm's Emscripten module (imported), like kernels.wat.
;;
;;   N[c] = bias + alpha · S[c],  S[c] = Σ_{c' = max(0, c−r)}^{min(C−1, c+r)} x[c']²,  y[c] = x[c] · N[c]^(−β)
;;   dx[k] = dy[k] · N[k]^(−β) − 2αβ · x[k] · Σ_{c = max(0, k−r)}^{min(C−1, k+r)} dy[c] · y[c] / N[c]
;;
;; (the gradient's window sum runs over the same channels as the forward one because the window is symmetric).
;; Tensors are NHWC float32, so each pixel's C channels are contiguous; every pixel is done on its own.
;; Window sums are O(C) per pixel whatever the radius, in float64 (squares of float32 values are exact there),
;; by van Herk and Gil-Werman's block tails and heads: additions only, as a running sum's subtractions lose
;; small squares next to a huge one (1e30 + 9 − 1e30 = 0 in float64). The element-wise passes are
;; float64 pairs (f64x2); N^(−β) takes a square-root path for β = 1/2, 3/4 and 1 (mode 1, 2, 3, accurate to
;; a few float64 ulps) and exp(−β ln N) by polynomials otherwise (mode 0, within about 1e-9; Math.pow, imported,
;; for lanes out of their range). No relaxed instruction: one build serves every engine with SIMD.
;;
;; All pointers in bytes. `scratch` must hold 4·C + 4·r + 5 float64 (8-byte aligned); r is at most C.
(module
  (import "env" "memory" (memory 1))
  (import "env" "pow" (func $pow (param f64 f64) (result f64)))

  ;; lrn(x, y, pixels, C, r, bias, alpha, beta, mode, scratch): y = LRN(x) over `pixels` rows of C channels.
  (func (export "lrn")
    (param $x i32) (param $y i32) (param $pixels i32) (param $C i32) (param $r i32)
    (param $bias f64) (param $alpha f64) (param $beta f64) (param $mode i32) (param $scratch i32)
    (local $sq i32) (local $s i32) (local $c i32) (local $n i32) (local $at i32) (local $end i32)
    (local $xv v128) (local $nv v128) (local $even i32) (local $biasv v128) (local $alphav v128) (local $g i32)
    (local.set $g (call $blockScratch (local.get $scratch) (local.get $C) (local.get $r)))
    (local.set $even (i32.and (local.get $C) (i32.const -2)))
    (local.set $biasv (f64x2.splat (local.get $bias)))
    (local.set $alphav (f64x2.splat (local.get $alpha)))
    ;; A: r + 1 zeros, C squares, r + 1 zeros; then S, C + 1 float64.
    (local.set $sq (i32.add (local.get $scratch) (i32.shl (i32.add (local.get $r) (i32.const 1)) (i32.const 3))))
    (local.set $s (call $padded (local.get $scratch) (local.get $C) (local.get $r)))
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.mul (local.get $pixels) (local.get $C)) (i32.const 2))))
    (block $pixelsDone (loop $pixelLoop
      (br_if $pixelsDone (i32.ge_u (local.get $x) (local.get $end)))
      (call $squares (local.get $x) (local.get $sq) (local.get $C))
      (call $windowSums (local.get $sq) (local.get $s) (local.get $C) (local.get $r) (local.get $g))
      ;; Whole pairs inline; then the last channel of an odd row through the general loop.
      (local.set $c (i32.const 0))
      (block $done (loop $whole
        (br_if $done (i32.ge_u (local.get $c) (local.get $even)))
        (local.set $at (i32.shl (local.get $c) (i32.const 2)))
        (local.set $nv (f64x2.add (local.get $biasv)
          (f64x2.mul (local.get $alphav) (v128.load (i32.add (local.get $s) (i32.shl (local.get $c) (i32.const 3)))))))
        (local.set $nv (call $negPow (local.get $nv) (local.get $beta) (local.get $mode)))
        (v128.store64_lane 0 (i32.add (local.get $y) (local.get $at))
          (f32x4.demote_f64x2_zero (f64x2.mul (local.get $nv)
            (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $x) (local.get $at)))))))
        (local.set $c (i32.add (local.get $c) (i32.const 2)))
        (br $whole)))
      (block $done (loop $pairs
        (local.set $n (call $width (local.get $c) (local.get $C)))
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        (local.set $at (i32.shl (local.get $c) (i32.const 2)))
        (local.set $xv (call $load32 (i32.add (local.get $x) (local.get $at)) (local.get $n)))
        (local.set $nv (f64x2.add (f64x2.splat (local.get $bias))
          (f64x2.mul (f64x2.splat (local.get $alpha)) (v128.load (i32.add (local.get $s) (i32.shl (local.get $c) (i32.const 3)))))))
        (call $store32 (i32.add (local.get $y) (local.get $at))
          (f64x2.mul (local.get $xv) (call $negPow (local.get $nv) (local.get $beta) (local.get $mode)))
          (local.get $n))
        (local.set $c (i32.add (local.get $c) (i32.const 2)))
        (br $pairs)))
      (local.set $x (i32.add (local.get $x) (i32.shl (local.get $C) (i32.const 2))))
      (local.set $y (i32.add (local.get $y) (i32.shl (local.get $C) (i32.const 2))))
      (br $pixelLoop))))

  ;; lrnGrad(x, y, dy, dx, pixels, C, r, bias, alpha, beta, mode, scratch): dx of LRN at x (y = LRN(x)).
  (func (export "lrnGrad")
    (param $x i32) (param $y i32) (param $dy i32) (param $dx i32) (param $pixels i32) (param $C i32) (param $r i32)
    (param $bias f64) (param $alpha f64) (param $beta f64) (param $mode i32) (param $scratch i32)
    (local $a i32) (local $s i32) (local $t i32) (local $c i32) (local $n i32) (local $at i32) (local $at8 i32)
    (local $end i32) (local $nv v128) (local $dyv v128) (local $k v128) (local $even i32) (local $biasv v128)
    (local $alphav v128) (local $g i32)
    (local.set $g (call $blockScratch (local.get $scratch) (local.get $C) (local.get $r)))
    (local.set $even (i32.and (local.get $C) (i32.const -2)))
    (local.set $biasv (f64x2.splat (local.get $bias)))
    (local.set $alphav (f64x2.splat (local.get $alpha)))
    ;; A (padded: squares, then dy·y/N); S (the window sums of squares, then N^(−β)); T (window sums of A).
    (local.set $a (i32.add (local.get $scratch) (i32.shl (i32.add (local.get $r) (i32.const 1)) (i32.const 3))))
    (local.set $s (call $padded (local.get $scratch) (local.get $C) (local.get $r)))
    (local.set $t (i32.add (local.get $s) (i32.shl (i32.add (local.get $C) (i32.const 1)) (i32.const 3))))
    (local.set $k (f64x2.splat (f64.mul (f64.const -2) (f64.mul (local.get $alpha) (local.get $beta)))))
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.mul (local.get $pixels) (local.get $C)) (i32.const 2))))
    (block $pixelsDone (loop $pixelLoop
      (br_if $pixelsDone (i32.ge_u (local.get $x) (local.get $end)))
      (call $squares (local.get $x) (local.get $a) (local.get $C))
      (call $windowSums (local.get $a) (local.get $s) (local.get $C) (local.get $r) (local.get $g))
      ;; Whole pairs inline; then the last channel of an odd row through the general loop (twice below).
      (local.set $c (i32.const 0))
      (block $done (loop $whole
        (br_if $done (i32.ge_u (local.get $c) (local.get $even)))
        (local.set $at (i32.shl (local.get $c) (i32.const 2)))
        (local.set $at8 (i32.shl (local.get $c) (i32.const 3)))
        (local.set $nv (f64x2.add (local.get $biasv)
          (f64x2.mul (local.get $alphav) (v128.load (i32.add (local.get $s) (local.get $at8))))))
        (v128.store (i32.add (local.get $a) (local.get $at8))
          (f64x2.div
            (f64x2.mul
              (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $dy) (local.get $at))))
              (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $y) (local.get $at)))))
            (local.get $nv)))
        (v128.store (i32.add (local.get $s) (local.get $at8))
          (call $negPow (local.get $nv) (local.get $beta) (local.get $mode)))
        (local.set $c (i32.add (local.get $c) (i32.const 2)))
        (br $whole)))
      (block $done (loop $pairs
        (local.set $n (call $width (local.get $c) (local.get $C)))
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        (local.set $at (i32.shl (local.get $c) (i32.const 2)))
        (local.set $at8 (i32.shl (local.get $c) (i32.const 3)))
        (local.set $nv (f64x2.add (f64x2.splat (local.get $bias))
          (f64x2.mul (f64x2.splat (local.get $alpha)) (v128.load (i32.add (local.get $s) (local.get $at8))))))
        (call $store64 (i32.add (local.get $a) (local.get $at8))
          (f64x2.div
            (f64x2.mul (call $load32 (i32.add (local.get $dy) (local.get $at)) (local.get $n))
              (call $load32 (i32.add (local.get $y) (local.get $at)) (local.get $n)))
            (local.get $nv))
          (local.get $n))
        (call $store64 (i32.add (local.get $s) (local.get $at8))
          (call $negPow (local.get $nv) (local.get $beta) (local.get $mode)) (local.get $n))
        (local.set $c (i32.add (local.get $c) (i32.const 2)))
        (br $pairs)))
      (call $windowSums (local.get $a) (local.get $t) (local.get $C) (local.get $r) (local.get $g))
      (local.set $c (i32.const 0))
      (block $done (loop $whole
        (br_if $done (i32.ge_u (local.get $c) (local.get $even)))
        (local.set $at (i32.shl (local.get $c) (i32.const 2)))
        (local.set $at8 (i32.shl (local.get $c) (i32.const 3)))
        (v128.store64_lane 0 (i32.add (local.get $dx) (local.get $at))
          (f32x4.demote_f64x2_zero
            (f64x2.add
              (f64x2.mul
                (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $dy) (local.get $at))))
                (v128.load (i32.add (local.get $s) (local.get $at8))))
              (f64x2.mul (local.get $k)
                (f64x2.mul
                  (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $x) (local.get $at))))
                  (v128.load (i32.add (local.get $t) (local.get $at8))))))))
        (local.set $c (i32.add (local.get $c) (i32.const 2)))
        (br $whole)))
      (block $done (loop $pairs
        (local.set $n (call $width (local.get $c) (local.get $C)))
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        (local.set $at (i32.shl (local.get $c) (i32.const 2)))
        (local.set $at8 (i32.shl (local.get $c) (i32.const 3)))
        (local.set $dyv (call $load32 (i32.add (local.get $dy) (local.get $at)) (local.get $n)))
        (call $store32 (i32.add (local.get $dx) (local.get $at))
          (f64x2.add
            (f64x2.mul (local.get $dyv) (v128.load (i32.add (local.get $s) (local.get $at8))))
            (f64x2.mul (local.get $k)
              (f64x2.mul (call $load32 (i32.add (local.get $x) (local.get $at)) (local.get $n))
                (v128.load (i32.add (local.get $t) (local.get $at8))))))
          (local.get $n))
        (local.set $c (i32.add (local.get $c) (i32.const 2)))
        (br $pairs)))
      (local.set $x (i32.add (local.get $x) (i32.shl (local.get $C) (i32.const 2))))
      (local.set $y (i32.add (local.get $y) (i32.shl (local.get $C) (i32.const 2))))
      (local.set $dy (i32.add (local.get $dy) (i32.shl (local.get $C) (i32.const 2))))
      (local.set $dx (i32.add (local.get $dx) (i32.shl (local.get $C) (i32.const 2))))
      (br $pixelLoop))))

  ;; Where $windowSums' block heads go: after the padded row and two plain rows, 3·C + 2·r + 4 float64 in.
  (func $blockScratch (param $scratch i32) (param $C i32) (param $r i32) (result i32)
    (i32.add (local.get $scratch)
      (i32.shl (i32.add (i32.mul (local.get $C) (i32.const 3)) (i32.add (i32.shl (local.get $r) (i32.const 1)) (i32.const 4)))
        (i32.const 3))))

  ;; Zeroes the padded row at `scratch` (r + 1, C, r + 1 float64) and returns the address just past it.
  (func $padded (param $scratch i32) (param $C i32) (param $r i32) (result i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $scratch)
      (i32.shl (i32.add (local.get $C) (i32.shl (i32.add (local.get $r) (i32.const 1)) (i32.const 1))) (i32.const 3))))
    (block $done (loop $zero
      (br_if $done (i32.ge_u (local.get $scratch) (local.get $end)))
      (i64.store (local.get $scratch) (i64.const 0))
      (local.set $scratch (i32.add (local.get $scratch) (i32.const 8)))
      (br $zero)))
    (local.get $end))

  ;; dst[c] = x[c]² in float64, c < C (exact: a float32 square fits in a float64).
  (func $squares (param $x i32) (param $dst i32) (param $C i32)
    (local $c i32) (local $n i32) (local $v v128) (local $even i32)
    (local.set $even (i32.and (local.get $C) (i32.const -2)))
    (block $done (loop $whole
      (br_if $done (i32.ge_u (local.get $c) (local.get $even)))
      (local.set $v (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $x) (i32.shl (local.get $c) (i32.const 2))))))
      (v128.store (i32.add (local.get $dst) (i32.shl (local.get $c) (i32.const 3))) (f64x2.mul (local.get $v) (local.get $v)))
      (local.set $c (i32.add (local.get $c) (i32.const 2)))
      (br $whole)))
    (block $done (loop $pairs
      (local.set $n (call $width (local.get $c) (local.get $C)))
      (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
      (local.set $v (call $load32 (i32.add (local.get $x) (i32.shl (local.get $c) (i32.const 2))) (local.get $n)))
      (call $store64 (i32.add (local.get $dst) (i32.shl (local.get $c) (i32.const 3)))
        (f64x2.mul (local.get $v) (local.get $v)) (local.get $n))
      (local.set $c (i32.add (local.get $c) (i32.const 2)))
      (br $pairs))))

  ;; dst[c] = Σ_{o = −r}^{r} src[c + o], c < C (src has r + 1 zeros on each side), by van Herk and Gil-Werman's
  ;; blocks: over the padded row A (A[j] = src[j − r]) cut into blocks of w = 2r + 1, the window starting at
  ;; A[c] is the tail of c's block (A[c] to the block's end) plus the head of the next block before A[c + w]
  ;; (empty when c starts a block). O(C) whatever the radius, and only additions: a running sum's
  ;; subtraction of a huge square would wipe out the small ones beside it. Block by block, so the sums of
  ;; successive blocks are independent chains the CPU overlaps. `g` is scratch for C + 2r + 1 float64.
  (func $windowSums (param $src i32) (param $dst i32) (param $C i32) (param $r i32) (param $g i32)
    (local $a i32) (local $w i32) (local $len i32) (local $j i32) (local $start i32) (local $stop i32)
    (local $sum f64)
    (local.set $a (i32.sub (local.get $src) (i32.shl (local.get $r) (i32.const 3))))
    (local.set $w (i32.add (i32.shl (local.get $r) (i32.const 1)) (i32.const 1)))
    (local.set $len (i32.add (local.get $C) (i32.shl (local.get $r) (i32.const 1))))
    ;; Heads: g[j] = A summed from the start of j's block up to, not including, j; for j ≤ len.
    (block $blocksDone (loop $blocks
      (br_if $blocksDone (i32.gt_u (local.get $start) (local.get $len)))
      (local.set $stop (i32.add (local.get $start) (local.get $w)))
      (if (i32.gt_u (local.get $stop) (i32.add (local.get $len) (i32.const 1)))
        (then (local.set $stop (i32.add (local.get $len) (i32.const 1)))))
      (local.set $sum (f64.const 0))
      (local.set $j (local.get $start))
      (block $done (loop $heads
        (br_if $done (i32.ge_u (local.get $j) (local.get $stop)))
        (f64.store (i32.add (local.get $g) (i32.shl (local.get $j) (i32.const 3))) (local.get $sum))
        (local.set $sum (f64.add (local.get $sum) (f64.load (i32.add (local.get $a) (i32.shl (local.get $j) (i32.const 3))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $heads)))
      (local.set $start (local.get $stop))
      (br $blocks)))
    ;; Tails, block by block from the end of each block down to its start (blocks starting before C only):
    ;; dst[c] = tail(c) + g[c + w].
    (local.set $start (i32.const 0))
    (block $blocksDone (loop $blocks
      (br_if $blocksDone (i32.ge_u (local.get $start) (local.get $C)))
      (local.set $j (i32.add (local.get $start) (local.get $w)))
      (if (i32.gt_u (local.get $j) (local.get $len)) (then (local.set $j (local.get $len))))
      (local.set $sum (f64.const 0))
      (block $done (loop $tails
        (br_if $done (i32.le_u (local.get $j) (local.get $start)))
        (local.set $j (i32.sub (local.get $j) (i32.const 1)))
        (local.set $sum (f64.add (local.get $sum) (f64.load (i32.add (local.get $a) (i32.shl (local.get $j) (i32.const 3))))))
        (if (i32.lt_u (local.get $j) (local.get $C))
          (then
            (f64.store (i32.add (local.get $dst) (i32.shl (local.get $j) (i32.const 3)))
              (f64.add (local.get $sum)
                (f64.load (i32.add (local.get $g) (i32.shl (i32.add (local.get $j) (local.get $w)) (i32.const 3))))))))
        (br $tails)))
      (local.set $start (i32.add (local.get $start) (local.get $w)))
      (br $blocks))))

  ;; N^(−β), lane-wise (N > 0 in practice; whatever Math.pow gives otherwise).
  (func $negPow (param $nv v128) (param $beta f64) (param $mode i32) (result v128)
    (local $root v128)
    (if (i32.eq (local.get $mode) (i32.const 2))
      (then
        (local.set $root (f64x2.sqrt (local.get $nv)))
        (return (f64x2.div (f64x2.splat (f64.const 1))
          (f64x2.mul (local.get $root) (f64x2.sqrt (local.get $root)))))))
    (if (i32.eq (local.get $mode) (i32.const 1))
      (then (return (f64x2.div (f64x2.splat (f64.const 1)) (f64x2.sqrt (local.get $nv))))))
    (if (i32.eq (local.get $mode) (i32.const 3))
      (then (return (f64x2.div (f64x2.splat (f64.const 1)) (local.get $nv)))))
    (call $negPowAny (local.get $nv) (local.get $beta)))

  ;; N^(−β) for any β as exp(−β ln N), both in float64 SIMD and to about 1e-9, far below float32's rounding:
  ;; ln from N = 2^e · m (m in [√½, √2)) and the atanh series of s = (m − 1)/(m + 1) (|s| < 0.172: five
  ;; terms, error below 1e-9), exp from z = k ln 2 + r (|r| ≤ ln 2 / 2) and Taylor to r⁹ (error below 3e-10),
  ;; then 2^k from its exponent bits. Horner chains are latency-bound: no more terms than float32 needs.
  ;; Lanes outside the normal range (N not a positive normal number, |z| > 700: zeros, infinities, NaN,
  ;; denormals) go to Math.pow instead, so the edge cases are Math.pow's.
  (func $negPowAny (param $nv v128) (param $beta f64) (result v128)
    (local $bits v128) (local $e v128) (local $m v128) (local $big v128) (local $s v128) (local $s2 v128)
    (local $p v128) (local $z v128) (local $k v128) (local $r v128) (local $ok v128)
    (local.set $bits (local.get $nv))
    ;; Exponent and mantissa; a mantissa above √2 is halved (and the exponent raised) to centre the series.
    (local.set $e (i64x2.sub (i64x2.shr_u (local.get $bits) (i32.const 52)) (i64x2.splat (i64.const 1023))))
    (local.set $m (v128.or
      (v128.and (local.get $bits) (i64x2.splat (i64.const 0x000FFFFFFFFFFFFF)))
      (i64x2.splat (i64.const 0x3FF0000000000000))))
    (local.set $big (f64x2.gt (local.get $m) (f64x2.splat (f64.const 1.4142135623730951))))
    (local.set $m (v128.bitselect (f64x2.mul (local.get $m) (f64x2.splat (f64.const 0.5))) (local.get $m) (local.get $big)))
    (local.set $e (i64x2.sub (local.get $e) (local.get $big)))
    (local.set $s (f64x2.div
      (f64x2.sub (local.get $m) (f64x2.splat (f64.const 1)))
      (f64x2.add (local.get $m) (f64x2.splat (f64.const 1)))))
    (local.set $s2 (f64x2.mul (local.get $s) (local.get $s)))
    (local.set $p (f64x2.splat (f64.const 0.1111111111111111)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $s2)) (f64x2.splat (f64.const 0.14285714285714285))))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $s2)) (f64x2.splat (f64.const 0.2))))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $s2)) (f64x2.splat (f64.const 0.3333333333333333))))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $s2)) (f64x2.splat (f64.const 1))))
    ;; z = −β (e ln 2 + 2 s p); e as float64 from the low 32 bits of each 64-bit lane.
    (local.set $z (f64x2.mul (f64x2.splat (f64.neg (local.get $beta)))
      (f64x2.add
        (f64x2.mul
          (f64x2.convert_low_i32x4_s (i8x16.shuffle 0 1 2 3 8 9 10 11 0 1 2 3 8 9 10 11 (local.get $e) (local.get $e)))
          (f64x2.splat (f64.const 0.6931471805599453)))
        (f64x2.mul (f64x2.add (local.get $s) (local.get $s)) (local.get $p)))))
    (local.set $k (f64x2.nearest (f64x2.mul (local.get $z) (f64x2.splat (f64.const 1.4426950408889634)))))
    (local.set $r (f64x2.sub (local.get $z) (f64x2.mul (local.get $k) (f64x2.splat (f64.const 0.6931471805599453)))))
    ;; e^r = Σ_{i ≤ 9} r^i / i!, by Horner.
    (local.set $p (f64x2.splat (f64.const 2.7557319223985893e-6)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (f64x2.splat (f64.const 2.48015873015873e-5))))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (f64x2.splat (f64.const 1.984126984126984e-4))))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (f64x2.splat (f64.const 1.388888888888889e-3))))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (f64x2.splat (f64.const 8.333333333333333e-3))))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (f64x2.splat (f64.const 4.1666666666666664e-2))))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (f64x2.splat (f64.const 0.16666666666666666))))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (f64x2.splat (f64.const 0.5))))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (f64x2.splat (f64.const 1))))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (f64x2.splat (f64.const 1))))
    ;; × 2^k: k + 1023 in the exponent field.
    (local.set $p (f64x2.mul (local.get $p)
      (i64x2.shl
        (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get $k))) (i64x2.splat (i64.const 1023)))
        (i32.const 52))))
    (local.set $ok (v128.and
      (v128.and
        (f64x2.ge (local.get $nv) (f64x2.splat (f64.const 2.2250738585072014e-308)))
        (f64x2.lt (local.get $nv) (f64x2.splat (f64.const inf))))
      (f64x2.le (f64x2.abs (local.get $z)) (f64x2.splat (f64.const 700)))))
    (if (result v128) (i64x2.all_true (local.get $ok))
      (then (local.get $p))
      (else
        (f64x2.replace_lane 1
          (f64x2.splat (call $pow (f64x2.extract_lane 0 (local.get $nv)) (f64.neg (local.get $beta))))
          (call $pow (f64x2.extract_lane 1 (local.get $nv)) (f64.neg (local.get $beta)))))))

  ;; How many channels the pair starting at c covers: 2, 1 (the last of an odd row), or ≤ 0 when the row is done.
  (func $width (param $c i32) (param $C i32) (result i32)
    (select (i32.const 2) (i32.sub (local.get $C) (local.get $c))
      (i32.ge_s (i32.sub (local.get $C) (local.get $c)) (i32.const 2))))

  ;; `n` (1 or 2) float32 at p as float64 lanes; a missing second lane is 0. Never reads past the row.
  (func $load32 (param $p i32) (param $n i32) (result v128)
    (f64x2.promote_low_f32x4
      (if (result v128) (i32.eq (local.get $n) (i32.const 2))
        (then (v128.load64_zero (local.get $p)))
        (else (v128.load32_zero (local.get $p))))))

  ;; Stores the first `n` lanes as float32. Never writes past the row.
  (func $store32 (param $p i32) (param $v v128) (param $n i32)
    (local.set $v (f32x4.demote_f64x2_zero (local.get $v)))
    (if (i32.eq (local.get $n) (i32.const 2))
      (then (v128.store64_lane 0 (local.get $p) (local.get $v)))
      (else (v128.store32_lane 0 (local.get $p) (local.get $v)))))

  ;; Stores the first `n` float64 lanes (the padding after a row must stay zero).
  (func $store64 (param $p i32) (param $v v128) (param $n i32)
    (if (i32.eq (local.get $n) (i32.const 2))
      (then (v128.store (local.get $p) (local.get $v)))
      (else (v128.store64_lane 0 (local.get $p) (local.get $v))))))
