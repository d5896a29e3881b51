#ifndef FACTEUR_CCRYPTO_SHIM_H
#define FACTEUR_CCRYPTO_SHIM_H
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

/* HMAC-SHA-256 of data under key into out (32 bytes); returns 1 on success. */
static inline int ccrypto_hmac_sha256(const void *key, int key_length, const unsigned char *data, size_t length,
                                      unsigned char *out) {
    unsigned int out_length = 0;
    return HMAC(EVP_sha256(), key, key_length, data, length, out, &out_length) != 0 && out_length == 32;
}
#endif
