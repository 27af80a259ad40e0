// Products with a weight matrix packed once into column panels (the LSTM's W_ih and W_hh in both directions).
//
// B [k, n] is stored as ⌈n/64⌉ panels, panel q holding columns 64q ..< 64q + 64 of every row contiguously:
// panels[(q·k + p)·64 + c] = B[p, 64q + c], zero past column n. A step then streams each panel front to back,
// which the hardware prefetchers follow, and no call repacks anything (OpenBLAS repacks all of B per call).
//
// Every element of C is beta·Z plus one sum over p in increasing order, the same for every row whatever m is
// (row-stable), except in the one-row product outside row-stable mode, which sums even and odd p separately to
// keep twice as many independent chains in flight: it is bound by reading B from L2.
//
// The kernel is written once for a vector of LANES floats and VECTORS vectors per row of a block, and built three
// times: 16 lanes × 4 vectors (a whole panel per block, 24 accumulators for 6 rows) with AVX-512's 32 registers;
// 8 lanes × 2 vectors (a quarter panel per block, 12 accumulators) with AVX2's 16, where the wide shape would
// spill its accumulators; and the narrow shape again without a target, for other CPUs. The
// CPU picks one at run time; all sum in the same order (the last without fused multiply-adds).
#include "ckernels.h"
#include <string.h>

#define PANEL 64

#if defined(__x86_64__) && defined(__clang__) && defined(__linux__)
#define TARGET_AVX512 __attribute__((target("arch=x86-64-v4")))
#define TARGET_AVX2 __attribute__((target("arch=x86-64-v3")))
#define HAS_X86_VARIANTS 1
#else
#define TARGET_AVX512
#define TARGET_AVX2
#define HAS_X86_VARIANTS 0
#endif

#define ALWAYS_INLINE static inline __attribute__((always_inline))

long saliency_packed_count(long k, long n) { return k * ((n + PANEL - 1) / PANEL) * PANEL; }

void saliency_pack_panels(long k, long n, const float *b, long row_stride, long column_stride, float *panels) {
  long panel_count = (n + PANEL - 1) / PANEL;
  for (long q = 0; q < panel_count; q++) {
    for (long p = 0; p < k; p++) {
      float *out = panels + (q * k + p) * PANEL;
      for (long c = 0; c < PANEL; c++) {
        long j = q * PANEL + c;
        out[c] = j < n ? b[p * row_stride + j * column_stride] : 0.0f;
      }
    }
  }
}

