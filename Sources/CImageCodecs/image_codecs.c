#include "image_codecs.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>
#include <png.h>
#include <webp/decode.h>
#include <webp/encode.h>

static int fail(char *message, size_t capacity, const char *format, ...) {
    if (message != NULL && capacity > 0) {
        va_list args;
        va_start(args, format);
        vsnprintf(message, capacity, format, args);
        va_end(args);
    }
    return 0;
}

void pfc_codec_free(void *buffer) { free(buffer); }

// MARK: - PNG

static png_uint_32 png_format_for_channels(int channels) {
    switch (channels) {
    case 1: return PNG_FORMAT_GRAY;
    case 2: return PNG_FORMAT_GA;
    case 3: return PNG_FORMAT_RGB;
    default: return PNG_FORMAT_RGBA;
    }
}

int pfc_png_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int channels,
                   uint8_t **out, size_t *out_size, char *message, size_t message_capacity) {
    if (channels < 1 || channels > 4) return fail(message, message_capacity, "unsupported channel count %d", channels);
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = width;
    image.height = height;
    image.format = png_format_for_channels(channels);

    // First pass with no buffer asks libpng for the exact encoded size.
    png_alloc_size_t needed = 0;
    if (!png_image_write_to_memory(&image, NULL, &needed, 0, pixels, 0, NULL)) {
        int result = fail(message, message_capacity, "PNG encode failed: %s", image.message);
        png_image_free(&image);
        return result;
    }
    uint8_t *buffer = malloc(needed > 0 ? needed : 1);
    if (buffer == NULL) return fail(message, message_capacity, "out of memory (%zu bytes)", (size_t)needed);
    if (!png_image_write_to_memory(&image, buffer, &needed, 0, pixels, 0, NULL)) {
        int result = fail(message, message_capacity, "PNG encode failed: %s", image.message);
        png_image_free(&image);
        free(buffer);
        return result;
    }
    *out = buffer;
    *out_size = needed;
    return 1;
}

int pfc_png_info(const uint8_t *data, size_t size, uint32_t *width, uint32_t *height,
                 int *has_alpha, char *message, size_t message_capacity) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, data, size)) {
        int result = fail(message, message_capacity, "%s", image.message);
        png_image_free(&image);
        return result;
    }
    *width = image.width;
    *height = image.height;
    *has_alpha = (image.format & PNG_FORMAT_FLAG_ALPHA) != 0;
    png_image_free(&image);
    return 1;
}

int pfc_png_decode(const uint8_t *data, size_t size, int channels, uint8_t *pixels,
                   size_t pixels_size, char *message, size_t message_capacity) {
    if (channels != 3 && channels != 4) return fail(message, message_capacity, "PNG decodes to 3 or 4 channels, not %d", channels);
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, data, size)) {
        int result = fail(message, message_capacity, "%s", image.message);
        png_image_free(&image);
        return result;
    }
    image.format = channels == 4 ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
    // 16-bit files without gAMA/sRGB are sRGB-encoded in practice (editors, cameras); libpng's
    // simplified API would otherwise treat them as linear and brighten them. Must be set after
    // begin_read, which resets the flags.
    image.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
    size_t needed = (size_t)image.width * image.height * (size_t)channels;
    if (needed != pixels_size) {
        png_image_free(&image);
        return fail(message, message_capacity, "pixel buffer holds %zu bytes, image needs %zu", pixels_size, needed);
    }
    // A NULL background composites any alpha onto black; callers ask for RGBA when alpha exists.
    if (!png_image_finish_read(&image, NULL, pixels, 0, NULL)) {
        int result = fail(message, message_capacity, "%s", image.message);
        png_image_free(&image);
        return result;
    }
    return 1;
}

// MARK: - JPEG

struct pfc_jpeg_error {
    struct jpeg_error_mgr manager;
    jmp_buf escape;
    char reason[JMSG_LENGTH_MAX];
    int truncated;
};

static void pfc_jpeg_error_exit(j_common_ptr cinfo) {
    struct pfc_jpeg_error *error = (struct pfc_jpeg_error *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, error->reason);
    longjmp(error->escape, 1);
}

static void pfc_jpeg_emit_message(j_common_ptr cinfo, int level) {
    // Level -1 is a warning about corrupt data. libjpeg pads a truncated file with grey
    // and carries on; we want a clear failure instead of a silently damaged image.
    if (level == -1 && cinfo->err->msg_code == JWRN_JPEG_EOF) {
        struct pfc_jpeg_error *error = (struct pfc_jpeg_error *)cinfo->err;
        error->truncated = 1;
    }
}

static void pfc_jpeg_install_errors(struct pfc_jpeg_error *error) {
    jpeg_std_error(&error->manager);
    error->manager.error_exit = pfc_jpeg_error_exit;
    error->manager.emit_message = pfc_jpeg_emit_message;
    error->reason[0] = 0;
    error->truncated = 0;
}

