// Embeds samples/models/default-{zh,en}.safetensors with C23 #embed (paths relative to this file).
// scripts/train-defaults.sh writes those files; rebuilding picks them up.
#include "default_models.h"

static const unsigned char default_zh[] = {
#embed "../../samples/models/default-zh.safetensors"
};

static const unsigned char default_en[] = {
#embed "../../samples/models/default-en.safetensors"
};

const unsigned char *saliency_default_zh_model(size_t *size) {
  *size = sizeof default_zh;
  return default_zh;
}

const unsigned char *saliency_default_en_model(size_t *size) {
  *size = sizeof default_en;
  return default_en;
}
