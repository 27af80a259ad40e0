#ifndef SALIENCY_DEFAULT_MODELS_H
#define SALIENCY_DEFAULT_MODELS_H
#include <stddef.h>

/// The bytes of the default models' safetensors files, compiled into the executable so the binary stands
/// alone (no resource bundle beside it). The pointers stay valid for the life of the process.
const unsigned char *saliency_default_zh_model(size_t *size);
const unsigned char *saliency_default_en_model(size_t *size);

#endif
