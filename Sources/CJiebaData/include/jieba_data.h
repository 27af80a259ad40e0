#ifndef SALIENCY_JIEBA_DATA_H
#define SALIENCY_JIEBA_DATA_H
#include <stddef.h>

/// The bytes of samples/jieba/jieba-0.42.1.dict (format: scripts/build-jieba-data.py), compiled into the
/// executable so the Chinese segmenter needs no file at run time. The pointer is 8-byte aligned and stays valid
/// for the life of the process.
const unsigned char *saliency_jieba_tables(size_t *size);

#endif
