// Products with a weight matrix packed once into column panels (the LSTM's W_ih and W_hh in both directions).
//
// B [k, n] is stored as ⌈n/64⌉ panels, panel q holding columns 64q ..< 64q + 64 of every row contiguously:
// panels[(q·k + p)·64 + c] = B[p, 64q + c], zero past column n. A step then streams each panel front to back,
// which the hardware prefetchers follow, and no call repacks anything (OpenBLAS repacks all of B per call).
//
// Every element of C is C·beta plus one sum over p in increasing order, the same for every row whatever m is
// (row-stable), except in the one-row product outside row-stable mode, which sums even and odd p separately to
// keep eight independent chains in flight: it is bound by reading B from L2.
#include "ckernels.h"
#include <string.h>

#if defined(__x86_64__) && defined(__clang__) && defined(__linux__)
#define SALIENCY_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define SALIENCY_CLONES
#endif

#define PANEL 64

typedef float v16 __attribute__((vector_size(64), aligned(4)));

#define ALWAYS_INLINE static inline __attribute__((always_inline))
ALWAYS_INLINE v16 load16(const float *p) { v16 v; memcpy(&v, p, sizeof v); return v; }
ALWAYS_INLINE void store16(float *p, v16 v) { memcpy(p, &v, sizeof v); }

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

/// Writes one row of a block, beta·Z + acc, to `out` (only its first `width` columns), where Z's row is `in`
/// (which may be `out` itself).
ALWAYS_INLINE void store_row(const v16 acc[4], float beta, const float *in, float *out, long width) {
  if (width == PANEL) {
    for (int w = 0; w < 4; w++) store16(out + 16 * w, beta == 0.0f ? acc[w] : beta * load16(in + 16 * w) + acc[w]);
    return;
  }
  float sums[PANEL];
  for (int w = 0; w < 4; w++) store16(sums + 16 * w, acc[w]);
  for (long j = 0; j < width; j++) out[j] = beta == 0.0f ? sums[j] : beta * in[j] + sums[j];
}

/// R rows (R ≤ 6) × one panel: 4·R accumulators, four panel loads and R broadcasts per p.
#define ROWS_BLOCK(R)                                                                                     \
  ALWAYS_INLINE void rows_##R(long k, const float *a, long lda, const float *panel, float beta,             \
                              const float *z, long ldz, float *c, long ldc, long width) {                 \
    v16 acc[R][4];                                                                                        \
    for (int r = 0; r < R; r++)                                                                           \
      for (int w = 0; w < 4; w++) acc[r][w] = (v16){0};                                                   \
    for (long p = 0; p < k; p++) {                                                                        \
      const float *row = panel + p * PANEL;                                                               \
      v16 b0 = load16(row), b1 = load16(row + 16), b2 = load16(row + 32), b3 = load16(row + 48);          \
      for (int r = 0; r < R; r++) {                                                                       \
        float av = a[r * lda + p];                                                                        \
        acc[r][0] += av * b0; acc[r][1] += av * b1; acc[r][2] += av * b2; acc[r][3] += av * b3;           \
      }                                                                                                   \
    }                                                                                                     \
    for (int r = 0; r < R; r++) store_row(acc[r], beta, z + r * ldz, c + r * ldc, width);                \
  }

ROWS_BLOCK(6)
ROWS_BLOCK(5)
ROWS_BLOCK(4)
ROWS_BLOCK(3)
ROWS_BLOCK(2)
ROWS_BLOCK(1)

/// One row × one panel, even and odd p in separate accumulators (not row-stable).
ALWAYS_INLINE void row_split(long k, const float *a, const float *panel, float beta, const float *z, float *c,
                             long width) {
  v16 even[4] = {0}, odd[4] = {0};
  long p = 0;
  for (; p + 2 <= k; p += 2) {
    const float *row = panel + p * PANEL;
    float a0 = a[p], a1 = a[p + 1];
    for (int w = 0; w < 4; w++) {
      even[w] += a0 * load16(row + 16 * w);
      odd[w] += a1 * load16(row + PANEL + 16 * w);
    }
  }
  if (p < k) {
    for (int w = 0; w < 4; w++) even[w] += a[p] * load16(panel + p * PANEL + 16 * w);
  }
  v16 acc[4];
  for (int w = 0; w < 4; w++) acc[w] = even[w] + odd[w];
  store_row(acc, beta, z, c, width);
}

SALIENCY_CLONES
void saliency_packed_gemm_adding(long m, long n, long k, const float *a, long lda, const float *panels, float beta,
                                 const float *z, long ldz, float *c, long ldc) {
  int split_single_row = m == 1 && !saliency_row_stable_products();
  long panel_count = (n + PANEL - 1) / PANEL;
  for (long q = 0; q < panel_count; q++) {
    const float *panel = panels + q * k * PANEL;
    long j = q * PANEL, width = n - j < PANEL ? n - j : PANEL;
    if (split_single_row) {
      row_split(k, a, panel, beta, z + j, c + j, width);
      continue;
    }
    long i = 0;
    for (; i + 6 <= m; i += 6) rows_6(k, a + i * lda, lda, panel, beta, z + i * ldz + j, ldz, c + i * ldc + j, ldc, width);
    // The last 1–5 rows in one block: each block streams the whole panel once.
    const float *zi = z + i * ldz + j;
    float *ci = c + i * ldc + j;
    switch (m - i) {
    case 5: rows_5(k, a + i * lda, lda, panel, beta, zi, ldz, ci, ldc, width); break;
    case 4: rows_4(k, a + i * lda, lda, panel, beta, zi, ldz, ci, ldc, width); break;
    case 3: rows_3(k, a + i * lda, lda, panel, beta, zi, ldz, ci, ldc, width); break;
    case 2: rows_2(k, a + i * lda, lda, panel, beta, zi, ldz, ci, ldc, width); break;
    case 1: rows_1(k, a + i * lda, lda, panel, beta, zi, ldz, ci, ldc, width); break;
    default: break;
    }
  }
}

void saliency_packed_gemm(long m, long n, long k, const float *a, long lda, const float *panels, float beta,
                          float *c, long ldc) {
  saliency_packed_gemm_adding(m, n, k, a, lda, panels, beta, c, ldc, c, ldc);
}