int pfc_jpeg_encode(const uint8_t *pixels, uint32_t width, uint32_t height,
                    enum pfc_jpeg_input input, int quality, int progressive,
                    uint8_t **out, size_t *out_size, char *message, size_t message_capacity) {
    int components = (int)input;
    if (components != 1 && components != 3 && components != 4)
        return fail(message, message_capacity, "unsupported JPEG input colour space %d", components);
    struct jpeg_compress_struct cinfo;
    struct pfc_jpeg_error error;
    // volatile: these are modified between setjmp and a possible longjmp.
    unsigned char *volatile buffer = NULL;
    volatile unsigned long buffer_size = 0;
    memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = &error.manager;
    pfc_jpeg_install_errors(&error);
    if (setjmp(error.escape)) {
        jpeg_destroy_compress(&cinfo);
        free(buffer);
        return fail(message, message_capacity, "JPEG encode failed: %s", error.reason);
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, (unsigned char **)&buffer, (unsigned long *)&buffer_size);
    cinfo.image_width = width;
    cinfo.image_height = height;
    cinfo.input_components = components;
    cinfo.in_color_space = components == 1 ? JCS_GRAYSCALE : components == 3 ? JCS_RGB : JCS_CMYK;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    if (progressive) jpeg_simple_progression(&cinfo);
    jpeg_start_compress(&cinfo, TRUE);
    size_t stride = (size_t)width * (size_t)components;
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)cinfo.next_scanline * stride);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    *out = buffer;
    *out_size = buffer_size;
    return 1;
}

int pfc_jpeg_info(const uint8_t *data, size_t size, uint32_t *width, uint32_t *height,
                  int *components, char *message, size_t message_capacity) {
    struct jpeg_decompress_struct cinfo;
    struct pfc_jpeg_error error;
    memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = &error.manager;
    pfc_jpeg_install_errors(&error);
    if (setjmp(error.escape)) {
        jpeg_destroy_decompress(&cinfo);
        return fail(message, message_capacity, "%s", error.reason);
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)size);
    jpeg_read_header(&cinfo, TRUE);
    *width = cinfo.image_width;
    *height = cinfo.image_height;
    *components = cinfo.num_components;
    jpeg_destroy_decompress(&cinfo);
    return 1;
}

static uint8_t clamp_byte(int value) { return (uint8_t)(value < 0 ? 0 : value > 255 ? 255 : value); }

int pfc_jpeg_decode_rgb(const uint8_t *data, size_t size, uint8_t *pixels, size_t pixels_size,
                        char *message, size_t message_capacity) {
    struct jpeg_decompress_struct cinfo;
    struct pfc_jpeg_error error;
    uint8_t *volatile cmyk_row = NULL;
    memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = &error.manager;
    pfc_jpeg_install_errors(&error);
    if (setjmp(error.escape)) {
        jpeg_destroy_decompress(&cinfo);
        free(cmyk_row);
        return fail(message, message_capacity, "%s", error.reason);
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)size);
    jpeg_read_header(&cinfo, TRUE);
    int is_cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
    // libjpeg converts grey and YCbCr to RGB itself, but CMYK/YCCK only as far as CMYK.
    cinfo.out_color_space = is_cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_start_decompress(&cinfo);
    size_t width = cinfo.output_width;
    size_t needed = width * cinfo.output_height * 3;
    if (needed != pixels_size) {
        jpeg_destroy_decompress(&cinfo);
        return fail(message, message_capacity, "pixel buffer holds %zu bytes, image needs %zu", pixels_size, needed);
    }
    if (is_cmyk) {
        cmyk_row = malloc(width * 4);
        if (cmyk_row == NULL) {
            jpeg_destroy_decompress(&cinfo);
            return fail(message, message_capacity, "out of memory");
        }
    }
    // Photoshop writes inverted CMYK with an Adobe marker; plain CMYK is the exception.
    int inverted = cinfo.saw_Adobe_marker;
    while (cinfo.output_scanline < cinfo.output_height) {
        uint8_t *target = pixels + (size_t)cinfo.output_scanline * width * 3;
        if (!is_cmyk) {
            JSAMPROW row = target;
            jpeg_read_scanlines(&cinfo, &row, 1);
            continue;
        }
        JSAMPROW row = cmyk_row;
        jpeg_read_scanlines(&cinfo, &row, 1);
        for (size_t x = 0; x < width; x++) {
            int c = cmyk_row[x * 4], m = cmyk_row[x * 4 + 1], y = cmyk_row[x * 4 + 2], k = cmyk_row[x * 4 + 3];
            if (!inverted) { c = 255 - c; m = 255 - m; y = 255 - y; k = 255 - k; }
            target[x * 3] = clamp_byte((c * k + 127) / 255);
            target[x * 3 + 1] = clamp_byte((m * k + 127) / 255);
            target[x * 3 + 2] = clamp_byte((y * k + 127) / 255);
        }
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    free(cmyk_row);
    if (error.truncated) return fail(message, message_capacity, "truncated JPEG (premature end of data)");
    return 1;
}

