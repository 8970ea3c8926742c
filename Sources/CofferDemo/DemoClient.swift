import CofferServer
import Crypto
import Foundation

/// The few S3 and KMS calls the demo makes, over ``SignedHTTPClient``: what the aws CLI would send.
struct DemoClient: Sendable {
    let http: SignedHTTPClient

    /// KMS CreateKey: a symmetric customer managed key; returns its ARN.
    func createKey(description: String) async throws -> String {
        let body = try JSONSerialization.data(withJSONObject: ["Description": description])
        let answer = try await http.send(
            "POST", path: "/",
            headers: [("content-type", "application/x-amz-json-1.1"), ("x-amz-target", "TrentService.CreateKey")],
            body: body, service: "kms")
        try Self.require(answer, "CreateKey")
        let json = try JSONSerialization.jsonObject(with: answer.body) as? [String: Any]
        guard let arn = (json?["KeyMetadata"] as? [String: Any])?["Arn"] as? String else {
            throw DemoError("CreateKey answered without a key ARN")
        }
        return arn
    }

    /// S3 CreateBucket; a bucket left by an earlier run in the same `--data` folder is reused.
    func createBucket(_ bucket: String) async throws {
        let answer = try await http.send("PUT", path: "/\(bucket)", service: "s3")
        if answer.status == 409, Self.errorCode(answer) == "BucketAlreadyOwnedByYou" { return }
        try Self.require(answer, "CreateBucket \(bucket)")
    }

    /// S3 PutBucketEncryption: SSE-KMS with `keyArn` by default, with or without Bucket Keys.
    func putBucketEncryption(_ bucket: String, keyArn: String, bucketKeyEnabled: Bool) async throws {
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
    func putObject(bucket: String, key: String, body: Data) async throws -> SignedHTTPClient.Answer {
        let answer = try await http.send(
            "PUT", path: "/\(bucket)/\(key)", headers: [("content-type", "text/plain")], body: body, service: "s3")
        try Self.require(answer, "PutObject \(bucket)/\(key)")
        return answer
    }

    /// S3 GetObject: the plaintext.
    func getObject(bucket: String, key: String) async throws -> Data {
        let answer = try await http.send("GET", path: "/\(bucket)/\(key)", service: "s3")
        try Self.require(answer, "GetObject \(bucket)/\(key)")
        return answer.body
    }

    /// `GET /_coffer/stats`: the server's KMS counters, bucket-key caches and bucket usage.
    func stats() async throws -> CofferStats {
        let answer = try await http.send("GET", path: "/_coffer/stats", service: "s3")
        try Self.require(answer, "GET /_coffer/stats")
        return try JSONDecoder().decode(CofferStats.self, from: answer.body)
    }

    func shutdown() { http.shutdown() }

    private static func require(_ answer: SignedHTTPClient.Answer, _ what: String) throws {
        guard !(200..<300).contains(answer.status) else { return }
        let code = errorCode(answer) ?? "HTTP \(answer.status)"
        throw DemoError("\(what) failed: \(code)")
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
