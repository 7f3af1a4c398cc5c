#ifndef PFC_CCURL_SHIM_H
#define PFC_CCURL_SHIM_H
#include <curl/curl.h>
// curl_easy_setopt / curl_easy_getinfo are C variadics, which Swift cannot call:
// one typed wrapper per argument kind.
static inline CURLcode pfc_curl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode pfc_curl_setopt_off_t(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode pfc_curl_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode pfc_curl_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode pfc_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
typedef size_t (*pfc_curl_data_callback)(char *, size_t, size_t, void *);
static inline CURLcode pfc_curl_setopt_data_callback(CURL *h, CURLoption o, pfc_curl_data_callback v) { return curl_easy_setopt(h, o, v); }
typedef int (*pfc_curl_xferinfo_callback)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t);
static inline CURLcode pfc_curl_setopt_xferinfo_callback(CURL *h, pfc_curl_xferinfo_callback v) { return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, v); }
static inline CURLcode pfc_curl_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode pfc_curl_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode pfc_curl_getinfo_off_t(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
// CURL_GLOBAL_ALL is a compound macro that Swift does not import.
static inline CURLcode pfc_curl_global_init_all(void) { return curl_global_init(CURL_GLOBAL_ALL); }
#endif
