package import Foundation

extension UploadRow {
    /// The row of a new upload whose data key `storedKey` describes.
    init(
        _ request: CreateMultipartUploadRequest, identity: ObjectID, storedKey: ObjectKeyring.StoredKey,
        segmentSize: Int, now: Date
    ) {
        let metadata = request.metadata
        self.init(
            uploadId: identity.hex, identity: Data(identity.bytes), bucket: request.bucket, key: request.key,
            initiated: now.millisecondsSince1970, segmentSize: segmentSize,
            contentType: metadata.contentType, contentEncoding: metadata.contentEncoding,
            contentDisposition: metadata.contentDisposition, contentLanguage: metadata.contentLanguage,
            cacheControl: metadata.cacheControl, expires: metadata.expires, userMetadata: metadata.userMetadata,
            cannedAcl: metadata.cannedACL,
            checksumAlgorithm: request.checksum?.algorithm.rawValue, checksumType: request.checksum?.type.rawValue,
            sseAlgorithm: storedKey.source == .sseS3Wrapped
                ? SSEAlgorithm.aes256.rawValue : SSEAlgorithm.awsKMS.rawValue,
            keySource: storedKey.source.rawValue, encryptedDataKey: storedKey.encryptedDataKey.map { Data($0) },
            kmsKeyArn: storedKey.kmsKeyArn, encryptionContext: storedKey.encryptionContext,
            userEncryptionContext: storedKey.userContext, bucketKeyEnabled: storedKey.bucketKeyEnabled,
            bucketKeyId: storedKey.bucketKeyId.map { Data($0) }, keySalt: storedKey.keySalt.map { Data($0) })
    }

    /// The public view.
    var info: MultipartUploadInfo {
        MultipartUploadInfo(
            uploadId: uploadId, bucket: bucket, key: key, initiated: Date(millisecondsSince1970: initiated),
            encryption: encryptionInfo, checksum: checksum)
    }
}

extension ObjectRow {
    /// The object an upload becomes: the upload's metadata and stored key, the plan's size, ETag and checksum.
    package init(completing upload: UploadRow, plan: CompletionPlan, now: Date) {
        var checksums = ObjectChecksums()
        if let choice = upload.checksum { checksums[choice.algorithm] = plan.checksum }
        self.init(
            bucket: upload.bucket, key: upload.key, objectId: upload.identity, size: plan.size, etag: plan.etag,
            lastModified: now.millisecondsSince1970, formatVersion: Int(BlobHeader.currentVersion),
            segmentSize: upload.segmentSize, contentType: upload.contentType, contentEncoding: upload.contentEncoding,
            contentDisposition: upload.contentDisposition, contentLanguage: upload.contentLanguage,
            cacheControl: upload.cacheControl, expires: upload.expires, userMetadata: upload.userMetadata,
            cannedAcl: upload.cannedAcl, checksumCrc32: checksums.crc32, checksumCrc32c: checksums.crc32c,
            checksumCrc64nvme: checksums.crc64nvme, checksumSha1: checksums.sha1, checksumSha256: checksums.sha256,
            sseAlgorithm: upload.sseAlgorithm, keySource: upload.keySource, encryptedDataKey: upload.encryptedDataKey,
            kmsKeyArn: upload.kmsKeyArn, encryptionContext: upload.encryptionContext,
            userEncryptionContext: upload.userEncryptionContext, bucketKeyEnabled: upload.bucketKeyEnabled,
            bucketKeyId: upload.bucketKeyId, keySalt: upload.keySalt, partsCount: plan.parts.count,
            checksumType: plan.checksum == nil ? nil : upload.checksumType)
    }
}

extension PartRow {
    /// The public view.
    var info: PartInfo {
        PartInfo(
            partNumber: partNumber, etag: "\"\(etag)\"", size: size,
            lastModified: Date(millisecondsSince1970: lastModified), checksums: checksums)
    }
}
