"""Asymmetric and HMAC keys through boto3, checked with Python `cryptography`: prints one JSON summary line.

Run by InteropTests/KMSAsymmetricInteropTests.swift with COFFER_ENDPOINT and credentials in the environment, and
one argument: a folder where it leaves, for openssl to check, signatures made here with GenerateDataKeyPair keys.
Every check is independent of Coffer's own code: public keys, signatures and ciphertext go through `cryptography`.
"""
import hashlib
import json
import os
import sys

import boto3
from botocore.exceptions import ClientError
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils

kms = boto3.client("kms", endpoint_url=os.environ["COFFER_ENDPOINT"])
out_dir = sys.argv[1]
out = {}
MESSAGE = b"signed in Coffer, checked by cryptography"
HASHES = {"256": hashes.SHA256, "384": hashes.SHA384, "512": hashes.SHA512}


def error(call):
    try:
        call()
    except ClientError as e:
        return [e.response["Error"]["Code"], e.response["Error"].get("Message", "")]
    return None


def create(spec, usage):
    return kms.create_key(KeySpec=spec, KeyUsage=usage)["KeyMetadata"]


def public_key(key_id):
    return serialization.load_der_public_key(kms.get_public_key(KeyId=key_id)["PublicKey"])


def verify_locally(key, algorithm, signature, message):
    hash_cls = HASHES[algorithm[-3:]]
    try:
        if algorithm.startswith("ECDSA"):
            key.verify(signature, message, ec.ECDSA(hash_cls()))
        elif algorithm.startswith("RSASSA_PSS"):
            key.verify(signature, message, padding.PSS(mgf=padding.MGF1(hash_cls()), salt_length=hash_cls.digest_size),
                       hash_cls())
        else:
            key.verify(signature, message, padding.PKCS1v15(), hash_cls())
        return True
    except InvalidSignature:
        return False


# Sign in Coffer, verify with cryptography: every algorithm, RAW and DIGEST.
signing = {}
for spec, algorithms in [
    ("RSA_2048", ["RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512",
                  "RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384", "RSASSA_PSS_SHA_512"]),
    ("ECC_NIST_P256", ["ECDSA_SHA_256"]), ("ECC_NIST_P384", ["ECDSA_SHA_384"]), ("ECC_NIST_P521", ["ECDSA_SHA_512"]),
    ("ECC_SECG_P256K1", ["ECDSA_SHA_256"]),
]:
    meta = create(spec, "SIGN_VERIFY")
    out[f"signing_algorithms_{spec}"] = meta["SigningAlgorithms"]
    key = public_key(meta["KeyId"])
    for algorithm in algorithms:
        raw = kms.sign(KeyId=meta["KeyId"], Message=MESSAGE, SigningAlgorithm=algorithm)
        digest = hashlib.new("sha" + algorithm[-3:], MESSAGE).digest()
        pre = kms.sign(KeyId=meta["Arn"], Message=digest, MessageType="DIGEST", SigningAlgorithm=algorithm)
        verified_in_kms = kms.verify(KeyId=meta["KeyId"], Message=digest, MessageType="DIGEST",
                                     Signature=raw["Signature"], SigningAlgorithm=algorithm)["SignatureValid"]
        signing[f"{spec}/{algorithm}"] = [
            verify_locally(key, algorithm, raw["Signature"], MESSAGE),
            verify_locally(key, algorithm, pre["Signature"], MESSAGE),
            verified_in_kms,
            raw["KeyId"] == meta["Arn"] and raw["SigningAlgorithm"] == algorithm,
        ]
        tampered = bytearray(raw["Signature"])
        tampered[-1] ^= 1
        signing[f"{spec}/{algorithm}/tampered"] = error(lambda: kms.verify(
            KeyId=meta["KeyId"], Message=MESSAGE, Signature=bytes(tampered), SigningAlgorithm=algorithm))
out["signing"] = signing
p256 = create("ECC_NIST_P256", "SIGN_VERIFY")["KeyId"]
out["digest_length"] = error(lambda: kms.sign(KeyId=p256, Message=b"x" * 20, MessageType="DIGEST",
                                              SigningAlgorithm="ECDSA_SHA_256"))
out["wrong_algorithm"] = error(lambda: kms.sign(KeyId=p256, Message=b"x", SigningAlgorithm="ECDSA_SHA_512"))

