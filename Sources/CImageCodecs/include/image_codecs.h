#ifndef PFC_IMAGE_CODECS_H
#define PFC_IMAGE_CODECS_H
// Thin C layer over libpng (simplified API), libjpeg and libwebp.
//
// Why C: libjpeg reports errors with longjmp and Swift cannot setjmp, and several libwebp
// entry points are header-inline wrappers around versioned internals. Every function here
// returns 1 on success and 0 on failure, with a human-readable reason written to `message`
// (always NUL-terminated when message_capacity > 0). Nothing here aborts or exits.
//
// Pixel buffers are 8-bit samples, row-major, tightly packed (stride = width * channels).
// Buffers returned through `out` pointers are malloc'd by this layer: release them with
// pfc_codec_free().
#include <stddef.h>
#include <stdint.h>

/// Releases a buffer returned by one of the encoders below.
void pfc_codec_free(void *buffer);

// MARK: PNG (libpng simplified API)

/// Encodes 8-bit pixels (channels 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA) as PNG.
int pfc_png_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int channels,
                   uint8_t **out, size_t *out_size, char *message, size_t message_capacity);

/// Reads the PNG header: dimensions and whether the image carries alpha (alpha channel or tRNS).
int pfc_png_info(const uint8_t *data, size_t size, uint32_t *width, uint32_t *height,
                 int *has_alpha, char *message, size_t message_capacity);

/// Decodes any PNG (every colour type, bit depths 1..16, palette with tRNS) into 8-bit
/// sRGB RGB (channels 3) or RGBA (channels 4). `pixels` must hold width*height*channels bytes
/// for the dimensions pfc_png_info reported.
int pfc_png_decode(const uint8_t *data, size_t size, int channels, uint8_t *pixels,
                   size_t pixels_size, char *message, size_t message_capacity);

// MARK: JPEG (libjpeg, setjmp-based error handling kept in C)

/// Colour spaces accepted by pfc_jpeg_encode.
enum pfc_jpeg_input {
    PFC_JPEG_INPUT_GREY = 1,
    PFC_JPEG_INPUT_RGB = 3,
    /// Adobe-style (inverted) CMYK, 4 bytes per pixel; writes the Adobe marker.
    PFC_JPEG_INPUT_CMYK = 4,
};

/// Encodes pixels in the given input colour space as baseline or progressive JPEG.
int pfc_jpeg_encode(const uint8_t *pixels, uint32_t width, uint32_t height,
                    enum pfc_jpeg_input input, int quality, int progressive,
                    uint8_t **out, size_t *out_size, char *message, size_t message_capacity);

/// Reads the JPEG header: dimensions and the number of components in the file.
int pfc_jpeg_info(const uint8_t *data, size_t size, uint32_t *width, uint32_t *height,
                  int *components, char *message, size_t message_capacity);

/// Decodes a baseline or progressive JPEG (grey, YCbCr, RGB, CMYK or YCCK) into 8-bit RGB.
/// `pixels` must hold width*height*3 bytes. A truncated file is an error, not grey padding.
int pfc_jpeg_decode_rgb(const uint8_t *data, size_t size, uint8_t *pixels, size_t pixels_size,
                        char *message, size_t message_capacity);

// MARK: WebP (libwebp advanced API)

/// Lossy WebP encode of RGB (channels 3) or RGBA (channels 4) pixels; alpha is kept.
/// quality 0..100, method 0..6 (6 = slowest, smallest).
int pfc_webp_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int channels,
                    float quality, int method, uint8_t **out, size_t *out_size,
                    char *message, size_t message_capacity);

/// Reads the WebP header: dimensions and whether the bitstream carries alpha.
int pfc_webp_info(const uint8_t *data, size_t size, uint32_t *width, uint32_t *height,
                  int *has_alpha, char *message, size_t message_capacity);

/// Decodes a WebP into RGB (channels 3) or RGBA (channels 4); `pixels` holds width*height*channels.
int pfc_webp_decode(const uint8_t *data, size_t size, int channels, uint8_t *pixels,
                    size_t pixels_size, char *message, size_t message_capacity);

#endif