// MARK: - WebP

static const char *webp_encoding_error(WebPEncodingError code) {
    switch (code) {
    case VP8_ENC_ERROR_OUT_OF_MEMORY: return "out of memory";
    case VP8_ENC_ERROR_BITSTREAM_OUT_OF_MEMORY: return "out of memory for the bitstream";
    case VP8_ENC_ERROR_NULL_PARAMETER: return "null parameter";
    case VP8_ENC_ERROR_INVALID_CONFIGURATION: return "invalid configuration";
    case VP8_ENC_ERROR_BAD_DIMENSION: return "bad dimension (WebP allows at most 16383x16383)";
    case VP8_ENC_ERROR_PARTITION0_OVERFLOW: return "partition 0 overflow";
    case VP8_ENC_ERROR_PARTITION_OVERFLOW: return "partition overflow";
    case VP8_ENC_ERROR_BAD_WRITE: return "write failed";
    case VP8_ENC_ERROR_FILE_TOO_BIG: return "file too big";
    case VP8_ENC_ERROR_USER_ABORT: return "aborted";
    default: return "unknown error";
    }
}

int pfc_webp_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int channels,
                    float quality, int method, uint8_t **out, size_t *out_size,
                    char *message, size_t message_capacity) {
    if (channels != 3 && channels != 4) return fail(message, message_capacity, "WebP encodes 3 or 4 channels, not %d", channels);
    WebPConfig config;
    if (!WebPConfigPreset(&config, WEBP_PRESET_DEFAULT, quality))
        return fail(message, message_capacity, "libwebp version mismatch");
    config.quality = quality;
    config.method = method;
    if (!WebPValidateConfig(&config))
        return fail(message, message_capacity, "invalid WebP settings (quality %.1f, method %d)", quality, method);

    WebPPicture picture;
    if (!WebPPictureInit(&picture)) return fail(message, message_capacity, "libwebp version mismatch");
    picture.use_argb = 0;
    picture.width = (int)width;
    picture.height = (int)height;
    int stride = (int)width * channels;
    int imported = channels == 4 ? WebPPictureImportRGBA(&picture, pixels, stride)
                                 : WebPPictureImportRGB(&picture, pixels, stride);
    if (!imported) {
        int result = fail(message, message_capacity, "WebP import failed: %s", webp_encoding_error(picture.error_code));
        WebPPictureFree(&picture);
        return result;
    }
    WebPMemoryWriter writer;
    WebPMemoryWriterInit(&writer);
    picture.writer = WebPMemoryWrite;
    picture.custom_ptr = &writer;
    if (!WebPEncode(&config, &picture)) {
        int result = fail(message, message_capacity, "WebP encode failed: %s", webp_encoding_error(picture.error_code));
        WebPPictureFree(&picture);
        WebPMemoryWriterClear(&writer);
        return result;
    }
    WebPPictureFree(&picture);
    // Copy into a malloc'd buffer so every encoder's output is released the same way.
    uint8_t *buffer = malloc(writer.size > 0 ? writer.size : 1);
    if (buffer == NULL) {
        WebPMemoryWriterClear(&writer);
        return fail(message, message_capacity, "out of memory");
    }
    memcpy(buffer, writer.mem, writer.size);
    *out = buffer;
    *out_size = writer.size;
    WebPMemoryWriterClear(&writer);
    return 1;
}

int pfc_webp_info(const uint8_t *data, size_t size, uint32_t *width, uint32_t *height,
                  int *has_alpha, char *message, size_t message_capacity) {
    WebPBitstreamFeatures features;
    VP8StatusCode status = WebPGetFeatures(data, size, &features);
    if (status != VP8_STATUS_OK) return fail(message, message_capacity, "not a valid WebP header (status %d)", (int)status);
    *width = (uint32_t)features.width;
    *height = (uint32_t)features.height;
    *has_alpha = features.has_alpha;
    return 1;
}

int pfc_webp_decode(const uint8_t *data, size_t size, int channels, uint8_t *pixels,
                    size_t pixels_size, char *message, size_t message_capacity) {
    if (channels != 3 && channels != 4) return fail(message, message_capacity, "WebP decodes to 3 or 4 channels, not %d", channels);
    int width = 0, height = 0;
    if (!WebPGetInfo(data, size, &width, &height)) return fail(message, message_capacity, "not a valid WebP header");
    size_t needed = (size_t)width * (size_t)height * (size_t)channels;
    if (needed != pixels_size)
        return fail(message, message_capacity, "pixel buffer holds %zu bytes, image needs %zu", pixels_size, needed);
    int stride = width * channels;
    uint8_t *decoded = channels == 4 ? WebPDecodeRGBAInto(data, size, pixels, pixels_size, stride)
                                     : WebPDecodeRGBInto(data, size, pixels, pixels_size, stride);
    if (decoded == NULL) return fail(message, message_capacity, "corrupt or truncated WebP data");
    return 1;
}
