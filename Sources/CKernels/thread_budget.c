// The number of threads that work started on the calling thread may use (see Parallel.swift).
#include "ckernels.h"

static _Thread_local int thread_budget = 0;

void saliency_set_thread_budget(int threads) { thread_budget = threads; }

int saliency_thread_budget(void) { return thread_budget; }
