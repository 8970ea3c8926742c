import HTTPSupport
import SigV4

extension S3Authenticator {
    /// Names the sender of a browser POST upload from its form: SigV4 (`x-amz-algorithm`, `x-amz-credential`,
    /// `x-amz-date`, `x-amz-signature`), SigV2 (`AWSAccessKeyId`, `signature`), or anonymous without either.
    ///
    /// Each signs the `policy` field as sent; the policy's conditions are checked afterwards (``PostPolicy``).
    /// - Throws: `InvalidArgument` for a missing or malformed signature field, and S3's authentication errors.
    func authenticate(post form: PostForm) throws(S3Error) -> S3Identity {
        let sigV4 = ["x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-signature"]
        let sigV2 = ["awsaccesskeyid", "signature"]
        let usesSigV4 = sigV4.contains { form[$0] != nil }
        guard usesSigV4 || sigV2.contains(where: { form[$0] != nil }) else {
            if form["policy"] != nil { throw S3Error.postFieldMissing("x-amz-signature") }
            return .anonymous
        }
        guard let policy = form["policy"] else { throw S3Error.postFieldMissing("policy") }
        let values = try Self.required(usesSigV4 ? sigV4 : sigV2, in: form)
        do throws(SigV4Error) {
            guard usesSigV4 else {
                let accessKeyId = try postPolicy.verifySigV2(
                    policy: policy, accessKeyId: values[0], signature: values[1])
                return .sigV2(try principal(accessKeyId))
            }
            let authentication = try postPolicy.verifySigV4(
                policy: policy, algorithm: values[0], credential: values[1], amzDate: values[2], signature: values[3])
            return .sigV4(try principal(authentication.accessKeyId), authentication)
        } catch  where error.code == .malformed || error.code == .unsupportedAlgorithm {
            throw S3Error.invalidArgument(error.message)
        } catch {
            throw S3Error(error, scheme: usesSigV4 ? .sigV4Header : .sigV2Header)
        }
    }

    private static func required(_ names: [String], in form: PostForm) throws(S3Error) -> [String] {
        var values: [String] = []
        for name in names {
            guard let value = form[name] else {
                throw S3Error.postFieldMissing(name == "awsaccesskeyid" ? "AWSAccessKeyId" : name)
            }
            values.append(value)
        }
        return values
    }
}
