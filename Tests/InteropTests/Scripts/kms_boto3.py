"""boto3's kms client with default settings against Coffer: prints one JSON summary line.

Run by InteropTests/KMSBoto3Tests.swift with COFFER_ENDPOINT and credentials in the environment.
"""
import json
import os
import sys

import boto3
from botocore.exceptions import ClientError

kms = boto3.client("kms", endpoint_url=os.environ["COFFER_ENDPOINT"])
out = {}


def error_code(call):
    try:
        call()
    except ClientError as e:
        return e.response["Error"]["Code"]
    return None


key = kms.create_key(Description="boto3", Tags=[{"TagKey": "course", "TagValue": "kms"}])["KeyMetadata"]
key_id = key["KeyId"]
out["key_state"] = key["KeyState"]
out["key_spec"] = key["KeySpec"]
out["encryption_algorithms"] = key["EncryptionAlgorithms"]
kms.create_alias(AliasName="alias/boto3", TargetKeyId=key_id)

context = {"aws:s3:arn": "arn:aws:s3:::bucket/key", "tenant": "a"}
enc = kms.encrypt(KeyId="alias/boto3", Plaintext=b"hello boto3", EncryptionContext=context)
out["encrypt_key_arn"] = enc["KeyId"] == key["Arn"]
dec = kms.decrypt(CiphertextBlob=enc["CiphertextBlob"], EncryptionContext=context)
out["decrypt_roundtrip"] = dec["Plaintext"] == b"hello boto3"
out["context_mismatch"] = error_code(
    lambda: kms.decrypt(CiphertextBlob=enc["CiphertextBlob"], EncryptionContext={"tenant": "b"}))
out["no_context"] = error_code(lambda: kms.decrypt(CiphertextBlob=enc["CiphertextBlob"]))

other = kms.create_key()["KeyMetadata"]["KeyId"]
out["incorrect_key"] = error_code(
    lambda: kms.decrypt(CiphertextBlob=enc["CiphertextBlob"], EncryptionContext=context, KeyId=other))

re = kms.re_encrypt(CiphertextBlob=enc["CiphertextBlob"], SourceEncryptionContext=context,
                    DestinationKeyId=other)
dec2 = kms.decrypt(CiphertextBlob=re["CiphertextBlob"])
out["reencrypt_roundtrip"] = dec2["Plaintext"] == b"hello boto3" and dec2["KeyId"].endswith(other)

dk = kms.generate_data_key(KeyId=key_id, KeySpec="AES_128", EncryptionContext=context)
out["data_key_len"] = len(dk["Plaintext"])
out["data_key_roundtrip"] = kms.decrypt(
    CiphertextBlob=dk["CiphertextBlob"], EncryptionContext=context)["Plaintext"] == dk["Plaintext"]
out["both_specs"] = error_code(lambda: kms.generate_data_key(KeyId=key_id, KeySpec="AES_256", NumberOfBytes=32))
out["too_many_bytes"] = error_code(lambda: kms.generate_data_key(KeyId=key_id, NumberOfBytes=1025))

tags = kms.list_resource_tags(KeyId=key_id)["Tags"]
out["tags"] = tags
kms.tag_resource(KeyId=key_id, Tags=[{"TagKey": "term", "TagValue": "fall"}])
kms.untag_resource(KeyId=key_id, TagKeys=["course"])
out["tags_after"] = kms.list_resource_tags(KeyId=key_id)["Tags"]
out["reserved_tag"] = error_code(lambda: kms.tag_resource(KeyId=key_id, Tags=[{"TagKey": "aws:x", "TagValue": "y"}]))

policy = json.loads(kms.get_key_policy(KeyId=key_id, PolicyName="default")["Policy"])
out["default_policy_principal"] = policy["Statement"][0]["Principal"]["AWS"]
out["policy_names"] = kms.list_key_policies(KeyId=key_id)["PolicyNames"]
out["malformed_policy"] = error_code(lambda: kms.put_key_policy(KeyId=key_id, PolicyName="default", Policy="{not json"))

kms.update_key_description(KeyId=key_id, Description="renamed")
out["description"] = kms.describe_key(KeyId=key_id)["KeyMetadata"]["Description"]

out["reserved_alias"] = error_code(lambda: kms.create_alias(AliasName="alias/aws/mine", TargetKeyId=key_id))
out["duplicate_alias"] = error_code(lambda: kms.create_alias(AliasName="alias/boto3", TargetKeyId=key_id))
kms.update_alias(AliasName="alias/boto3", TargetKeyId=other)
out["alias_retargeted"] = kms.describe_key(KeyId="alias/boto3")["KeyMetadata"]["KeyId"] == other
kms.delete_alias(AliasName="alias/boto3")
out["deleted_alias"] = error_code(lambda: kms.describe_key(KeyId="alias/boto3"))

# Paging through ListKeys one at a time visits every key exactly once.
seen, marker = [], None
for _ in range(100):
    page = kms.list_keys(Limit=1, **({"Marker": marker} if marker else {}))
    seen += [k["KeyId"] for k in page["Keys"]]
    if not page.get("Truncated"):
        break
    marker = page["NextMarker"]
out["paged_keys_unique"] = len(seen) == len(set(seen)) and {key_id, other} <= set(seen)
paginated = [k["KeyId"] for p in kms.get_paginator("list_keys").paginate(PaginationConfig={"PageSize": 1}) for k in p["Keys"]]
out["paginator_matches"] = sorted(paginated) == sorted(seen)

out["random_len"] = len(kms.generate_random(NumberOfBytes=17)["Plaintext"])
out["unknown_key"] = error_code(lambda: kms.describe_key(KeyId="11111111-2222-3333-4444-555555555555"))

print(json.dumps(out))
sys.exit(0)
