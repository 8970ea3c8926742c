#ifndef COFFER_COPENSSL_SHIM_H
#define COFFER_COPENSSL_SHIM_H
// The system's OpenSSL libcrypto, for what swift-crypto lacks: secp256k1 keys, HMAC-SHA224, and RSA signatures
// over a digest the caller computed (swift-crypto's RSA API only accepts its own digest types).
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/obj_mac.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#endif
