#ifndef PFC_WEBP_THUMBNAIL_H
#define PFC_WEBP_THUMBNAIL_H
// A small WebP preview of decoded pixels, for the gallery's contact sheet: libwebp scales the picture
// (WebPPictureRescale, in ARGB) and only the small picture is encoded (by pfc_webp_encode), so the
// full-size image is never encoded. Same conventions as image_codecs.h: 1 on success, 0 on failure with the reason
// in `message`; the output buffer is released with pfc_codec_free().
#include <stddef.h>
#include <stdint.h>

/// Scales RGB (channels 3) or RGBA (channels 4) pixels so that the longer side is at most `max_side`
/// (never up), keeping the aspect ratio, and encodes them as lossy WebP (quality 0..100, method 0..6).
/// The thumbnail's dimensions are written to `out_width` / `out_height`.
int pfc_webp_thumbnail(const uint8_t *pixels, uint32_t width, uint32_t height, int channels,
                       uint32_t max_side, float quality, int method,
                       uint8_t **out, size_t *out_size, uint32_t *out_width, uint32_t *out_height,
                       char *message, size_t message_capacity);

#endif
