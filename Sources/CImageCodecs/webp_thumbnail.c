#include "webp_thumbnail.h"
#include "image_codecs.h"

#include <stdio.h>
#include <stdlib.h>

#include <webp/encode.h>

/// The longer side becomes `max_side`, the shorter one keeps the ratio (rounded, at least 1 pixel).
static void thumbnail_size(uint32_t width, uint32_t height, uint32_t max_side, int *out_width, int *out_height) {
    uint32_t longer = width > height ? width : height;
    if (longer <= max_side) {
        *out_width = (int)width;
        *out_height = (int)height;
        return;
    }
    double scale = (double)max_side / (double)longer;
    int scaled_width = (int)((double)width * scale + 0.5);
    int scaled_height = (int)((double)height * scale + 0.5);
    *out_width = width >= height ? (int)max_side : (scaled_width < 1 ? 1 : scaled_width);
    *out_height = height > width ? (int)max_side : (scaled_height < 1 ? 1 : scaled_height);
}

/// The scaled picture's ARGB words as tightly packed RGB or RGBA bytes (malloc'd), for pfc_webp_encode.
static uint8_t *packed_samples(const WebPPicture *picture, int channels) {
    size_t count = (size_t)picture->width * (size_t)picture->height;
    uint8_t *samples = malloc(count * (size_t)channels);
    if (samples == NULL) return NULL;
    for (int y = 0; y < picture->height; y++) {
        const uint32_t *row = picture->argb + (size_t)y * (size_t)picture->argb_stride;
        uint8_t *target = samples + (size_t)y * (size_t)picture->width * (size_t)channels;
        for (int x = 0; x < picture->width; x++) {
            uint32_t argb = row[x];
            target[0] = (uint8_t)(argb >> 16);
            target[1] = (uint8_t)(argb >> 8);
            target[2] = (uint8_t)argb;
            if (channels == 4) target[3] = (uint8_t)(argb >> 24);
            target += channels;
        }
    }
    return samples;
}

int pfc_webp_thumbnail(const uint8_t *pixels, uint32_t width, uint32_t height, int channels,
                       uint32_t max_side, float quality, int method,
                       uint8_t **out, size_t *out_size, uint32_t *out_width, uint32_t *out_height,
                       char *message, size_t message_capacity) {
    if ((channels != 3 && channels != 4) || width == 0 || height == 0 || width > 16383 || height > 16383
        || max_side == 0 || max_side > 16383) {
        if (message_capacity > 0)
            snprintf(message, message_capacity, "cannot scale %ux%u with %d channels to %u a side (WebP: 1..16383, 3 or 4 channels)",
                     width, height, channels, max_side);
        return 0;
    }
    WebPPicture picture;
    if (!WebPPictureInit(&picture)) {
        if (message_capacity > 0) snprintf(message, message_capacity, "libwebp version mismatch");
        return 0;
    }
    // ARGB: the scaling filter works on the original colours, before any YUV conversion.
    picture.use_argb = 1;
    picture.width = (int)width;
    picture.height = (int)height;
    int stride = (int)width * channels;
    int target_width = 0, target_height = 0;
    thumbnail_size(width, height, max_side, &target_width, &target_height);
    int imported = channels == 4 ? WebPPictureImportRGBA(&picture, pixels, stride)
                                 : WebPPictureImportRGB(&picture, pixels, stride);
    if (!imported || !WebPPictureRescale(&picture, target_width, target_height)) {
        WebPPictureFree(&picture);
        if (message_capacity > 0)
            snprintf(message, message_capacity, "scaling %ux%u to %dx%d failed (out of memory?)", width, height,
                     target_width, target_height);
        return 0;
    }
    uint8_t *samples = packed_samples(&picture, channels);
    WebPPictureFree(&picture);
    if (samples == NULL) {
        if (message_capacity > 0) snprintf(message, message_capacity, "out of memory");
        return 0;
    }
    // The small picture goes through the one WebP encoder of image_codecs.c.
    int encoded = pfc_webp_encode(samples, (uint32_t)target_width, (uint32_t)target_height, channels, quality, method,
                                  out, out_size, message, message_capacity);
    free(samples);
    if (!encoded) return 0;
    *out_width = (uint32_t)target_width;
    *out_height = (uint32_t)target_height;
    return 1;
}
