;; WebAssembly SIMD (128-bit) inner loops for svm-bridge's solvers: dot products and axpy over rows that live
;; in one imported memory. scripts/assemble-wasm.mjs assembles this file into simd-kernels-wasm.generated.ts
;; at build time (≈ 1.3 kB, compiled synchronously: under browsers' main-thread limit).
;;
;; Arithmetic is float64 (f64x2); float32 inputs are widened exactly (f64x2.promote_low_f32x4), so results
;; match the scalar TypeScript loops up to summation order. All pointers are byte offsets into the memory.
(module
  (import "env" "mem" (memory 1))

  ;; dotF32F64(x, w, n) = Σ_k f32 x[k] · f64 w[k]. Eight elements per iteration in four f64x2
  ;; accumulators (independent dependency chains), then a scalar tail.
  (func $dotF32F64 (export "dotF32F64") (param $x i32) (param $w i32) (param $n i32) (result f64)
    (local $end8 i32) (local $end i32)
    (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128) (local $s f64)
    (local.set $end8 (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 2))))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $acc0 (f64x2.splat (f64.const 0)))
    (local.set $acc1 (f64x2.splat (f64.const 0)))
    (local.set $acc2 (f64x2.splat (f64.const 0)))
    (local.set $acc3 (f64x2.splat (f64.const 0)))
    (block $done
      (loop $eights
        (br_if $done (i32.ge_u (local.get $x) (local.get $end8)))
        (local.set $acc0 (f64x2.add (local.get $acc0)
          (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $x))) (v128.load (local.get $w)))))
        (local.set $acc1 (f64x2.add (local.get $acc1)
          (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (local.get $x))) (v128.load offset=16 (local.get $w)))))
        (local.set $acc2 (f64x2.add (local.get $acc2)
          (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero offset=16 (local.get $x))) (v128.load offset=32 (local.get $w)))))
        (local.set $acc3 (f64x2.add (local.get $acc3)
          (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero offset=24 (local.get $x))) (v128.load offset=48 (local.get $w)))))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (local.set $w (i32.add (local.get $w) (i32.const 64)))
        (br $eights)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $s (f64.add (local.get $s)
          (f64.mul (f64.promote_f32 (f32.load (local.get $x))) (f64.load (local.get $w)))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $w (i32.add (local.get $w) (i32.const 8)))
        (br $tail)))
    (local.set $acc0 (f64x2.add
      (f64x2.add (local.get $acc0) (local.get $acc1))
      (f64x2.add (local.get $acc2) (local.get $acc3))))
    (f64.add
      (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0)))
      (local.get $s)))

  ;; axpyF32F64(a, x, w, n): f64 w[k] += a · f32 x[k]. Four elements per iteration, then a scalar tail;
  ;; one multiply and one add per element, as the scalar loop (so the results are exactly the same).
  (func $axpyF32F64 (export "axpyF32F64") (param $a f64) (param $x i32) (param $w i32) (param $n i32)
    (local $end4 i32) (local $end i32) (local $av v128)
    (local.set $end4 (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $av (f64x2.splat (local.get $a)))
    (block $done
      (loop $fours
        (br_if $done (i32.ge_u (local.get $x) (local.get $end4)))
        (v128.store (local.get $w) (f64x2.add (v128.load (local.get $w))
          (f64x2.mul (local.get $av) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $x))))))
        (v128.store offset=16 (local.get $w) (f64x2.add (v128.load offset=16 (local.get $w))
          (f64x2.mul (local.get $av) (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (local.get $x))))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $w (i32.add (local.get $w) (i32.const 32)))
        (br $fours)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (f64.store (local.get $w) (f64.add (f64.load (local.get $w))
          (f64.mul (local.get $a) (f64.promote_f32 (f32.load (local.get $x))))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $w (i32.add (local.get $w) (i32.const 8)))
        (br $tail))))

  ;; dotF64(x, y, n) = Σ_k f64 x[k] · f64 y[k]: as dotF32F64 with float64 rows.
  (func $dotF64 (export "dotF64") (param $x i32) (param $y i32) (param $n i32) (result f64)
    (local $end8 i32) (local $end i32)
    (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128) (local $s f64)
    (local.set $end8 (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 3))))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $acc0 (f64x2.splat (f64.const 0)))
    (local.set $acc1 (f64x2.splat (f64.const 0)))
    (local.set $acc2 (f64x2.splat (f64.const 0)))
    (local.set $acc3 (f64x2.splat (f64.const 0)))
    (block $done
      (loop $eights
        (br_if $done (i32.ge_u (local.get $x) (local.get $end8)))
        (local.set $acc0 (f64x2.add (local.get $acc0)
          (f64x2.mul (v128.load (local.get $x)) (v128.load (local.get $y)))))
        (local.set $acc1 (f64x2.add (local.get $acc1)
          (f64x2.mul (v128.load offset=16 (local.get $x)) (v128.load offset=16 (local.get $y)))))
        (local.set $acc2 (f64x2.add (local.get $acc2)
          (f64x2.mul (v128.load offset=32 (local.get $x)) (v128.load offset=32 (local.get $y)))))
        (local.set $acc3 (f64x2.add (local.get $acc3)
          (f64x2.mul (v128.load offset=48 (local.get $x)) (v128.load offset=48 (local.get $y)))))
        (local.set $x (i32.add (local.get $x) (i32.const 64)))
        (local.set $y (i32.add (local.get $y) (i32.const 64)))
        (br $eights)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (local.get $x)) (f64.load (local.get $y)))))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (local.set $y (i32.add (local.get $y) (i32.const 8)))
        (br $tail)))
    (local.set $acc0 (f64x2.add
      (f64x2.add (local.get $acc0) (local.get $acc1))
      (f64x2.add (local.get $acc2) (local.get $acc3))))
    (f64.add
      (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0)))
      (local.get $s)))

  ;; dotsF64(a, b, count, d, out): out[k] = dotF64(a, b + 8·d·k, d) for k < count (rows of d float64).
  (func $dotsF64 (export "dotsF64") (param $a i32) (param $b i32) (param $count i32) (param $d i32) (param $out i32)
    (local $stride i32) (local $endOut i32)
    (local.set $stride (i32.shl (local.get $d) (i32.const 3)))
    (local.set $endOut (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 3))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $out) (local.get $endOut)))
        (f64.store (local.get $out) (call $dotF64 (local.get $a) (local.get $b) (local.get $d)))
        (local.set $b (i32.add (local.get $b) (local.get $stride)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $rows))))

  ;; axpyF64(a, x, w, n): f64 w[k] += a · f64 x[k].
  (func $axpyF64 (export "axpyF64") (param $a f64) (param $x i32) (param $w i32) (param $n i32)
    (local $end4 i32) (local $end i32) (local $av v128)
    (local.set $end4 (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3))))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $av (f64x2.splat (local.get $a)))
    (block $done
      (loop $fours
        (br_if $done (i32.ge_u (local.get $x) (local.get $end4)))
        (v128.store (local.get $w) (f64x2.add (v128.load (local.get $w))
          (f64x2.mul (local.get $av) (v128.load (local.get $x)))))
        (v128.store offset=16 (local.get $w) (f64x2.add (v128.load offset=16 (local.get $w))
          (f64x2.mul (local.get $av) (v128.load offset=16 (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (local.set $w (i32.add (local.get $w) (i32.const 32)))
        (br $fours)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (f64.store (local.get $w) (f64.add (f64.load (local.get $w))
          (f64.mul (local.get $a) (f64.load (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (local.set $w (i32.add (local.get $w) (i32.const 8)))
        (br $tail))))

  ;; dotsListF32F64(x, list, n, d, out): out[q] = dotF32F64(x, list[q], d) for q < n, list holding the i32
  ;; byte offsets of float64 weight vectors.
  (func $dotsListF32F64 (export "dotsListF32F64") (param $x i32) (param $list i32) (param $n i32) (param $d i32) (param $out i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $list) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $items
        (br_if $done (i32.ge_u (local.get $list) (local.get $end)))
        (f64.store (local.get $out) (call $dotF32F64 (local.get $x) (i32.load (local.get $list)) (local.get $d)))
        (local.set $list (i32.add (local.get $list) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $items))))

  ;; dotsListF64(x, list, n, d, out): the same with float64 rows (dotF64).
  (func $dotsListF64 (export "dotsListF64") (param $x i32) (param $list i32) (param $n i32) (param $d i32) (param $out i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $list) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $items
        (br_if $done (i32.ge_u (local.get $list) (local.get $end)))
        (f64.store (local.get $out) (call $dotF64 (local.get $x) (i32.load (local.get $list)) (local.get $d)))
        (local.set $list (i32.add (local.get $list) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $items))))

  ;; dotsF32F64(a, b, count, d, out): out[k] = dotF32F64(b + 4·d·k, a, d): float32 rows against a float64
  ;; vector a (float32 products are exact in float64, so this equals the float64 computation up to order).
  (func $dotsF32F64 (export "dotsF32F64") (param $a i32) (param $b i32) (param $count i32) (param $d i32) (param $out i32)
    (local $stride i32) (local $endOut i32)
    (local.set $stride (i32.shl (local.get $d) (i32.const 2)))
    (local.set $endOut (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 3))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $out) (local.get $endOut)))
        (f64.store (local.get $out) (call $dotF32F64 (local.get $b) (local.get $a) (local.get $d)))
        (local.set $b (i32.add (local.get $b) (local.get $stride)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $rows)))))
