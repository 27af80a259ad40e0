// C = beta·C + A·B for few rows of A, with B row-major [k, n]: the shape of one LSTM step for one sentence
// (m ≤ a few dozen). OpenBLAS repacks all of B on every call, which costs as much as the product at these
// shapes; this kernel streams B as stored. Register blocking: 4 rows × 64 columns of C in 16 vector
// accumulators, one broadcast of A per row and four loads of B per k.
#include "ckernels.h"
#include <string.h>

#if defined(__x86_64__) && defined(__clang__) && defined(__linux__)
#define SALIENCY_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define SALIENCY_CLONES
#endif

typedef float v16 __attribute__((vector_size(64), aligned(4)));

#define ALWAYS_INLINE static inline __attribute__((always_inline))
ALWAYS_INLINE v16 load16(const float *p) { v16 v; memcpy(&v, p, sizeof v); return v; }
ALWAYS_INLINE void store16(float *p, v16 v) { memcpy(p, &v, sizeof v); }

/// Columns j0 ..< j0 + 16·W of rows i0 ..< i0 + R (R ≤ 4, W ≤ 4).
#define BLOCK(R, W)                                                                                     \
  ALWAYS_INLINE void block_##R##_##W(long i0, long j0, long k, const float *a, long lda, const float *b, \
                                     long ldb, float beta, float *c, long ldc) {                        \
    v16 acc[R][W];                                                                                      \
    for (int r = 0; r < R; r++)                                                                         \
      for (int w = 0; w < W; w++) acc[r][w] = (v16){0};                                                 \
    for (long p = 0; p < k; p++) {                                                                      \
      const float *row = b + p * ldb + j0;                                                              \
      v16 bv[W];                                                                                        \
      for (int w = 0; w < W; w++) bv[w] = load16(row + 16 * w);                                         \
      for (int r = 0; r < R; r++) {                                                                     \
        float av = a[(i0 + r) * lda + p];                                                               \
        for (int w = 0; w < W; w++) acc[r][w] += av * bv[w];                                            \
      }                                                                                                 \
    }                                                                                                   \
    for (int r = 0; r < R; r++)                                                                         \
      for (int w = 0; w < W; w++) {                                                                     \
        float *out = c + (i0 + r) * ldc + j0 + 16 * w;                                                  \
        store16(out, beta == 0.0f ? acc[r][w] : beta * load16(out) + acc[r][w]);                        \
      }                                                                                                 \
  }

BLOCK(4, 4)
BLOCK(3, 4)
BLOCK(2, 4)
BLOCK(1, 4)
BLOCK(4, 1)
BLOCK(1, 1)

SALIENCY_CLONES
void saliency_small_gemm(long m, long n, long k, const float *a, long lda, const float *b, long ldb, float beta,
                         float *c, long ldc) {
  long wide = n - n % 64, narrow = n - n % 16;
  for (long j = 0; j < wide; j += 64) {
    long i = 0;
    for (; i + 4 <= m; i += 4) block_4_4(i, j, k, a, lda, b, ldb, beta, c, ldc);
    switch (m - i) {
    case 3: block_3_4(i, j, k, a, lda, b, ldb, beta, c, ldc); break;
    case 2: block_2_4(i, j, k, a, lda, b, ldb, beta, c, ldc); break;
    case 1: block_1_4(i, j, k, a, lda, b, ldb, beta, c, ldc); break;
    default: break;
    }
  }
  for (long j = wide; j < narrow; j += 16) {
    long i = 0;
    for (; i + 4 <= m; i += 4) block_4_1(i, j, k, a, lda, b, ldb, beta, c, ldc);
    for (; i < m; i++) block_1_1(i, j, k, a, lda, b, ldb, beta, c, ldc);
  }
  for (long i = 0; i < m; i++) {
    for (long j = narrow; j < n; j++) {
      float sum = 0;
      for (long p = 0; p < k; p++) sum += a[i * lda + p] * b[p * ldb + j];
      c[i * ldc + j] = beta == 0.0f ? sum : beta * c[i * ldc + j] + sum;
    }
  }
}

void saliency_small_gemm_bt(long m, long n, long k, const float *a, long lda, const float *b, long ldb, float beta,
                            float *c, long ldc) {
  for (long i = 0; i < m; i++) {
    for (long j = 0; j < n; j++) {
      float sum = 0;
      for (long p = 0; p < k; p++) sum += a[i * lda + p] * b[j * ldb + p];
      c[i * ldc + j] = beta == 0.0f ? sum : beta * c[i * ldc + j] + sum;
    }
  }
}

static _Thread_local int row_stable_products = 0;

void saliency_set_row_stable_products(int enabled) { row_stable_products = enabled; }

int saliency_row_stable_products(void) { return row_stable_products; }
