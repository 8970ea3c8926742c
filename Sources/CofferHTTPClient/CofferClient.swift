import Crypto
public import Foundation

/// The few S3 and KMS calls `coffer demo` and the console's experiment make, over ``SignedHTTPClient``: what the
/// aws CLI would send. A refused call throws ``CofferClientError`` naming the call and the error code.
public struct CofferClient: Sendable {
    public let http: SignedHTTPClient

    /// Creates a client sending over `http`.
    public init(http: SignedHTTPClient) {
        self.http = http
    }

    /// KMS CreateKey: a symmetric customer managed key; returns its ARN.
    public func createKey(description: String) async throws -> String {
        let answer = try await kms("CreateKey", ["Description": description])
        try Self.require(answer, "CreateKey")
        return try Self.keyArn(in: answer, "CreateKey")
    }

    /// One KMS JSON call.
    private func kms(_ operation: String, _ request: [String: String]) async throws -> SignedHTTPClient.Answer {
        let body = try JSONSerialization.data(withJSONObject: request)
        return try await http.send(
            "POST", path: "/",
            headers: [("content-type", "application/x-amz-json-1.1"), ("x-amz-target", "TrentService.\(operation)")],
            body: body, service: "kms")
    }

    /// `KeyMetadata.Arn` of a KMS answer.
    private static func keyArn(in answer: SignedHTTPClient.Answer, _ operation: String) throws -> String {
        let json = try JSONSerialization.jsonObject(with: answer.body) as? [String: Any]
        guard let arn = (json?["KeyMetadata"] as? [String: Any])?["Arn"] as? String else {
            throw CofferClientError("\(operation) answered without a key ARN")
        }
        return arn
    }

    /// KMS DescribeKey: the ARN of the key `keyId` (an id, ARN or alias) names, or nil when there is none.
    public func keyArn(_ keyId: String) async throws -> String? {
        let answer = try await kms("DescribeKey", ["KeyId": keyId])
        if answer.status == 400, Self.errorCode(answer) == "NotFoundException" { return nil }
        try Self.require(answer, "DescribeKey")
        return try Self.keyArn(in: answer, "DescribeKey")
    }

    /// KMS CreateAlias: `alias` names `keyId`.
    public func createAlias(_ alias: String, keyId: String) async throws {
        try Self.require(try await kms("CreateAlias", ["AliasName": alias, "TargetKeyId": keyId]), "CreateAlias")
    }

    /// S3 CreateBucket; a bucket left by an earlier run in the same `--data` folder is reused.
    public func createBucket(_ bucket: String) async throws {
        let answer = try await http.send("PUT", path: "/\(bucket)", service: "s3")
        if answer.status == 409, Self.errorCode(answer) == "BucketAlreadyOwnedByYou" { return }
        try Self.require(answer, "CreateBucket \(bucket)")
    }

    /// S3 PutBucketEncryption: SSE-KMS with `keyArn` by default, with or without Bucket Keys.
    public func putBucketEncryption(_ bucket: String, keyArn: String, bucketKeyEnabled: Bool) async throws {
        let xml = """
            <ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule>\
            <ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm>\
            <KMSMasterKeyID>\(keyArn)</KMSMasterKeyID></ApplyServerSideEncryptionByDefault>\
            <BucketKeyEnabled>\(bucketKeyEnabled)</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>
            """
        let body = Data(xml.utf8)
        let md5 = Data(Insecure.MD5.hash(data: body)).base64EncodedString()
        let answer = try await http.send(
            "PUT", path: "/\(bucket)", query: "encryption",
            headers: [("content-type", "application/xml"), ("content-md5", md5)], body: body, service: "s3")
        try Self.require(answer, "PutBucketEncryption \(bucket)")
    }

    /// S3 PutObject with the bucket's default encryption; returns the answer's headers.
    public func putObject(bucket: String, key: String, body: Data) async throws -> SignedHTTPClient.Answer {
        let answer = try await http.send(
            "PUT", path: "/\(bucket)/\(key)", headers: [("content-type", "text/plain")], body: body, service: "s3")
        try Self.require(answer, "PutObject \(bucket)/\(key)")
        return answer
    }

    /// S3 GetObject: the plaintext.
    public func getObject(bucket: String, key: String) async throws -> Data {
        let answer = try await http.send("GET", path: "/\(bucket)/\(key)", service: "s3")
        try Self.require(answer, "GetObject \(bucket)/\(key)")
        return answer.body
    }

    public func shutdown() { http.shutdown() }

    /// Throws ``CofferClientError`` naming `what` and the error code unless `answer` is a 2xx.
    public static func require(_ answer: SignedHTTPClient.Answer, _ what: String) throws {
        guard !(200..<300).contains(answer.status) else { return }
        let code = errorCode(answer) ?? "HTTP \(answer.status)"
        throw CofferClientError("\(what) failed: \(code)")
    }

    /// The `<Code>` of an S3 XML error, or the `__type` of a KMS JSON error.
    private static func errorCode(_ answer: SignedHTTPClient.Answer) -> String? {
        let text = String(decoding: answer.body, as: UTF8.self)
        if let start = text.range(of: "<Code>"),
            let end = text.range(of: "</Code>", range: start.upperBound..<text.endIndex)
        {
            return String(text[start.upperBound..<end.lowerBound])
        }
        let json = try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any]
        return json?["__type"] as? String
    }
}

/// A call was refused or answered strangely; the message says which and why.
public struct CofferClientError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