// The kernel for vector type VEC of LANES floats, blocks VECTORS vectors wide (BLOCK = LANES·VECTORS columns);
// every function's name ends in SUFFIX and carries the TARGET attribute.
#define DEFINE_PACKED_GEMM(SUFFIX, TARGET, VEC, LANES, VECTORS)                                                  \
  typedef float VEC __attribute__((vector_size(4 * LANES), aligned(4)));                                         \
  enum { BLOCK_##SUFFIX = LANES * VECTORS };                                                                     \
  TARGET ALWAYS_INLINE VEC load_##SUFFIX(const float *p) { VEC v; memcpy(&v, p, sizeof v); return v; }          \
  TARGET ALWAYS_INLINE void save_##SUFFIX(float *p, VEC v) { memcpy(p, &v, sizeof v); }                          \
                                                                                                                 \
  /* One row of a block, beta·Z + acc, to `out` (only its first `width` columns); Z's row `in` may be `out`. */  \
  TARGET ALWAYS_INLINE void store_row_##SUFFIX(const VEC *acc, float beta, const float *in, float *out,          \
                                               long width) {                                                     \
    if (width == BLOCK_##SUFFIX) {                                                                               \
      for (int w = 0; w < VECTORS; w++)                                                                          \
        save_##SUFFIX(out + LANES * w,                                                                           \
                      beta == 0.0f ? acc[w] : beta * load_##SUFFIX(in + LANES * w) + acc[w]);                    \
      return;                                                                                                    \
    }                                                                                                            \
    float sums[BLOCK_##SUFFIX];                                                                                  \
    for (int w = 0; w < VECTORS; w++) save_##SUFFIX(sums + LANES * w, acc[w]);                                   \
    for (long j = 0; j < width; j++) out[j] = beta == 0.0f ? sums[j] : beta * in[j] + sums[j];                   \
  }                                                                                                              \
                                                                                                                 \
  /* R rows × one block of columns starting at `panel`: VECTORS·R accumulators, VECTORS loads and R broadcasts  \
     per p. */                                                                                                   \
  DEFINE_ROWS(SUFFIX, TARGET, VEC, LANES, VECTORS, 6)                                                            \
  DEFINE_ROWS(SUFFIX, TARGET, VEC, LANES, VECTORS, 5)                                                            \
  DEFINE_ROWS(SUFFIX, TARGET, VEC, LANES, VECTORS, 4)                                                            \
  DEFINE_ROWS(SUFFIX, TARGET, VEC, LANES, VECTORS, 3)                                                            \
  DEFINE_ROWS(SUFFIX, TARGET, VEC, LANES, VECTORS, 2)                                                            \
  DEFINE_ROWS(SUFFIX, TARGET, VEC, LANES, VECTORS, 1)                                                            \
                                                                                                                 \
  /* One row × one block, even and odd p in separate accumulators (not row-stable). */                          \
  TARGET ALWAYS_INLINE void row_split_##SUFFIX(long k, const float *a, const float *panel, float beta,          \
                                               const float *z, float *c, long width) {                          \
    VEC even[VECTORS], odd[VECTORS];                                                                             \
    for (int w = 0; w < VECTORS; w++) even[w] = odd[w] = (VEC){0};                                               \
    long p = 0;                                                                                                  \
    for (; p + 2 <= k; p += 2) {                                                                                 \
      const float *row = panel + p * PANEL;                                                                      \
      float a0 = a[p], a1 = a[p + 1];                                                                            \
      for (int w = 0; w < VECTORS; w++) {                                                                        \
        even[w] += a0 * load_##SUFFIX(row + LANES * w);                                                          \
        odd[w] += a1 * load_##SUFFIX(row + PANEL + LANES * w);                                                   \
      }                                                                                                          \
    }                                                                                                            \
    if (p < k)                                                                                                   \
      for (int w = 0; w < VECTORS; w++) even[w] += a[p] * load_##SUFFIX(panel + p * PANEL + LANES * w);          \
    VEC acc[VECTORS];                                                                                            \
    for (int w = 0; w < VECTORS; w++) acc[w] = even[w] + odd[w];                                                 \
    store_row_##SUFFIX(acc, beta, z, c, width);                                                                  \
  }                                                                                                              \
                                                                                                                 \
  TARGET static void packed_gemm_##SUFFIX(long m, long n, long k, const float *a, long lda, const float *panels, \
                                          float beta, const float *z, long ldz, float *c, long ldc,              \
                                          int row_stable) {                                                      \
    int split_single_row = m == 1 && !row_stable;                                                                \
    for (long j = 0; j < n; j += BLOCK_##SUFFIX) {                                                               \
      const float *panel = panels + (j / PANEL) * k * PANEL + j % PANEL;                                         \
      long width = n - j < BLOCK_##SUFFIX ? n - j : BLOCK_##SUFFIX;                                              \
      if (split_single_row) {                                                                                    \
        row_split_##SUFFIX(k, a, panel, beta, z + j, c + j, width);                                              \
        continue;                                                                                                \
      }                                                                                                          \
      long i = 0;                                                                                                \
      for (; i + 6 <= m; i += 6)                                                                                 \
        rows_6_##SUFFIX(k, a + i * lda, lda, panel, beta, z + i * ldz + j, ldz, c + i * ldc + j, ldc, width);    \
      /* The last 1–5 rows in one block: each block streams its columns of the panel once. */                    \
      const float *ai = a + i * lda, *zi = z + i * ldz + j;                                                      \
      float *ci = c + i * ldc + j;                                                                               \
      switch (m - i) {                                                                                           \
      case 5: rows_5_##SUFFIX(k, ai, lda, panel, beta, zi, ldz, ci, ldc, width); break;                          \
      case 4: rows_4_##SUFFIX(k, ai, lda, panel, beta, zi, ldz, ci, ldc, width); break;                          \
      case 3: rows_3_##SUFFIX(k, ai, lda, panel, beta, zi, ldz, ci, ldc, width); break;                          \
      case 2: rows_2_##SUFFIX(k, ai, lda, panel, beta, zi, ldz, ci, ldc, width); break;                          \
      case 1: rows_1_##SUFFIX(k, ai, lda, panel, beta, zi, ldz, ci, ldc, width); break;                          \
      default: break;                                                                                            \
      }                                                                                                          \
    }                                                                                                            \
  }

