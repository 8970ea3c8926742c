import Testing

@testable import AccessPolicy

/// A document that must be rejected, and the error it must give.
struct MalformedCase: Sendable, CustomTestStringConvertible {
    let name: String
    let json: String
    let kind: PolicyDocument.Kind
    let error: PolicyError

    var testDescription: String { self.name }
}

/// A statement wrapped in a key policy with everything else valid.
private func keyStatement(_ body: String) -> String {
    #"{"Version": "2012-10-17", "Statement": [{\#(body)}]}"#
}

private let validKeyStatement =
    #""Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "kms:*", "Resource": "*""#

private func condition(_ block: String) -> String {
    keyStatement(validKeyStatement + #", "Condition": \#(block)"#)
}

private func malformed(
    _ name: String, _ json: String, _ error: PolicyError, kind: PolicyDocument.Kind = .resourceBased
) -> MalformedCase {
    MalformedCase(name: name, json: json, kind: kind, error: error)
}

private let malformedCases: [MalformedCase] = [
    malformed("not JSON", #"{"Version": "2012-10-17", "Statement": "#, .notJSON),
    malformed("empty text", "", .notJSON),
    malformed("array document", "[]", .notAnObject),
    malformed("string document", #""policy""#, .notAnObject),
    malformed("unknown top-level element", #"{"Statement": [], "Extra": 1}"#, .unknownElement),
    malformed("lowercase element name", #"{"version": "2012-10-17", "Statement": []}"#, .unknownElement),
    malformed("bad Version", #"{"Version": "2020-01-01", "Statement": {}}"#, .invalidVersion),
    malformed("numeric Version", #"{"Version": 2012, "Statement": {}}"#, .invalidVersion),
    malformed("Id not a string", #"{"Id": 5, "Statement": {}}"#, .invalidId),
    malformed("missing Statement", #"{"Version": "2012-10-17"}"#, .missingStatement),
    malformed("empty Statement array", #"{"Version": "2012-10-17", "Statement": []}"#, .missingStatement),
    malformed("Statement a string", #"{"Version": "2012-10-17", "Statement": "Allow"}"#, .missingStatement),
    malformed("statement not an object", #"{"Statement": ["Allow"]}"#, .invalidStatement),
    malformed("unknown statement element", keyStatement(validKeyStatement + #", "Actions": "kms:*""#), .unknownElement),
    malformed("Sid not a string", keyStatement(validKeyStatement + #", "Sid": 1"#), .invalidSid),
    malformed("missing Effect", keyStatement(#""Principal": "*", "Action": "kms:*", "Resource": "*""#), .invalidEffect),
    malformed(
        "lowercase Effect",
        keyStatement(#""Effect": "allow", "Principal": "*", "Action": "kms:*", "Resource": "*""#), .invalidEffect),
    malformed(
        "Effect Permit",
        keyStatement(#""Effect": "Permit", "Principal": "*", "Action": "kms:*", "Resource": "*""#), .invalidEffect),
    malformed(
        "key policy without Principal", keyStatement(#""Effect": "Allow", "Action": "kms:*", "Resource": "*""#),
        .missingPrincipal),
    malformed(
        "identity policy with Principal",
        keyStatement(#""Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*""#),
        .prohibitedPrincipal, kind: .identityBased),
    malformed(
        "identity policy with NotPrincipal",
        keyStatement(#""Effect": "Deny", "NotPrincipal": {"AWS": "111122223333"}, "Action": "kms:*", "Resource": "*""#),
        .prohibitedPrincipal, kind: .identityBased),
    malformed(
        "Principal and NotPrincipal",
        keyStatement(
            #""Effect": "Allow", "Principal": "*", "NotPrincipal": "*", "Action": "kms:*", "Resource": "*""#),
        .principalAndNotPrincipal),
    malformed(
        "Principal a bare string other than *",
        keyStatement(#""Effect": "Allow", "Principal": "111122223333", "Action": "kms:*", "Resource": "*""#),
        .invalidPrincipal),
    malformed(
        "Principal AWS not an ARN or account",
        keyStatement(#""Effect": "Allow", "Principal": {"AWS": "alice"}, "Action": "kms:*", "Resource": "*""#),
        .invalidPrincipal),
    malformed(
        "Principal ARN with a wildcard",
        keyStatement(
            #""Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/*"}, "Action": "kms:*", "Resource": "*""#
        ), .invalidPrincipal),
    malformed(
        "Principal account id too short",
        keyStatement(#""Effect": "Allow", "Principal": {"AWS": "11112222333"}, "Action": "kms:*", "Resource": "*""#),
        .invalidPrincipal),
    malformed(
        "Principal of an unknown type",
        keyStatement(#""Effect": "Allow", "Principal": {"User": "alice"}, "Action": "kms:*", "Resource": "*""#),
        .invalidPrincipal),
    malformed(
        "Principal empty object",
        keyStatement(#""Effect": "Allow", "Principal": {}, "Action": "kms:*", "Resource": "*""#),
        .invalidPrincipal),
    malformed(
        "Principal list with a number",
        keyStatement(#""Effect": "Allow", "Principal": {"AWS": [111122223333]}, "Action": "kms:*", "Resource": "*""#),
        .invalidPrincipal),
    malformed(
        "missing Action", keyStatement(#""Effect": "Allow", "Principal": "*", "Resource": "*""#), .missingAction),
    malformed(
        "empty Action list", keyStatement(#""Effect": "Allow", "Principal": "*", "Action": [], "Resource": "*""#),
        .missingAction),
    malformed(
        "Action not a string", keyStatement(#""Effect": "Allow", "Principal": "*", "Action": 5, "Resource": "*""#),
        .missingAction),
    malformed(
        "Action and NotAction",
        keyStatement(
            #""Effect": "Allow", "Principal": "*", "Action": "kms:*", "NotAction": "kms:Decrypt", "Resource": "*""#),
        .actionAndNotAction),
    malformed(
        "Action without vendor",
        keyStatement(#""Effect": "Allow", "Principal": "*", "Action": "Decrypt", "Resource": "*""#), .invalidAction),
    malformed(
        "Action with two colons",
        keyStatement(#""Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt:x", "Resource": "*""#),
        .invalidAction),
    malformed(
        "missing Resource", keyStatement(#""Effect": "Allow", "Principal": "*", "Action": "kms:*""#),
        .missingResource),
    malformed(
        "Resource and NotResource",
        keyStatement(#""Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*", "NotResource": "*""#),
        .resourceAndNotResource),
    malformed(
        "empty Resource", keyStatement(#""Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": """#),
        .invalidResource),
    malformed(
        "Resource an object",
        keyStatement(#""Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": {"a": "b"}"#),
        .invalidResource),
    malformed("Condition not an object", condition(#""StringEquals""#), .invalidCondition),
    malformed("operator block not an object", condition(#"{"StringEquals": "kms:ViaService"}"#), .invalidCondition),
    malformed("operator block empty", condition(#"{"StringEquals": {}}"#), .invalidCondition),
    malformed("unknown operator", condition(#"{"StringMatches": {"kms:ViaService": "x"}}"#), .unknownConditionOperator),
    malformed(
        "unsupported Date operator", condition(#"{"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}"#),
        .unknownConditionOperator),
    malformed(
        "Null with IfExists", condition(#"{"NullIfExists": {"kms:ViaService": "true"}}"#), .unknownConditionOperator),
    malformed(
        "set operator on Null", condition(#"{"ForAnyValue:Null": {"kms:ViaService": "true"}}"#),
        .unknownConditionOperator),
    malformed(
        "unknown set operator", condition(#"{"ForSomeValues:StringEquals": {"kms:ViaService": "x"}}"#),
        .unknownConditionOperator),
    malformed(
        "condition key without vendor", condition(#"{"StringEquals": {"ViaService": "x"}}"#), .invalidConditionKey),
    malformed(
        "condition value an object", condition(#"{"StringEquals": {"kms:ViaService": {"a": "b"}}}"#),
        .invalidConditionValue),
    malformed(
        "condition value null", condition(#"{"StringEquals": {"kms:ViaService": null}}"#), .invalidConditionValue),
    malformed(
        "condition value nested array", condition(#"{"StringEquals": {"kms:ViaService": [["x"]]}}"#),
        .invalidConditionValue),
    malformed(
        "condition value empty array", condition(#"{"StringEquals": {"kms:ViaService": []}}"#), .invalidConditionValue),
    malformed(
        "Bool value not a boolean", condition(#"{"Bool": {"kms:GrantIsForAWSResource": "yes"}}"#),
        .invalidConditionValue),
    malformed(
        "Null value not a boolean", condition(#"{"Null": {"kms:EncryptionContextKeys": 1}}"#), .invalidConditionValue),
    malformed(
        "Numeric value not a number", condition(#"{"NumericLessThan": {"kms:RotationPeriodInDays": "ten"}}"#),
        .invalidConditionValue),
    malformed(
        "duplicate Sid in an identity policy",
        #"{"Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}, {"Sid": "A", "Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}"#,
        .duplicateSid, kind: .identityBased),
]

@Suite("Policy documents: parsing")
struct PolicyParsingTests {
    @Test(arguments: malformedCases)
    func rejectsMalformed(_ testCase: MalformedCase) {
        #expect(throws: testCase.error) { try PolicyDocument(json: testCase.json, kind: testCase.kind) }
    }

    @Test func parsesTheDefaultKeyPolicy() {
        let policy = KeyPolicies.awsDefault
        #expect(policy.version == "2012-10-17")
        #expect(policy.id == "key-default-1")
        #expect(policy.statements.count == 1)
        #expect(policy.statements[0].sid == "Enable IAM User Permissions")
        #expect(policy.statements[0].effect == .allow)
    }

    @Test func acceptsASingleStatementObjectAndNoVersion() throws {
        let policy = try PolicyDocument(
            json:
                #"{"Statement": {"Effect": "Deny", "Principal": "*", "NotAction": "kms:Decrypt", "NotResource": "*"}}"#,
            kind: .resourceBased)
        #expect(policy.version == nil)
        #expect(policy.statements.count == 1)
        #expect(policy.statements[0].effect == .deny)
        #expect(policy.statements[0].actions.negated && policy.statements[0].resources.negated)
    }

    @Test func parsesEveryPrincipalForm() throws {
        let policy = try PolicyDocument(
            json: """
                {"Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*", "Principal": {
                  "AWS": ["arn:aws:iam::111122223333:root", "444455556666", "arn:aws:iam::111122223333:user/alice",
                          "arn:aws:iam::111122223333:role/Admin", "arn:aws:sts::111122223333:assumed-role/Admin/s"],
                  "Service": "s3.amazonaws.com", "Federated": "cognito-identity.amazonaws.com",
                  "CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}}]}
                """, kind: .resourceBased)
        guard case .principal(let set) = policy.statements[0].principal else {
            Issue.record("expected a Principal element")
            return
        }
        #expect(Set(set.accounts) == ["111122223333", "444455556666"])
        #expect(set.arns.count == 3)
        #expect(set.services == ["s3.amazonaws.com"])
        #expect(!set.everyone)
    }

    @Test func principalStarInBothSpellings() throws {
        for principal in [#""*""#, #"{"AWS": "*"}"#, #"{"AWS": ["*"]}"#] {
            let policy = try PolicyDocument(
                json:
                    #"{"Statement": {"Effect": "Allow", "Principal": \#(principal), "Action": "kms:*", "Resource": "*"}}"#,
                kind: .resourceBased)
            #expect(policy.statements[0].principalMatch(Cast.dave) == .direct)
        }
    }

    @Test func lowercasesActionsAtParseTime() throws {
        let policy = try PolicyDocument(
            json:
                #"{"Statement": {"Effect": "Allow", "Action": ["KMS:Decrypt", "kms:GenerateDataKey*"], "Resource": "*"}}"#,
            kind: .identityBased)
        #expect(policy.statements[0].actions.patterns.map(\.pattern) == ["kms:decrypt", "kms:generatedatakey*"])
    }

    @Test func conditionValuesMayBeNumbersAndBooleans() throws {
        let policy = try PolicyDocument(
            json: condition(
                #"{"StringEquals": {"kms:CallerAccount": 111122223333}, "Bool": {"kms:GrantIsForAWSResource": true}}"#),
            kind: .resourceBased)
        let request = Cast.request(Cast.alice, "kms:CreateGrant", context: [ConditionKey.grantIsForAWSResource: true])
        #expect(policy.statements[0].conditions.count == 2)
        #expect(policy.statements[0].applies(to: request))
    }

    @Test func identityPolicyDuplicateSidsAreRejectedButKeyPolicyOnesAreNot() throws {
        let json =
            #"{"Statement": [{"Sid": "A", "Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*"}, {"Sid": "A", "Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*"}]}"#
        #expect(try PolicyDocument(json: json, kind: .resourceBased).statements.count == 2)
    }

    @Test func messagesSayWhereTheProblemIs() {
        do {
            _ = try PolicyDocument(
                json: keyStatement(#""Sid": "Users", "Effect": "Allow", "Principal": "*", "Resource": "*""#),
                kind: .resourceBased)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == #"Statement 1 (Sid "Users"): Policy statement must contain actions."#)
            #expect(error.description.hasPrefix("MalformedPolicyDocument: "))
        }
    }

    @Test func awsWordingForPrincipalErrors() {
        #expect(PolicyError.missingPrincipal.message == "Policy contains a statement with no principal.")
        #expect(
            PolicyError.invalidPrincipal.message == "Policy contains a statement with one or more invalid principals.")
        #expect(
            PolicyError.lockout.message
                == "The new key policy will not allow you to update the key policy in the future.")
    }
}
