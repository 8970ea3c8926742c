import Foundation

extension ObjectRow {
    /// The row for a freshly written object.
    init(
        _ request: PutObjectRequest,
        objectID: ObjectID,
        size: Int64,
        md5: [UInt8],
        checksums: ObjectChecksums,
        storedKey: ObjectKeyring.StoredKey,
        segmentSize: Int,
        inlineBlob: [UInt8]?,
        now: Date
    ) {
        let metadata = request.metadata
        self.init(
            bucket: request.bucket,
            key: request.key,
            objectId: Data(objectID.bytes),
            size: size,
            etag: md5.hexString,
            lastModified: now.millisecondsSince1970,
            formatVersion: Int(BlobHeader.currentVersion),
            segmentSize: segmentSize,
            contentType: metadata.contentType,
            contentEncoding: metadata.contentEncoding,
            contentDisposition: metadata.contentDisposition,
            contentLanguage: metadata.contentLanguage,
            cacheControl: metadata.cacheControl,
            expires: metadata.expires,
            userMetadata: metadata.userMetadata,
            cannedAcl: metadata.cannedACL,
            checksumCrc32: checksums.crc32,
            checksumCrc32c: checksums.crc32c,
            checksumCrc64nvme: checksums.crc64nvme,
            checksumSha1: checksums.sha1,
            checksumSha256: checksums.sha256,
            sseAlgorithm: storedKey.source == .sseS3Wrapped
                ? SSEAlgorithm.aes256.rawValue : SSEAlgorithm.awsKMS.rawValue,
            keySource: storedKey.source.rawValue,
            encryptedDataKey: storedKey.encryptedDataKey.map { Data($0) },
            kmsKeyArn: storedKey.kmsKeyArn,
            encryptionContext: storedKey.encryptionContext,
            userEncryptionContext: storedKey.userContext,
            bucketKeyEnabled: storedKey.bucketKeyEnabled,
            bucketKeyId: storedKey.bucketKeyId.map { Data($0) },
            keySalt: storedKey.keySalt.map { Data($0) },
            inlineBlob: inlineBlob.map { Data($0) }
        )
    }
}
