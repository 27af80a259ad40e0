#ifndef SALIENCY_CKERNELS_H
#define SALIENCY_CKERNELS_H
/// Pointwise kernels for the LSTM, vectorised and dispatched on the CPU at run time
/// (AVX-512, AVX2 or baseline x86-64 / portable code on other architectures).
/// All functions work in place or on caller-owned buffers; none allocates.

/// Applies the LSTM gate nonlinearities to `rows` rows of pre-activations laid out
/// [rows, 4H] in gate order i, f, g, o: sigmoid on i, f, o and tanh on g.
void saliency_lstm_gate_activations(float *z, long rows, long hidden);

/// One LSTM cell update for `rows` rows, given activated gates [rows, 4H] (i, f, g, o),
/// the previous cell state [rows, H] (NULL means zero), writes c_t, tanh(c_t) and h_t (each [rows, H]).
void saliency_lstm_cell_forward(const float *gates, const float *cell_prev, long rows, long hidden,
                                float *cell, float *cell_tanh, float *hidden_out);

/// The pointwise part of one LSTM step's backward pass for `rows` rows: from ∂L/∂h_t (dh [rows, H]) and the carried
/// ∂L/∂c_t (dc_carry [rows, H], replaced by ∂L/∂c_{t−1}), the gate pre-activation gradients dgates [rows, 4H]
/// (order i, f, g, o). cell_prev is c_{t−1} [rows, H], NULL for zero.
void saliency_lstm_cell_backward(const float *gates, const float *cell_tanh, const float *cell_prev, long rows,
                                 long hidden, const float *dh, float *dc_carry, float *dgates);

/// One GRU step for `rows` rows. On entry z [rows, 3H] holds the input pre-activations (r, z, n blocks, biases
/// b_ir + b_hr, b_iz + b_hz, b_in included); recurrent [rows, 3H] is H_{t−1}·W_hhᵀ without bias (NULL: h_{t−1} = 0);
/// new_bias is b_hn [H]; hidden_prev is h_{t−1} [rows, H] (NULL for zero). On return z holds the activations r, z, n;
/// new_recurrent [rows, H] = W_hn h_{t−1} + b_hn and hidden_out [rows, H] = h_t.
void saliency_gru_step_forward(float *z, const float *recurrent, const float *new_bias, const float *hidden_prev,
                               long rows, long hidden, float *new_recurrent, float *hidden_out);

/// The pointwise part of one GRU step's backward pass: from ∂L/∂h_t (dh [rows, H], replaced by the direct part of
/// ∂L/∂h_{t−1}, z ⊙ dh), the input pre-activation gradients dgates [rows, 3H] and the recurrent pre-activation
/// gradients drecurrent [rows, 3H] (∂L/∂(H_{t−1}·W_hhᵀ + b_hh): equal to dgates on r and z, times r on n).
void saliency_gru_step_backward(const float *gates, const float *new_recurrent, const float *hidden_prev, long rows,
                                long hidden, float *dh, float *dgates, float *drecurrent);

/// out[i] = exp(x[i]) for n values (relative error below 2e-7 for |x| < 87).
void saliency_exp(const float *x, float *out, long n);

/// out[i] = tanh(x[i]) for n values (absolute error below 3e-7).
void saliency_tanh(const float *x, float *out, long n);

/// C[m, n] = beta·C + A[m, k]·B[k, n], all row-major with leading dimensions lda, ldb, ldc; for small m, where it
/// beats OpenBLAS because it never repacks B. beta = 0 ignores C's previous contents.
void saliency_small_gemm(long m, long n, long k, const float *a, long lda, const float *b, long ldb, float beta,
                         float *c, long ldc);

/// C = beta·C + A·Bᵀ with A row-major [m, k] and B row-major [n, k]: one dot product per element, each in the
/// same order for every row (row-stable), for the few-column products of the output layer.
void saliency_small_gemm_bt(long m, long n, long k, const float *a, long lda, const float *b, long ldb, float beta,
                            float *c, long ldc);

/// How many floats `saliency_pack_panels` writes for B [k, n]: k·⌈n/64⌉·64.
long saliency_packed_count(long k, long n);

/// Packs B [k, n], whose element (p, j) is b[p·row_stride + j·column_stride] (so a transposed matrix packs as
/// well), into column panels of 64 for `saliency_packed_gemm`; `panels` holds `saliency_packed_count(k, n)`.
void saliency_pack_panels(long k, long n, const float *b, long row_stride, long column_stride, float *panels);

/// C[m, n] = beta·C + A[m, k]·B with B packed by `saliency_pack_panels` and A, C row-major; beta = 0 ignores C's
/// previous contents. Row-stable except for a one-row product outside row-stable mode.
void saliency_packed_gemm(long m, long n, long k, const float *a, long lda, const float *panels, float beta,
                          float *c, long ldc);

/// `saliency_packed_gemm_adding` with the kernel of a given `saliency_cpu_vector_level` (at most the CPU's): for
/// tests that check every variant this CPU can run.
void saliency_packed_gemm_at_level(int level, long m, long n, long k, const float *a, long lda,
                                   const float *panels, float beta, const float *z, long ldz, float *c, long ldc);

/// C[m, n] = beta·Z + A[m, k]·B, the same sums as `saliency_packed_gemm` with the added matrix read from Z
/// (row-major, leading dimension ldz; it may be C itself), so a step adds its precomputed input projection
/// without first copying it into C.
void saliency_packed_gemm_adding(long m, long n, long k, const float *a, long lda, const float *panels, float beta,
                                 const float *z, long ldz, float *c, long ldc);

/// Row-stable products on the calling thread (1) or not (0): see `Gemm.withRowStableProducts`.
void saliency_set_row_stable_products(int enabled);
int saliency_row_stable_products(void);

/// How many threads work started on the calling thread may use (0: not set, meaning all cores); see `Parallel`.
void saliency_set_thread_budget(int threads);
int saliency_thread_budget(void);

/// The widest x86-64 vector level this CPU supports: 4 = AVX-512 (F, BW, DQ, VL), 3 = AVX2 with FMA,
/// 0 = anything else (including other architectures).
int saliency_cpu_vector_level(void);

/// Asks glibc to serve large allocations from the heap and keep freed memory, so buffers allocated per batch
/// reuse pages instead of faulting in fresh ones. No effect on other C libraries.
void saliency_keep_freed_memory(void);
#endif
