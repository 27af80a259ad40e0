// Vectorisable exp / sigmoid / tanh and the LSTM pointwise cell update.
// Each hot loop is compiled for several instruction sets (target_clones) and the loader picks the best
// one for the running CPU, so the binary stays portable while using AVX-512 where it exists.
#include "ckernels.h"
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) && defined(__clang__) && defined(__linux__)
#define SALIENCY_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define SALIENCY_CLONES
#endif

/// exp(x) by range reduction x = n·ln2 + r, |r| ≤ ln2/2, a degree-6 polynomial for e^r and 2^n built in the
/// exponent bits. Branch-free so the loops that call it vectorise.
static inline float fast_exp(float x) {
  const float log2e = 1.44269504088896341f;
  const float ln2_hi = 0.693359375f;          // ln 2 split so n·ln2_hi is exact
  const float ln2_lo = -2.12194440e-4f;
  x = x < -87.3f ? -87.3f : (x > 88.3f ? 88.3f : x);
  float n = __builtin_rintf(x * log2e);
  float r = x - n * ln2_hi;
  r = r - n * ln2_lo;
  // Taylor coefficients 1/k! up to k = 6; error below 2e-7 relative on |r| ≤ 0.347.
  float p = 1.0f / 720.0f;
  p = p * r + 1.0f / 120.0f;
  p = p * r + 1.0f / 24.0f;
  p = p * r + 1.0f / 6.0f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  int32_t bits = ((int32_t)n + 127) << 23;
  float scale;
  memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

static inline float fast_sigmoid(float x) { return 1.0f / (1.0f + fast_exp(-x)); }

/// tanh(x) = sign(x)·(1 − e)/(1 + e), e = exp(−2|x|).
static inline float fast_tanh(float x) {
  float a = x < 0 ? -x : x;
  float e = fast_exp(-2.0f * a);
  float t = (1.0f - e) / (1.0f + e);
  return x < 0 ? -t : t;
}

SALIENCY_CLONES
void saliency_exp(const float *x, float *out, long n) {
  for (long i = 0; i < n; i++) out[i] = fast_exp(x[i]);
}

SALIENCY_CLONES
void saliency_tanh(const float *x, float *out, long n) {
  for (long i = 0; i < n; i++) out[i] = fast_tanh(x[i]);
}

SALIENCY_CLONES
void saliency_lstm_gate_activations(float *z, long rows, long hidden) {
  for (long r = 0; r < rows; r++) {
    float *row = z + r * 4 * hidden;
    for (long j = 0; j < 2 * hidden; j++) row[j] = fast_sigmoid(row[j]);            // i, f
    for (long j = 2 * hidden; j < 3 * hidden; j++) row[j] = fast_tanh(row[j]);      // g
    for (long j = 3 * hidden; j < 4 * hidden; j++) row[j] = fast_sigmoid(row[j]);  // o
  }
}

// One row of the cell update. `has_previous` is a constant at each call, so each case compiles to its own loop;
// with the pointers `restrict`, both vectorise (with a run-time NULL test and possible aliasing inside the loop,
// the compiler falls back to scalar code).
static inline __attribute__((always_inline)) void cell_forward_row(
    const float *restrict i, const float *restrict f, const float *restrict g, const float *restrict o,
    const float *restrict cp, int has_previous, long hidden, float *restrict c, float *restrict ct,
    float *restrict h) {
  for (long j = 0; j < hidden; j++) {
    float value = i[j] * g[j] + (has_previous ? f[j] * cp[j] : 0.0f);
    c[j] = value;
    float t = fast_tanh(value);
    ct[j] = t;
    h[j] = o[j] * t;
  }
}

SALIENCY_CLONES
void saliency_lstm_cell_forward(const float *gates, const float *cell_prev, long rows, long hidden,
                                float *cell, float *cell_tanh, float *hidden_out) {
  for (long r = 0; r < rows; r++) {
    const float *i = gates + r * 4 * hidden;
    float *c = cell + r * hidden, *ct = cell_tanh + r * hidden, *h = hidden_out + r * hidden;
    if (cell_prev) {
      cell_forward_row(i, i + hidden, i + 2 * hidden, i + 3 * hidden, cell_prev + r * hidden, 1, hidden, c, ct, h);
    } else {
      cell_forward_row(i, i + hidden, i + 2 * hidden, i + 3 * hidden, i, 0, hidden, c, ct, h);
    }
  }
}

static inline __attribute__((always_inline)) void cell_backward_row(
    const float *restrict i, const float *restrict f, const float *restrict g, const float *restrict o,
    const float *restrict ct, const float *restrict cp, int has_previous, const float *restrict dhr, long hidden,
    float *restrict dcr, float *restrict di, float *restrict df, float *restrict dg, float *restrict dout) {
  for (long j = 0; j < hidden; j++) {
    float t = ct[j];
    float dc = dcr[j] + dhr[j] * o[j] * (1.0f - t * t);     // inverts h = o ⊙ tanh(c)
    float previous = has_previous ? cp[j] : 0.0f;
    di[j] = dc * g[j] * i[j] * (1.0f - i[j]);              // inverts c = f ⊙ c_prev + i ⊙ g, then σ
    df[j] = dc * previous * f[j] * (1.0f - f[j]);
    dg[j] = dc * i[j] * (1.0f - g[j] * g[j]);              // then tanh
    dout[j] = dhr[j] * t * o[j] * (1.0f - o[j]);
    dcr[j] = dc * f[j];
  }
}

SALIENCY_CLONES
void saliency_lstm_cell_backward(const float *gates, const float *cell_tanh, const float *cell_prev, long rows,
                                 long hidden, const float *dh, float *dc_carry, float *dgates) {
  for (long r = 0; r < rows; r++) {
    const float *i = gates + r * 4 * hidden;
    float *di = dgates + r * 4 * hidden;
    const float *ct = cell_tanh + r * hidden, *dhr = dh + r * hidden;
    float *dcr = dc_carry + r * hidden;
    if (cell_prev) {
      cell_backward_row(i, i + hidden, i + 2 * hidden, i + 3 * hidden, ct, cell_prev + r * hidden, 1, dhr, hidden,
                        dcr, di, di + hidden, di + 2 * hidden, di + 3 * hidden);
    } else {
      cell_backward_row(i, i + hidden, i + 2 * hidden, i + 3 * hidden, ct, ct, 0, dhr, hidden,
                        dcr, di, di + hidden, di + 2 * hidden, di + 3 * hidden);
    }
  }
}

SALIENCY_CLONES
void saliency_gru_step_forward(float *z, const float *recurrent, const float *new_bias, const float *hidden_prev,
                               long rows, long hidden, float *new_recurrent, float *hidden_out) {
  for (long row = 0; row < rows; row++) {
    float *r = z + row * 3 * hidden, *u = r + hidden, *n = r + 2 * hidden;
    const float *rec = recurrent ? recurrent + row * 3 * hidden : NULL;
    float *hn = new_recurrent + row * hidden, *h = hidden_out + row * hidden;
    for (long j = 0; j < hidden; j++) {
      float ar = r[j] + (rec ? rec[j] : 0.0f), az = u[j] + (rec ? rec[hidden + j] : 0.0f);
      float gate_r = fast_sigmoid(ar), gate_z = fast_sigmoid(az);
      float candidate_recurrent = (rec ? rec[2 * hidden + j] : 0.0f) + new_bias[j];
      float gate_n = fast_tanh(n[j] + gate_r * candidate_recurrent);
      float previous = hidden_prev ? hidden_prev[row * hidden + j] : 0.0f;
      r[j] = gate_r;
      u[j] = gate_z;
      n[j] = gate_n;
      hn[j] = candidate_recurrent;
      h[j] = (1.0f - gate_z) * gate_n + gate_z * previous;
    }
  }
}

SALIENCY_CLONES
void saliency_gru_step_backward(const float *gates, const float *new_recurrent, const float *hidden_prev, long rows,
                                long hidden, float *dh, float *dgates, float *drecurrent) {
  for (long row = 0; row < rows; row++) {
    const float *r = gates + row * 3 * hidden, *u = r + hidden, *n = r + 2 * hidden;
    const float *hn = new_recurrent + row * hidden;
    float *dhr = dh + row * hidden, *dz = dgates + row * 3 * hidden, *dr = drecurrent + row * 3 * hidden;
    for (long j = 0; j < hidden; j++) {
      float previous = hidden_prev ? hidden_prev[row * hidden + j] : 0.0f;
      float d = dhr[j];
      // inverts h = (1 − z) ⊙ n + z ⊙ h_prev, then n = tanh(a_n), a_n = Z_n + r ⊙ (R_n + b_hn)
      float dan = d * (1.0f - u[j]) * (1.0f - n[j] * n[j]);
      float daz = d * (previous - n[j]) * u[j] * (1.0f - u[j]);
      float dar = dan * hn[j] * r[j] * (1.0f - r[j]);
      dz[j] = dar;
      dz[hidden + j] = daz;
      dz[2 * hidden + j] = dan;
      dr[j] = dar;
      dr[hidden + j] = daz;
      dr[2 * hidden + j] = dan * r[j];
      dhr[j] = d * u[j];
    }
  }
}
