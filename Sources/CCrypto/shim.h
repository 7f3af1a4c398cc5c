#ifndef PFC_CCRYPTO_SHIM_H
#define PFC_CCRYPTO_SHIM_H
// OpenSSL's libcrypto (already linked through libcurl): its EVP digest API.
#include <openssl/evp.h>
#endif
