public import NIOCore
import NIOHTTP1

extension S3BlobClient {
    /// Starts a multipart upload of `key` and returns its upload id. Sent once: a retry could start a second upload.
    public func createMultipartUpload(key: String) async throws(S3BlobClientError) -> String {
        let response = try await self.send(.POST, key: key, query: [("uploads", "")], retry: .once)
        let document = try S3XMLDocument(parsing: response.body, status: response.status)
        guard document.root == "InitiateMultipartUploadResult", let uploadId = document.fields["UploadId"],
            !uploadId.isEmpty
        else { throw .invalidResponse(status: response.status, "CreateMultipartUpload returned no UploadId") }
        return uploadId
    }

    /// Uploads part `partNumber` (1...10,000) of an upload and returns its ETag, as the store sent it (quoted).
    public func uploadPart(
        key: String, uploadId: String, partNumber: Int, body: ByteBuffer
    ) async throws(S3BlobClientError) -> String {
        let response = try await self.send(
            .PUT, key: key, query: [("partNumber", String(partNumber)), ("uploadId", uploadId)], body: body,
            retry: .idempotent)
        guard let etag = response.headers.first(name: "etag"), !etag.isEmpty else {
            throw .invalidResponse(status: response.status, "UploadPart returned no ETag")
        }
        return etag
    }

    /// Completes an upload from its parts, in ascending part number. Sent once: S3 may answer a repeated
    /// completion with `NoSuchUpload`, and an `<Error>` inside a 200 answer is thrown as the error it is.
    public func completeMultipartUpload(
        key: String, uploadId: String, parts: [(number: Int, etag: String)]
    ) async throws(S3BlobClientError) {
        let response = try await self.send(
            .POST, key: key, query: [("uploadId", uploadId)], body: Self.completeMultipartBody(parts), retry: .once)
        let document = try S3XMLDocument(parsing: response.body, status: response.status)
        guard document.root != "Error" else {
            throw .service(
                status: response.status, code: document.fields["Code"] ?? "", message: document.fields["Message"] ?? "")
        }
    }

    /// Aborts an upload and frees its parts; an upload that no longer exists counts as aborted.
    public func abortMultipartUpload(key: String, uploadId: String) async throws(S3BlobClientError) {
        do {
            _ = try await self.send(.DELETE, key: key, query: [("uploadId", uploadId)], retry: .idempotent)
        } catch  where error.status == 404 && error.code == "NoSuchUpload" {
            return
        }
    }

    /// The `<CompleteMultipartUpload>` document: one `<Part>` per part, with its number and ETag.
    static func completeMultipartBody(_ parts: [(number: Int, etag: String)]) -> ByteBuffer {
        var xml = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        for part in parts {
            xml += "<Part><PartNumber>\(part.number)</PartNumber><ETag>\(Self.escapeXML(part.etag))</ETag></Part>"
        }
        xml += "</CompleteMultipartUpload>"
        return ByteBuffer(string: xml)
    }

    /// Escapes the characters XML text may not hold as they are (`&`, `<`, `>`); quotes may stay in text.
    static func escapeXML(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