#define DEFINE_ROWS(SUFFIX, TARGET, VEC, LANES, VECTORS, R)                                                      \
  TARGET ALWAYS_INLINE void rows_##R##_##SUFFIX(long k, const float *a, long lda, const float *panel,           \
                                                float beta, const float *z, long ldz, float *c, long ldc,        \
                                                long width) {                                                    \
    VEC acc[R][VECTORS];                                                                                         \
    for (int r = 0; r < R; r++)                                                                                  \
      for (int w = 0; w < VECTORS; w++) acc[r][w] = (VEC){0};                                                    \
    for (long p = 0; p < k; p++) {                                                                               \
      const float *row = panel + p * PANEL;                                                                      \
      VEC b[VECTORS];                                                                                            \
      for (int w = 0; w < VECTORS; w++) b[w] = load_##SUFFIX(row + LANES * w);                                   \
      for (int r = 0; r < R; r++) {                                                                              \
        float av = a[r * lda + p];                                                                               \
        for (int w = 0; w < VECTORS; w++) acc[r][w] += av * b[w];                                                \
      }                                                                                                          \
    }                                                                                                            \
    for (int r = 0; r < R; r++) store_row_##SUFFIX(acc[r], beta, z + r * ldz, c + r * ldc, width);              \
  }

DEFINE_PACKED_GEMM(wide, TARGET_AVX512, v16, 16, 4)
DEFINE_PACKED_GEMM(narrow, TARGET_AVX2, v8, 8, 2)
DEFINE_PACKED_GEMM(portable, , v8_portable, 8, 2)

void saliency_packed_gemm_at_level(int level, long m, long n, long k, const float *a, long lda,
                                   const float *panels, float beta, const float *z, long ldz, float *c, long ldc) {
  int row_stable = saliency_row_stable_products();
  if (HAS_X86_VARIANTS && level >= 4) {
    packed_gemm_wide(m, n, k, a, lda, panels, beta, z, ldz, c, ldc, row_stable);
  } else if (HAS_X86_VARIANTS && level == 3) {
    packed_gemm_narrow(m, n, k, a, lda, panels, beta, z, ldz, c, ldc, row_stable);
  } else {
    packed_gemm_portable(m, n, k, a, lda, panels, beta, z, ldz, c, ldc, row_stable);
  }
}

void saliency_packed_gemm_adding(long m, long n, long k, const float *a, long lda, const float *panels, float beta,
                                 const float *z, long ldz, float *c, long ldc) {
  static int level = -1;  // the CPU's, found once (every thread finds the same value)
  int known = __atomic_load_n(&level, __ATOMIC_RELAXED);
  if (known < 0) {
    known = saliency_cpu_vector_level();
    __atomic_store_n(&level, known, __ATOMIC_RELAXED);
  }
  saliency_packed_gemm_at_level(known, m, n, k, a, lda, panels, beta, z, ldz, c, ldc);
}

void saliency_packed_gemm(long m, long n, long k, const float *a, long lda, const float *panels, float beta,
                          float *c, long ldc) {
  saliency_packed_gemm_adding(m, n, k, a, lda, panels, beta, c, ldc, c, ldc);
}
