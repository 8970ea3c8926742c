import Foundation

extension ObjectConditions {
    /// Checks conditional-write headers (`If-None-Match: *`, `If-Match`) against the key's current object.
    ///
    /// `If-None-Match: *` fails with 412 when an object exists; `If-Match` fails with 412 when the ETag differs
    /// and with `noSuchKey` when there is no object, as S3 answers. Other headers are not write conditions.
    func evaluateForWrite(currentETag: String?, bucket: String, key: String) throws(ObjectStoreError) {
        if let ifNoneMatch, currentETag != nil {
            if ifNoneMatch.trimmingCharacters(in: .whitespaces) == "*" || Self.matches(ifNoneMatch, etag: currentETag!)
            {
                throw .preconditionFailed("If-None-Match")
            }
        }
        if let ifMatch {
            guard let currentETag else { throw .noSuchKey(bucket, key) }
            guard Self.matches(ifMatch, etag: currentETag) else { throw .preconditionFailed("If-Match") }
        }
    }
}
