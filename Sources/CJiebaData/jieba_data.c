// Embeds samples/jieba/jieba-0.42.1.dict (jieba's dictionary trie and HMM tables, built by
// scripts/build-jieba-data.py) with C23 #embed; the path is relative to this file. Aligned to 8 bytes so that
// every section of the file (each starts at a multiple of 8) is naturally aligned in memory.
#include "jieba_data.h"

alignas(8) static const unsigned char jieba_tables[] = {
#embed "../../samples/jieba/jieba-0.42.1.dict"
};

const unsigned char *saliency_jieba_tables(size_t *size) {
  *size = sizeof jieba_tables;
  return jieba_tables;
}
