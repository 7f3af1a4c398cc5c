#ifndef PFC_IMAGE_CODECS_H
#define PFC_IMAGE_CODECS_H
#include <stddef.h>
#include <stdint.h>
#endif
