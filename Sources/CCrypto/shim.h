#ifndef FACTEUR_CCRYPTO_SHIM_H
#define FACTEUR_CCRYPTO_SHIM_H
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>
#include <openssl/rand.h>

/* HMAC-SHA-256 of data under key into out (32 bytes); returns 1 on success. */
static inline int ccrypto_hmac_sha256(const void *key, int key_length, const unsigned char *data, size_t length,
                                      unsigned char *out) {
    unsigned int out_length = 0;
    return HMAC(EVP_sha256(), key, key_length, data, length, out, &out_length) != 0 && out_length == 32;
}

/* A MAC context holding the key, to be duplicated for each message: the one-shot HMAC looks the algorithm up
   in the provider tables on every call, which cost more than the hashing of a token (issue 15). NULL on failure. */
static inline EVP_MAC_CTX *ccrypto_hmac_sha256_prepare(const void *key, size_t key_length) {
    EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    if (mac == NULL) return NULL;
    EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(mac);
    EVP_MAC_free(mac); /* the context keeps its own reference */
    if (ctx == NULL) return NULL;
    OSSL_PARAM params[2] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)"SHA256", 0),
                            OSSL_PARAM_construct_end()};
    if (EVP_MAC_init(ctx, key, key_length, params) != 1) {
        EVP_MAC_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}

/* HMAC-SHA-256 of data into out (32 bytes) with a copy of a prepared context, which stays untouched (several
   threads may use it at once); returns 1 on success. */
static inline int ccrypto_hmac_sha256_prepared(const EVP_MAC_CTX *prepared, const unsigned char *data, size_t length,
                                               unsigned char *out) {
    EVP_MAC_CTX *ctx = EVP_MAC_CTX_dup(prepared);
    if (ctx == NULL) return 0;
    size_t out_length = 0;
    int ok = EVP_MAC_update(ctx, data, length) == 1 && EVP_MAC_final(ctx, out, &out_length, 32) == 1 &&
             out_length == 32;
    EVP_MAC_CTX_free(ctx);
    return ok;
}

static inline void ccrypto_hmac_sha256_release(EVP_MAC_CTX *prepared) { EVP_MAC_CTX_free(prepared); }
#endif