# Encrypt with cryptography and the public key from GetPublicKey; Coffer decrypts.
encryption = {}
for spec, limits in [("RSA_2048", {"RSAES_OAEP_SHA_1": 214, "RSAES_OAEP_SHA_256": 190}),
                     ("RSA_4096", {"RSAES_OAEP_SHA_1": 470, "RSAES_OAEP_SHA_256": 446})]:
    meta = create(spec, "ENCRYPT_DECRYPT")
    out[f"encryption_algorithms_{spec}"] = meta["EncryptionAlgorithms"]
    key = public_key(meta["KeyId"])
    for algorithm, limit in limits.items():
        hash_cls = hashes.SHA1 if algorithm.endswith("_1") else hashes.SHA256
        plaintext = os.urandom(limit)
        ciphertext = key.encrypt(plaintext, padding.OAEP(mgf=padding.MGF1(hash_cls()), algorithm=hash_cls(),
                                                         label=None))
        decrypted = kms.decrypt(KeyId=meta["KeyId"], CiphertextBlob=ciphertext, EncryptionAlgorithm=algorithm)
        own = kms.encrypt(KeyId=meta["KeyId"], Plaintext=plaintext, EncryptionAlgorithm=algorithm)
        too_big = error(lambda: kms.encrypt(KeyId=meta["KeyId"], Plaintext=plaintext + b"!",
                                            EncryptionAlgorithm=algorithm))
        encryption[f"{spec}/{algorithm}"] = [
            decrypted["Plaintext"] == plaintext, decrypted["EncryptionAlgorithm"] == algorithm,
            "KeyMaterialId" not in decrypted,
            kms.decrypt(KeyId=meta["KeyId"], CiphertextBlob=own["CiphertextBlob"],
                        EncryptionAlgorithm=algorithm)["Plaintext"] == plaintext,
            too_big,
        ]
out["encryption"] = encryption

# GenerateDataKeyPair: plain Decrypt opens the private key; it signs here and openssl checks it (files).
pairs = {}
wrapping = kms.create_key()["KeyMetadata"]["KeyId"]
context = {"purpose": "interop"}
for spec in ["RSA_2048", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1"]:
    pair = kms.generate_data_key_pair(KeyId=wrapping, KeyPairSpec=spec, EncryptionContext=context)
    opened = kms.decrypt(CiphertextBlob=pair["PrivateKeyCiphertextBlob"], EncryptionContext=context)["Plaintext"]
    private = serialization.load_der_private_key(pair["PrivateKeyPlaintext"], password=None)
    public_der = private.public_key().public_bytes(serialization.Encoding.DER,
                                                   serialization.PublicFormat.SubjectPublicKeyInfo)
    if isinstance(private, rsa.RSAPrivateKey):
        signature = private.sign(MESSAGE, padding.PKCS1v15(), hashes.SHA256())
        size_ok = private.key_size == 2048
    else:
        signature = private.sign(MESSAGE, ec.ECDSA(hashes.SHA256()))
        size_ok = private.curve.name == {"ECC_NIST_P256": "secp256r1", "ECC_NIST_P384": "secp384r1",
                                         "ECC_NIST_P521": "secp521r1", "ECC_SECG_P256K1": "secp256k1"}[spec]
    with open(os.path.join(out_dir, f"{spec}.pub.der"), "wb") as f:
        f.write(pair["PublicKey"])
    with open(os.path.join(out_dir, f"{spec}.sig"), "wb") as f:
        f.write(signature)
    without = kms.generate_data_key_pair_without_plaintext(KeyId=wrapping, KeyPairSpec=spec)
    pairs[spec] = [opened == pair["PrivateKeyPlaintext"], public_der == pair["PublicKey"], size_ok,
                   pair["KeyPairSpec"] == spec, "PrivateKeyPlaintext" not in without]
with open(os.path.join(out_dir, "message"), "wb") as f:
    f.write(MESSAGE)
out["pairs"] = pairs
out["pair_unsupported"] = error(lambda: kms.generate_data_key_pair(KeyId=wrapping, KeyPairSpec="SM2"))

# HMAC: the key never leaves Coffer, so check the round trip, determinism and tampering.
macs = {}
for spec, algorithm, length in [("HMAC_224", "HMAC_SHA_224", 28), ("HMAC_256", "HMAC_SHA_256", 32),
                                ("HMAC_384", "HMAC_SHA_384", 48), ("HMAC_512", "HMAC_SHA_512", 64)]:
    meta = create(spec, "GENERATE_VERIFY_MAC")
    mac = kms.generate_mac(KeyId=meta["KeyId"], Message=MESSAGE, MacAlgorithm=algorithm)
    again = kms.generate_mac(KeyId=meta["KeyId"], Message=MESSAGE, MacAlgorithm=algorithm)["Mac"]
    valid = kms.verify_mac(KeyId=meta["KeyId"], Message=MESSAGE, Mac=mac["Mac"], MacAlgorithm=algorithm)
    tampered = error(lambda: kms.verify_mac(KeyId=meta["KeyId"], Message=MESSAGE + b"!", Mac=mac["Mac"],
                                            MacAlgorithm=algorithm))
    macs[spec] = [len(mac["Mac"]) == length, again == mac["Mac"], valid["MacValid"], meta["MacAlgorithms"], tampered]
out["macs"] = macs
hmac256 = create("HMAC_256", "GENERATE_VERIFY_MAC")["KeyId"]
out["mac_mismatch"] = error(lambda: kms.generate_mac(KeyId=hmac256, Message=b"x", MacAlgorithm="HMAC_SHA_512"))
out["no_public_key"] = error(lambda: kms.get_public_key(KeyId=hmac256))
out["rotation"] = error(lambda: kms.enable_key_rotation(KeyId=p256))
print(json.dumps(out))
